// snapshots (issue 8): filled in by the feature's actions.
import type { Action } from '../../protocol/action.ts'

export const snapshotActions: Action[] = []
