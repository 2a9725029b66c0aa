// PowerOnRouters: powered-off, idle routers are `poweroffed` + `poweroning` until the job makes them
// `active`. Billing resumes: each router gets a new lease at its type's price today, and its first
// hour is charged in the request (2400 when the balance cannot pay: nothing changes). A failed job
// refunds that lease and leaves the router powered off.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { routerKind } from '../router-kind.ts'
import { finishRouterTransition, getRoutersForUpdate, ownersOfRouters, setRouterTransition } from '../router-repo.ts'

export const powerOnRouters = defineAction({
  name: 'PowerOnRouters',
  locks: ['wallet'],
  jobLocks: ['wallet'],
  params: Type.Object({ routers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const routers = await getRoutersForUpdate(ctx, 'routers', params.routers)
    for (const r of routers) {
      requireIdle('router', r.router_id, r)
      if (r.status !== 'poweroffed') throw stateRule('router', r.router_id, 'is not powered off', 'can not be powered on')
    }
    // one lease per router type (types may differ in price)
    for (const router_type of new Set(routers.map((r) => r.router_type))) {
      const hourly = await hourlyPriceIn(ctx.db, ctx.zone, routerKind, { router_type })
      const ofType = routers.filter((r) => r.router_type === router_type)
      await openLeases(
        ctx,
        wallet,
        { zone: ctx.zone, resource_type: routerKind.type, plan: planOf({}), hourly },
        ofType.map((r) => ({ resource_id: r.router_id, resource_name: r.router_name })),
      )
    }
    await setRouterTransition(ctx.db, params.routers, 'poweroning')
    return { routers: params.routers, job_id: await ctx.jobs.start({ resource_ids: params.routers }) }
  },
  async settle(job, jctx) {
    await finishRouterTransition(jctx.db, job.resource_ids, 'poweroning', { status: 'active' }, jctx.clock.now())
  },
  // the router stays off, so the lease this request opened is refunded whole
  async onFailure(job, jctx) {
    for (const owner of await ownersOfRouters(jctx.db, job.resource_ids)) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    await finishRouterTransition(jctx.db, job.resource_ids, 'poweroning', {}, jctx.clock.now())
  },
})
