// The checks every access-key state change makes before it writes: a non-empty list without
// repeats, every key known (2100) and the caller's own (1400, admins included: this is the
// account module, where everybody manages their own keys). The rows stay locked until the commit.
import { ApiError } from '../../../errors.ts'
import type { ActionContext } from '../../../protocol/action.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { lockKeys, type AccessKeyRow } from '../access-key-repo.ts'

export async function requireOwnKeys(ctx: ActionContext, ids: readonly string[]): Promise<AccessKeyRow[]> {
  if (ids.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter access_keys')
  requireDistinct('access_keys', ids)
  return requireOwned(await lockKeys(ctx.db, ctx.caps, ids), ids, (k) => k.access_key_id, ctx.caller)
}
