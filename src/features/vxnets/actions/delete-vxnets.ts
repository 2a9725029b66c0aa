// DeleteVxnets: removes vxnets for good (they have no recycle bin), with their tag bindings, and
// echoes the ids. A vxnet with members left (terminated instances have left already) is refused
// with 5400 (an instance, a load balancer's address, or a NIC not attached to any), as is one still joined to a router
// (terraform leaves the router before deleting, and DeleteRouters counts on a router's vxnets staying
// until they leave); the base network vxnet-0 can not be deleted (1400).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { holderLabel } from '../../nics/nic-holder.ts'
import { isBase } from '../network.ts'
import { deleteVxnetRows, firstMember, lockVxnets } from '../vxnet-repo.ts'

export const deleteVxnets = defineAction({
  name: 'DeleteVxnets',
  params: Type.Object({ vxnets: List(Str()) }),
  async handle({ vxnets }, ctx) {
    if (vxnets.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter vxnets')
    requireDistinct('vxnets', vxnets)
    const base = vxnets.find(isBase)
    if (base) throw stateRule('vxnet', base, 'is the base network', 'can not be deleted')
    // locked: a JoinVxnet or RunInstances into one of them waits for this, then finds it gone
    const rows = requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, vxnets), vxnets, (v) => v.vxnet_id, ctx.caller)
    const member = await firstMember(ctx.db, ctx.zone, vxnets)
    if (member?.instance_id) throw new ApiError('ResourceDependence', `vxnet [${member.vxnet_id}] still has ${holderLabel(member.instance_id)}, it must leave the vxnet first`)
    if (member) throw new ApiError('ResourceDependence', `vxnet [${member.vxnet_id}] still has NIC [${member.nic_id}], delete it first`)
    const joined = rows.find((v) => v.router_id !== '')
    if (joined) throw new ApiError('ResourceDependence', `vxnet [${joined.vxnet_id}] is still joined to router [${joined.router_id}], it must leave the router first (LeaveRouter)`)
    await deleteVxnetRows(ctx.db, vxnets)
    await untagResources(ctx.db, vxnets)
    return { vxnets }
  },
})
