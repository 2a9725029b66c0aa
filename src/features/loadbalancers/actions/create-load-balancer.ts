// CreateLoadBalancer: a new load balancer is describable at once as `pending` + `creating` and is
// `active` with an empty transition_status when the job settles (what the CCM and terraform wait
// for). It is leased at its type's price (loadbalancer_type 0–5: 5k … 500k connections) and its
// first hour charged in the request (2400 when the balance cannot pay: nothing is created); it
// counts against the `loadbalancer` quota (2500).
//
// - `vxnet` and/or `eips.N`, one of them required (1100). Without `vxnet` it lives in the base
//   network vxnet-0. Its address there is an interface of the vxnets feature it holds: `private_ip`
//   (1100 outside the network, 2110 taken) or the lowest free one. A self-managed vxnet hands out
//   no address, so it is refused (1400).
// - `eips.N`: at most 4 of the caller's EIPs, each available and idle (1400 otherwise); they are
//   `associated` with the load balancer at once. EIPs with a vxnet other than vxnet-0 are allowed.
// - `security_group`: one of the caller's groups, else the caller's default group (made if needed).
// - `node_count` (default 1), `http_header_size` (KB, 1–127, default 15), `mode` and
//   `cluster_mode` (0|1) are stored and shown. `place_group_id` and `project_id` are accepted and
//   ignored; `target_user` and `owner` may only name the caller (creating for another user is not
//   supported: 1400).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Optional, Str } from '../../../protocol/params.ts'
import type { LoadBalancerTable } from '../../../store/database.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { bindEip } from '../../eips/eip-repo.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { blank, isIpv4 } from '../../resources/wire-values.ts'
import { defaultGroupOf } from '../../security-groups/default-group.ts'
import { lockGroups } from '../../security-groups/security-group-repo.ts'
import { joinNetwork, lockNetwork } from '../../vxnets/membership.ts'
import { requireInPlan } from '../../vxnets/network.ts'
import { BASE_VXNET } from '../../vxnets/vxnet-kind.ts'
import { releaseNics } from '../../vxnets/vxnet-repo.ts'
import { loadBalancerKind } from '../lb-kind.ts'
import { finishLoadBalancerTransition, insertEipBindings, insertLoadBalancers, ownersOfLoadBalancers } from '../lb-repo.ts'
import { unbindEipsOf } from '../lifecycle-rules.ts'

export const MAX_LOADBALANCER_EIPS = 4
export const DEFAULT_HTTP_HEADER_SIZE = 15

/** `target_user` / `owner` may name the caller only. */
export function requireSelf(parameter: string, value: string | undefined, userId: string): void {
  if (value !== undefined && value !== userId) throw new ApiError('PermissionDenied', `parameter ${parameter} [${value}] is not you: acting for another user is not supported`)
}

export const createLoadBalancer = defineAction({
  name: 'CreateLoadBalancer',
  locks: ['wallet', 'quota'],
  jobLocks: ['wallet'],
  params: Type.Object({
    loadbalancer_name: Optional(Str({ maxLength: 255 })),
    eips: Optional(List(Str())),
    vxnet: Optional(Str()),
    private_ip: Optional(Str()),
    loadbalancer_type: Optional(Int({ minimum: 0, maximum: 5 })),
    node_count: Optional(Int({ minimum: 1 })),
    security_group: Optional(Str()),
    http_header_size: Optional(Int({ minimum: 1, maximum: 127 })),
    mode: Optional(Int({ minimum: 0, maximum: 1 })),
    cluster_mode: Optional(Int({ minimum: 0, maximum: 1 })),
    place_group_id: Optional(Str()),
    project_id: Optional(Str()),
    target_user: Optional(Str()),
    owner: Optional(Str()),
  }),
  async handle(params, ctx) {
    const eips = params.eips ?? []
    if (eips.length === 0 && params.vxnet === undefined) throw new ApiError('InvalidRequestFormat', 'one of parameters eips.N or vxnet is required')
    if (eips.length > MAX_LOADBALANCER_EIPS) throw new ApiError('InvalidRequestFormat', `parameter eips names ${eips.length} EIPs, a load balancer can have at most ${MAX_LOADBALANCER_EIPS}`)
    requireDistinct('eips', eips)
    if (params.private_ip !== undefined && !isIpv4(params.private_ip)) throw new ApiError('InvalidRequestFormat', `parameter private_ip [${params.private_ip}] is not an IPv4 address`)
    requireSelf('target_user', params.target_user, ctx.caller.user_id)
    requireSelf('owner', params.owner, ctx.caller.user_id)

    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const loadbalancer_type = params.loadbalancer_type ?? 0
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, loadBalancerKind, { loadbalancer_type })
    await requireQuota(ctx, ctx.zone, { loadbalancer: 1 })
    if (params.security_group) requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [params.security_group]), [params.security_group], (g) => g.security_group_id, ctx.caller)
    const security_group_id = params.security_group ?? (await defaultGroupOf(ctx)).security_group_id

    const id = ctx.ids.resource('lb')
    const net = await lockNetwork(ctx, params.vxnet ?? BASE_VXNET)
    if (!net.managed) throw new ApiError('PermissionDenied', `vxnet [${net.vxnet_id}] is self-managed and hands out no addresses, a load balancer needs a managed vxnet or vxnet-0`)
    if (params.private_ip !== undefined) requireInPlan(net.vxnet_id, net.plan, params.private_ip)
    const [nic] = await joinNetwork(ctx, net, [{ instance_id: id, ip: params.private_ip }], '')
    for (const eip of eips) await bindEip(ctx, eip)

    const time = formatTime(ctx.clock.now())
    const row: LoadBalancerTable = {
      loadbalancer_id: id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      loadbalancer_name: blank(params.loadbalancer_name),
      description: null,
      loadbalancer_type,
      node_count: params.node_count ?? 1,
      vxnet_id: net.vxnet_id,
      private_ip: nic!.private_ip,
      security_group_id,
      http_header_size: params.http_header_size ?? DEFAULT_HTTP_HEADER_SIZE,
      mode: params.mode ?? 0,
      cluster_mode: params.cluster_mode ?? 0,
      is_applied: 1,
      status: 'pending',
      transition_status: 'creating',
      create_time: time,
      status_time: time,
    }
    await openLeases(ctx, wallet, { zone: ctx.zone, resource_type: loadBalancerKind.type, plan: planOf({}), hourly }, [{ resource_id: id, resource_name: row.loadbalancer_name }])
    await insertLoadBalancers(ctx.db, [row])
    await insertEipBindings(
      ctx.db,
      eips.map((eip_id) => ({ eip_id, loadbalancer_id: id, zone_id: ctx.zone, owner: ctx.caller.user_id, transition_status: '', bind_time: time })),
    )
    return { loadbalancer_id: id, job_id: await ctx.jobs.start({ resource_ids: [id] }) }
  },
  async settle(job, jctx) {
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'creating', { status: 'active' }, jctx.clock.now())
  },
  // a load balancer whose creation failed never existed: everything charged is refunded, its EIPs
  // and its address are free again, and it ceases
  async onFailure(job, jctx) {
    const now = jctx.clock.now()
    for (const owner of await ownersOfLoadBalancers(jctx.db, job.resource_ids)) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    const failed = await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'creating', { status: 'ceased' }, now)
    await unbindEipsOf(jctx.db, failed, now)
    await releaseNics(jctx.db, failed, now)
  },
})
