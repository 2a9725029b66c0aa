// What a static points at outside its router: the vxnet it belongs to and, for a DHCP option
// (static_type 3), the instance in val1. Both must be the caller's, in the zone: an unknown id is
// 2100, another user's 1400, a terminated instance 1400 (the guards' messages).
import type { ActionContext } from '../../protocol/action.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { requireOwned, stateRule } from '../resources/guards.ts'
import { BASE_VXNET } from '../vxnets/vxnet-kind.ts'
import { findVxnetsById } from '../vxnets/vxnet-repo.ts'
import type { StaticContent } from './static-rules.ts'

type Ctx = Pick<ActionContext, 'db' | 'zone' | 'caller'>

export async function requireStaticReferences(ctx: Ctx, statics: readonly StaticContent[]): Promise<void> {
  const vxnetIds = [...new Set(statics.map((s) => s.vxnet_id).filter((id) => id !== '' && id !== BASE_VXNET))]
  const vxnets = (await findVxnetsById(ctx.db, vxnetIds)).filter((v) => v.zone_id === ctx.zone)
  requireOwned(vxnets, vxnetIds, (v) => v.vxnet_id, ctx.caller)
  const instanceIds = [...new Set(statics.filter((s) => s.static_type === 3).map((s) => s.val1))]
  const instances = requireOwned(
    (await findInstancesById(ctx.db, instanceIds)).filter((i) => i.zone_id === ctx.zone),
    instanceIds,
    (i) => i.instance_id,
    ctx.caller,
  )
  for (const i of instances) {
    if (i.status === 'terminated' || i.status === 'ceased') throw stateRule('instance', i.instance_id, `is ${i.status}`, 'can not be given DHCP options')
  }
}
