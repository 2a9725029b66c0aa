// ModifyRouterAttributes: a router's name, description, EIP, security group and features, in any
// state but gone, when it is not busy. Terraform clears a field by sending a single space, so a
// value of spaces only means empty: `description= ` clears it, `router_name= ` empties it, `eip= `
// (or `eip=`) unbinds the EIP. An empty `router_name=` or `description=`… is "not given" for the
// name, "clear" for the description, as in the other Modify actions.
//
// - `eip`: one of the caller's available EIPs, bound at once (DescribeEips shows it `associated`
//   with the router); the EIP bound before, if any, is `available` again. It needs UpdateRouters
//   to take effect on QingCloud, so the router's `is_applied` becomes 0.
// - `security_group`: one of the caller's groups (ApplySecurityGroup applies it; is_applied stays).
// - `features`: 1 turns DHCP on (then `vxnet`, `dyn_ip_start` and `dyn_ip_end` are required), 2
//   private-network DNS; it needs UpdateRouters (is_applied 0). With 1 the vxnet must be one joined
//   to the router (1400 naming it otherwise) and the range inside its network, the router's address
//   outside it (1100): the vxnets feature checks and writes it (vxnets/dhcp-range.ts).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { bindEip, unbindEip } from '../../eips/eip-repo.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { blank, isIpv4 } from '../../resources/wire-values.ts'
import { lockGroups } from '../../security-groups/security-group-repo.ts'
import { changeDhcpRange } from '../../vxnets/dhcp-range.ts'
import { routerKind } from '../router-kind.ts'
import { getRoutersForUpdate, type RouterChange, updateRouter } from '../router-repo.ts'

export const modifyRouterAttributes = defineAction({
  name: 'ModifyRouterAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    router: Str(),
    router_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
    eip: Optional(Str({ keepEmpty: true })),
    security_group: Optional(Str()),
    features: Optional(Int({ minimum: 1, maximum: 2 })),
    vxnet: Optional(Str()),
    dyn_ip_start: Optional(Str()),
    dyn_ip_end: Optional(Str()),
  }),
  async handle(params, ctx) {
    if (params.features === 1) {
      for (const field of ['vxnet', 'dyn_ip_start', 'dyn_ip_end'] as const) {
        if (params[field] === undefined) throw new ApiError('InvalidRequestFormat', `parameter ${field} is required with features 1 (DHCP)`)
      }
      for (const field of ['dyn_ip_start', 'dyn_ip_end'] as const) {
        if (!isIpv4(params[field]!)) throw new ApiError('InvalidRequestFormat', `parameter ${field} [${params[field]}] is not an IPv4 address`)
      }
    }
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.router_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    const [router] = await getRoutersForUpdate(ctx, 'router', [params.router])
    if (routerKind.goneStatuses.includes(router!.status)) throw stateRule('router', params.router, 'has already been deleted', 'can not be modified')
    requireIdle('router', router!.router_id, router!)

    const change: RouterChange = {}
    if (params.router_name !== undefined) change.router_name = blank(params.router_name)
    if (params.description !== undefined) change.description = blank(params.description) || null
    if (params.security_group !== undefined && params.security_group !== router!.security_group_id) {
      requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [params.security_group]), [params.security_group], (g) => g.security_group_id, ctx.caller)
      change.security_group_id = params.security_group
    }
    if (params.features !== undefined) {
      // DHCP is set per vxnet joined to the router
      if (params.features === 1) await changeDhcpRange(ctx, router!.router_id, params.vxnet!, { dyn_ip_start: params.dyn_ip_start!, dyn_ip_end: params.dyn_ip_end! })
      change.features = router!.features | params.features
      change.is_applied = 0
    }
    if (params.eip !== undefined) {
      const eip = blank(params.eip)
      if (eip !== router!.eip_id) {
        if (eip !== '') await bindEip(ctx, eip)
        await unbindEip(ctx.db, router!.eip_id, ctx.clock.now())
        change.eip_id = eip
        change.is_applied = 0
      }
    }
    await updateRouter(ctx.db, router!.router_id, change)
    if (wallet && change.router_name !== undefined) await renameLeased(ctx, wallet, router!.router_id, change.router_name)
    return {}
  },
})
