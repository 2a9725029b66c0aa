// Access keys: over the signed API (/iaas/: DescribeAccessKeys) and, for a signed-in user, over
// the account module (/account/: create, describe, disable, enable, delete). Limitations: no
// sub-users; ip_white_list is stored but not enforced and cannot be set; no limit on the number of
// keys a user may hold; DeleteAccessKeys answers without a job_id. Changing keys needs a session,
// not a signature, so a leaked key cannot mint new keys or re-enable disabled ones.
import type { Action } from '../../protocol/action.ts'
import { createAccessKey } from './actions/create-access-key.ts'
import { deleteAccessKeys } from './actions/delete-access-keys.ts'
import { describeAccessKeys } from './actions/describe-access-keys.ts'
import { disableAccessKeys } from './actions/disable-access-keys.ts'
import { enableAccessKeys } from './actions/enable-access-keys.ts'

export const accessKeyActions = [describeAccessKeys]

/**
 * Access-key management by a signed-in user (module /account/, session auth). DescribeAccessKeys
 * is the same action as in /iaas/: only the way the caller proves who they are differs.
 */
export const accessKeySessionActions: Action[] = [createAccessKey, describeAccessKeys, disableAccessKeys, enableAccessKeys, deleteAccessKeys]
