// ModifyLoadBalancerAttributes (sync): a load balancer's name, description, security group,
// address, HTTP header size and node count, in any state but gone (1400), when it is not busy
// (1400). Terraform clears a field with a single space: a name or description of spaces only is
// empty (`description=` clears too). `security_group=` (empty) leaves the group as it is; another
// group must be the caller's (2100 / 1400).
//
// `private_ip` moves the load balancer's address within its vxnet (vxnets/membership.ts
// moveAddress): 1100 outside the network's addresses, 2110 when another interface holds it.
// A change of the security group, address, `http_header_size` (1–127) or `node_count` (≥ 1) waits
// for UpdateLoadBalancers: is_applied becomes 0 (a value equal to the current one changes nothing).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireOwned, stateRule } from '../../resources/guards.ts'
import { blank, isIpv4 } from '../../resources/wire-values.ts'
import { lockGroups } from '../../security-groups/security-group-repo.ts'
import { lockNetwork, moveAddress } from '../../vxnets/membership.ts'
import { findLoadBalancers, getLoadBalancersForUpdate, type LoadBalancerChange, updateLoadBalancer } from '../lb-repo.ts'
import { requireState } from '../lifecycle-rules.ts'

export const modifyLoadBalancerAttributes = defineAction({
  name: 'ModifyLoadBalancerAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    loadbalancer: Str(),
    loadbalancer_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
    security_group: Optional(Str({ keepEmpty: true })),
    private_ip: Optional(Str()),
    http_header_size: Optional(Int({ minimum: 1, maximum: 127 })),
    node_count: Optional(Int({ minimum: 1 })),
  }),
  async handle(params, ctx) {
    if (params.private_ip !== undefined && !isIpv4(params.private_ip)) throw new ApiError('InvalidRequestFormat', `parameter private_ip [${params.private_ip}] is not an IPv4 address`)
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.loadbalancer_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    // a new address: the network is locked before the load balancer, the order LoadBalancerJoinVxnet
    // and LeaveVxnet lock in, so the two never wait on each other
    const [seen] = params.private_ip === undefined ? [] : await findLoadBalancers(ctx.db, ctx.zone, [params.loadbalancer])
    const net = seen && seen.owner === ctx.caller.user_id && seen.vxnet_id !== '' ? await lockNetwork(ctx, seen.vxnet_id) : undefined
    const [lb] = await getLoadBalancersForUpdate(ctx, 'loadbalancer', [params.loadbalancer])
    requireState(lb!, ['pending', 'active', 'stopped', 'suspended'], 'modified')

    const change: LoadBalancerChange = {}
    if (params.loadbalancer_name !== undefined) change.loadbalancer_name = blank(params.loadbalancer_name)
    if (params.description !== undefined) change.description = blank(params.description) || null
    const security_group = blank(params.security_group)
    if (security_group !== '' && security_group !== lb!.security_group_id) {
      requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [security_group]), [security_group], (g) => g.security_group_id, ctx.caller)
      change.security_group_id = security_group
    }
    if (params.http_header_size !== undefined && params.http_header_size !== lb!.http_header_size) change.http_header_size = params.http_header_size
    if (params.node_count !== undefined && params.node_count !== lb!.node_count) change.node_count = params.node_count
    if (params.private_ip !== undefined && params.private_ip !== lb!.private_ip) {
      if (lb!.vxnet_id === '') throw stateRule('loadbalancer', lb!.loadbalancer_id, 'is in no vxnet', 'its private_ip can not be set')
      if (net?.vxnet_id !== lb!.vxnet_id) throw new ApiError('ServerBusy', `loadbalancer [${lb!.loadbalancer_id}] changed its vxnet meanwhile, please try again`)
      await moveAddress(ctx, net, lb!.loadbalancer_id, params.private_ip)
      change.private_ip = params.private_ip
    }
    if (['security_group_id', 'http_header_size', 'node_count', 'private_ip'].some((f) => f in change)) change.is_applied = 0
    await updateLoadBalancer(ctx.db, lb!.loadbalancer_id, change)
    if (wallet && change.loadbalancer_name !== undefined) await renameLeased(ctx, wallet, lb!.loadbalancer_id, change.loadbalancer_name)
    return {}
  },
})
