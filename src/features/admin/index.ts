// admin: user administration and platform settings (module /admin/, signed by an admin's key).
// Work in progress (issue #4).
import type { Action } from '../../protocol/action.ts'

export const adminActions: Action[] = []
