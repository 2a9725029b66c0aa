// ModifyNicAttributes: renames one of the caller's NICs (an empty name changes nothing, as for the
// other Modify actions) or gives it another address in its vxnet. The address changes only while
// the NIC is not attached (`available`; 1400 otherwise), must be inside the network (1100; a
// self-managed vxnet hands out none) and not held by another NIC (2110). Moving a NIC to another
// vxnet (the Go SDK's `vxnet`) is not supported: the parameter is ignored.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireOwned, stateRule } from '../../resources/guards.ts'
import { chooseAddresses, lockNetwork } from '../../vxnets/membership.ts'
import { ipToNumber, requireInPlan } from '../../vxnets/network.ts'
import { findNicsById, updateNics } from '../nic-repo.ts'
import { getNicsForUpdate } from '../nic-rules.ts'

export const modifyNicAttributes = defineAction({
  name: 'ModifyNicAttributes',
  params: Type.Object({
    nic: Str(),
    nic_name: Optional(Str({ maxLength: 255 })),
    private_ip: Optional(Str()),
  }),
  async handle({ nic: nicId, nic_name, private_ip }, ctx) {
    if (private_ip !== undefined && ipToNumber(private_ip) === undefined) throw new ApiError('InvalidRequestFormat', `parameter private_ip value [${private_ip}] is not an IPv4 address`)
    if (private_ip === undefined) {
      await getNicsForUpdate(ctx, 'nic', [nicId])
      if (nic_name !== undefined) await updateNics(ctx.db, [nicId], { nic_name })
      return {}
    }
    // a new address: the network is locked first (as every address allocation does), then the NIC
    const [seen] = requireOwned(await findNicsById(ctx.db, ctx.zone, [nicId]), [nicId], (n) => n.nic_id, ctx.caller)
    const net = await lockNetwork(ctx, seen!.vxnet_id)
    const [nic] = await getNicsForUpdate(ctx, 'nic', [nicId])
    if (nic!.status !== 'available' || nic!.instance_id !== '') throw stateRule('nic', nicId, `is [${nic!.status}]`, 'its address can only change while it is not attached')
    requireInPlan(net.vxnet_id, net.plan, private_ip)
    if (private_ip !== nic!.private_ip) await chooseAddresses(ctx, net, [private_ip])
    await updateNics(ctx.db, [nicId], { private_ip, ...(nic_name !== undefined && { nic_name }) })
    return {}
  },
})
