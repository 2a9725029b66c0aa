// CreateRouters: new VPC routers appear in DescribeRouters at once as `pending` + `creating` and
// become `active` when the job settles (terraform waits for transition_status ""). Each router is
// leased and its first hour charged in the request (2400 when the balance cannot pay, nothing
// created), counts against the `router` quota (2500), and lives in one of the caller's security
// groups (`security_group`, else the caller's default group, made if needed). QingLocal places no
// router on a host, so there is no capacity limit (5200) to reach.
//
// private_ip: the router's address in its VPC network, the network's first host (192.168.0.1 for
// 192.168.0.0/16): the address vxnets joined to it use as their gateway. `target_user` (creating
// for another user) is not supported.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import type { RouterTable } from '../../../store/database.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { requireOwned } from '../../resources/guards.ts'
import { defaultGroupOf } from '../../security-groups/default-group.ts'
import { lockGroups } from '../../security-groups/security-group-repo.ts'
import { routerKind } from '../router-kind.ts'
import { finishRouterTransition, insertRouters, ownersOfRouters } from '../router-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const MAX_CREATE_COUNT = 10
export const DEFAULT_VPC_NETWORK = '192.168.0.0/16'
/** 0 medium, 1 small (the default), 2 large, 3 extra-large. */
export const DEFAULT_ROUTER_TYPE = 1

/** 192.168.0.0/16 or one of 172.16.0.0/16 … 172.31.0.0/16 (terraform's set, which covers the docs'). */
const VPC_NETWORK = /^(?:192\.168|172\.(?:1[6-9]|2\d|3[01]))\.0\.0\/16$/

export function requireVpcNetwork(value: string): string {
  if (!VPC_NETWORK.test(value)) throw new ApiError('InvalidRequestFormat', `parameter vpc_network [${value}] must be 192.168.0.0/16 or one of 172.16.0.0/16 to 172.31.0.0/16`)
  return value
}

/** The VPC network's first host: 192.168.0.0/16 → 192.168.0.1. */
export const routerAddress = (vpcNetwork: string): string => `${vpcNetwork.split('.').slice(0, 2).join('.')}.0.1`

export const createRouters = defineAction({
  name: 'CreateRouters',
  locks: ['wallet', 'quota'],
  jobLocks: ['wallet'],
  params: Type.Object({
    router_name: Optional(Str({ maxLength: 255 })),
    router_type: Optional(Int({ minimum: 0, maximum: 3 })),
    vpc_network: Optional(Str({ maxLength: 64 })),
    count: Optional(Int({ minimum: 1, maximum: MAX_CREATE_COUNT })),
    security_group: Optional(Str()),
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const router_type = params.router_type ?? DEFAULT_ROUTER_TYPE
    const vpc_network = requireVpcNetwork(params.vpc_network ?? DEFAULT_VPC_NETWORK)
    const count = params.count ?? 1
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, routerKind, { router_type })
    await requireQuota(ctx, ctx.zone, { router: count })
    if (params.security_group) requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [params.security_group]), [params.security_group], (g) => g.security_group_id, ctx.caller)
    const security_group_id = params.security_group ?? (await defaultGroupOf(ctx)).security_group_id
    const time = formatTime(ctx.clock.now())
    // a name of spaces only (terraform's way of saying "none") is no name
    const router_name = blank(params.router_name)
    const rows: RouterTable[] = Array.from({ length: count }, () => ({
      router_id: ctx.ids.resource('rtr'),
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      router_name,
      description: null,
      router_type,
      vpc_network,
      private_ip: routerAddress(vpc_network),
      security_group_id,
      eip_id: '',
      is_applied: 1,
      features: 1,
      status: 'pending',
      transition_status: 'creating',
      create_time: time,
      status_time: time,
    }))
    await openLeases(
      ctx,
      wallet,
      { zone: ctx.zone, resource_type: routerKind.type, plan: planOf({}), hourly },
      rows.map((r) => ({ resource_id: r.router_id, resource_name: r.router_name })),
    )
    await insertRouters(ctx.db, rows)
    const routers = rows.map((r) => r.router_id)
    return { routers, job_id: await ctx.jobs.start({ resource_ids: routers }) }
  },
  async settle(job, jctx) {
    await finishRouterTransition(jctx.db, job.resource_ids, 'creating', { status: 'active' }, jctx.clock.now())
  },
  // a router whose creation failed never existed: everything charged is refunded and it ceases
  async onFailure(job, jctx) {
    for (const owner of await ownersOfRouters(jctx.db, job.resource_ids)) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    await finishRouterTransition(jctx.db, job.resource_ids, 'creating', { status: 'ceased' }, jctx.clock.now())
  },
})
