// PowerOffRouters: active, idle routers are `active` + `poweroffing` until the job makes them
// `poweroffed`. Billing stops: the lease ends in the request (the unused rest of the hour is
// refunded), and PowerOnRouters opens a new one.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { finishRouterTransition, getRoutersForUpdate, setRouterTransition } from '../router-repo.ts'

export const powerOffRouters = defineAction({
  name: 'PowerOffRouters',
  locks: ['wallet'],
  params: Type.Object({ routers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const routers = await getRoutersForUpdate(ctx, 'routers', params.routers)
    for (const r of routers) {
      requireIdle('router', r.router_id, r)
      if (r.status !== 'active') throw stateRule('router', r.router_id, 'is not active', 'can not be powered off')
    }
    await endLeases(ctx, wallet, params.routers, 'delete')
    await setRouterTransition(ctx.db, params.routers, 'poweroffing')
    return { routers: params.routers, job_id: await ctx.jobs.start({ resource_ids: params.routers }) }
  },
  async settle(job, jctx) {
    await finishRouterTransition(jctx.db, job.resource_ids, 'poweroffing', { status: 'poweroffed' }, jctx.clock.now())
  },
})
