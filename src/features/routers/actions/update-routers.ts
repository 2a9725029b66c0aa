// UpdateRouters: applies a router's pending changes (its statics, its EIP, its features): active,
// idle routers only (1400 otherwise). The routers are `active` + `updating` until the job settles
// them with is_applied 1. Terraform never calls it; nothing it reads depends on is_applied.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { finishRouterTransition, getRoutersForUpdate, setRouterTransition } from '../router-repo.ts'

export const updateRouters = defineAction({
  name: 'UpdateRouters',
  params: Type.Object({ routers: List(Str()) }),
  async handle(params, ctx) {
    const routers = await getRoutersForUpdate(ctx, 'routers', params.routers)
    for (const r of routers) {
      requireIdle('router', r.router_id, r)
      if (r.status !== 'active') throw stateRule('router', r.router_id, 'is not active', 'can not be updated')
    }
    await setRouterTransition(ctx.db, params.routers, 'updating')
    return { job_id: await ctx.jobs.start({ resource_ids: params.routers }) }
  },
  async settle(job, jctx) {
    await finishRouterTransition(jctx.db, job.resource_ids, 'updating', { is_applied: 1 }, jctx.clock.now())
  },
})
