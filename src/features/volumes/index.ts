// volumes: work in progress (issue #3).
import type { Action } from '../../protocol/action.ts'

export const volumeActions: Action[] = []
