// The instance named by AttachVolumes / DetachVolumes. The SDKs send `instance`; the doc examples
// write `instance_id` (reference 3.4), so either is accepted.
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import { Optional, Str } from '../../protocol/params.ts'
import type { InstanceTable } from '../../store/database.ts'
import { lockInstances } from '../instances/instance-repo.ts'
import { requireOwned } from '../resources/guards.ts'

export const targetParams = { instance: Optional(Str()), instance_id: Optional(Str()) }

/**
 * The caller's instance in this zone, locked. It is locked before its volumes, the order instance
 * termination uses too, so the two never deadlock; the lock also serialises device allocation.
 */
export async function getTargetInstance(ctx: ActionContext, params: { instance?: string | undefined; instance_id?: string | undefined }): Promise<InstanceTable> {
  const { instance, instance_id } = params
  if (instance && instance_id && instance !== instance_id) throw new ApiError('InvalidRequestFormat', 'parameters instance and instance_id name different instances')
  const id = instance ?? instance_id
  if (!id) throw new ApiError('InvalidRequestFormat', 'missing parameter instance')
  const [row] = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, [id]), [id], (i) => i.instance_id, ctx.caller)
  return row!
}
