// DeleteLoadBalancers: active, stopped or suspended load balancers that are idle go to the recycle
// bin (`deleted`, still describable by id, as terraform's delete wait needs; ceased two hours
// later). A `pending` one (being created) or one in transition answers 1400 (the CCM retries
// that); one already deleted or ceased answers 2100, which the CCM takes as "already deleted".
// In the request the lease ends (the unused rest of the hour is refunded) and the EIPs are
// `available` again (still the caller's, still billed); the job makes the load balancers
// `deleted` and lets go of their address in the vxnet, their listeners with their backends and
// certificate bindings (the certificates stay), and their tags: a deleted load balancer does not
// come back.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { releaseNics } from '../../vxnets/vxnet-repo.ts'
import { deleteBackendsOfLoadBalancers } from '../backend-repo.ts'
import { loadBalancerKind } from '../lb-kind.ts'
import { finishLoadBalancerTransition, getLoadBalancersForUpdate, setLoadBalancerTransition } from '../lb-repo.ts'
import { deleteListenersOfLoadBalancers } from '../listener-repo.ts'
import { LB, unbindEipsOf } from '../lifecycle-rules.ts'

export const deleteLoadBalancers = defineAction({
  name: 'DeleteLoadBalancers',
  locks: ['wallet'],
  params: Type.Object({ loadbalancers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const lbs = await getLoadBalancersForUpdate(ctx, 'loadbalancers', params.loadbalancers)
    for (const lb of lbs) {
      if ((loadBalancerKind.goneStatuses as readonly string[]).includes(lb.status)) throw new ApiError('ResourceNotFound', `${LB} [${lb.loadbalancer_id}] has already been deleted`)
      requireIdle(LB, lb.loadbalancer_id, lb)
      if (lb.status === 'pending') throw stateRule(LB, lb.loadbalancer_id, 'is pending', 'can not be deleted before it is active')
    }
    await endLeases(ctx, wallet, params.loadbalancers, 'delete')
    await unbindEipsOf(ctx.db, params.loadbalancers, ctx.clock.now())
    await setLoadBalancerTransition(ctx.db, params.loadbalancers, 'deleting')
    return { loadbalancers: params.loadbalancers, job_id: await ctx.jobs.start({ resource_ids: params.loadbalancers }) }
  },
  async settle(job, jctx) {
    const now = jctx.clock.now()
    const deleted = await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'deleting', { status: 'deleted' }, now)
    await deleteBackendsOfLoadBalancers(jctx.db, deleted)
    await deleteListenersOfLoadBalancers(jctx.db, deleted)
    await releaseNics(jctx.db, deleted, now)
    await untagResources(jctx.db, deleted)
  },
})
