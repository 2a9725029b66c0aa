// accounts: registration, verification, login, sessions, password reset (module /account/).
// Work in progress (issue #4).
import type { Action } from '../../protocol/action.ts'

export const accountActions: Action[] = []
