// DeleteLoadBalancerBackends: removes the caller's backends (of one or several listeners, their
// load balancers configurable) and answers their ids (`loadbalancer_backends`). Their load balancers
// become is_applied=0 until UpdateLoadBalancers.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { deleteBackends } from '../backend-repo.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockBackendsForChange } from '../listener-access.ts'
import { MAX_PER_REQUEST } from '../listener-rules.ts'

export const deleteLoadBalancerBackends = defineAction({
  name: 'DeleteLoadBalancerBackends',
  params: Type.Object({
    loadbalancer_backends: Type.Array(Str(), { maxItems: MAX_PER_REQUEST }),
  }),
  async handle({ loadbalancer_backends }, ctx) {
    const { backends } = await lockBackendsForChange(ctx, 'loadbalancer_backends', loadbalancer_backends)
    await deleteBackends(ctx.db, loadbalancer_backends)
    await markNotApplied(
      ctx.db,
      backends.map((b) => b.loadbalancer_id),
    )
    return { loadbalancer_backends }
  },
})
