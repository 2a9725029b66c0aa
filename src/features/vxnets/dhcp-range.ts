// A joined vxnet's DHCP range changed through its router (ModifyRouterAttributes features=1, vxnet,
// dyn_ip_start, dyn_ip_end). The vxnet row is the vxnets feature's: the routers feature calls this
// with the router row already locked (the VPC lock order: router, then its vxnets).
import type { ActionContext } from '../../protocol/action.ts'
import { requireOwned, stateRule } from '../resources/guards.ts'
import { joinAddresses, parseCidr } from './network.ts'
import { lockVxnets, setDhcpRange } from './vxnet-repo.ts'

/**
 * Sets the DHCP range of `vxnetId`, which must be the caller's and joined to `routerId` (settled):
 * 1400 otherwise; 1100 for a range outside its network, reversed, or holding the router's address.
 * Addresses already handed out stay (their leases outlive a range change); new members get the new range.
 */
export async function changeDhcpRange(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, routerId: string, vxnetId: string, range: { dyn_ip_start: string; dyn_ip_end: string }): Promise<void> {
  const [vxnet] = requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, [vxnetId]), [vxnetId], (v) => v.vxnet_id, ctx.caller)
  if (vxnet!.router_id !== routerId) throw stateRule('vxnet', vxnetId, `is not joined to router [${routerId}]`, 'can not set its DHCP range')
  if (vxnet!.router_transition !== '') throw stateRule('vxnet', vxnetId, `is [${vxnet!.router_transition}] router [${routerId}]`, 'please try later')
  const net = parseCidr(vxnet!.ip_network)
  if (!net) throw stateRule('vxnet', vxnetId, `has no network [${vxnet!.ip_network}]`, 'can not set its DHCP range')
  const { dyn_ip_start, dyn_ip_end } = joinAddresses(net, { manager_ip: vxnet!.manager_ip, ...range })
  await setDhcpRange(ctx.db, vxnetId, { dyn_ip_start, dyn_ip_end })
}
