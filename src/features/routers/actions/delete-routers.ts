// DeleteRouters: active, powered-off or suspended routers that are idle go to the recycle bin
// (`deleted`, still describable by id: terraform waits for that, ceased two hours later). A
// `pending` router (still being created) cannot be deleted yet (1400), nor one with vxnets still
// joined (5400: they leave first, as terraform does). The lease ends in the request (the unused rest
// of the hour is refunded), the router's EIP is `available` again (still the caller's, still
// billed), and the job makes the routers `deleted` and drops their tag bindings and their statics
// (with their entries): a deleted router cannot come back.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import type { RouterTable, Tx } from '../../../store/database.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { unbindEip } from '../../eips/eip-repo.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { routersWithVxnets } from '../../vxnets/vxnet-repo.ts'
import { deleteStaticsOfRouters } from '../router-statics-repo.ts'
import { finishRouterTransition, getRoutersForUpdate, setRouterTransition, updateRouter } from '../router-repo.ts'

const DELETABLE = ['active', 'poweroffed', 'suspended']

/**
 * What must be gone before a router can be deleted: 5400 ResourceDependence naming a vxnet still
 * joined to it (joining or leaving ones included). Under the router row locks: a JoinRouter waits
 * for them, then finds the router in transition.
 */
async function assertNoDependents(db: Tx, routers: readonly RouterTable[]): Promise<void> {
  const joined = await routersWithVxnets(
    db,
    routers.map((r) => r.router_id),
  )
  for (const [router, vxnets] of joined) throw new ApiError('ResourceDependence', `router [${router}] still has vxnet [${vxnets[0]}], it must leave the router first (LeaveRouter)`)
}

export const deleteRouters = defineAction({
  name: 'DeleteRouters',
  locks: ['wallet'],
  params: Type.Object({ routers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const routers = await getRoutersForUpdate(ctx, 'routers', params.routers)
    for (const r of routers) {
      requireIdle('router', r.router_id, r)
      if (r.status === 'pending') throw stateRule('router', r.router_id, 'is pending', 'can not be deleted before it is active')
      if (!DELETABLE.includes(r.status)) throw stateRule('router', r.router_id, 'has already been deleted', 'can not be deleted')
    }
    await assertNoDependents(ctx.db, routers)
    await endLeases(ctx, wallet, params.routers, 'delete')
    const now = ctx.clock.now()
    for (const r of routers.filter((r) => r.eip_id !== '')) {
      await unbindEip(ctx.db, r.eip_id, now)
      await updateRouter(ctx.db, r.router_id, { eip_id: '' })
    }
    await setRouterTransition(ctx.db, params.routers, 'deleting')
    return { routers: params.routers, job_id: await ctx.jobs.start({ resource_ids: params.routers }) }
  },
  async settle(job, jctx) {
    const deleted = await finishRouterTransition(jctx.db, job.resource_ids, 'deleting', { status: 'deleted' }, jctx.clock.now())
    await untagResources(jctx.db, deleted)
    await deleteStaticsOfRouters(jctx.db, deleted)
  },
})
