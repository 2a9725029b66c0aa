// Access keys over the signed API. Limitations: keys are created by bootstrap (and, with issue #4,
// by signed-in users); DeleteAccessKeys and sub-users are not implemented yet.
import type { Action } from '../../protocol/action.ts'
import { describeAccessKeys } from './actions/describe-access-keys.ts'

export const accessKeyActions = [describeAccessKeys]

/** Access-key management by a signed-in user (module /account/): issue #4. */
export const accessKeySessionActions: Action[] = []
