// UpdateLoadBalancers: applies a load balancer's pending changes (listeners, backends, attributes
// that set is_applied 0). Active or stopped load balancers that are idle (1400 otherwise); a
// stopped one takes the configuration for when it starts. They are `updating` until the job sets
// is_applied 1 and transition_status ''. Applying an applied one is no error (the CCM always calls
// it). An id that is no load balancer of the zone (terraform has sent a listener's lbl-…) is 2100.
// `target_user` may only name the caller.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { finishLoadBalancerTransition, getLoadBalancersForUpdate, setLoadBalancerTransition } from '../lb-repo.ts'
import { requireState } from '../lifecycle-rules.ts'
import { requireSelf } from './create-load-balancer.ts'

export const updateLoadBalancers = defineAction({
  name: 'UpdateLoadBalancers',
  params: Type.Object({ loadbalancers: List(Str()), target_user: Optional(Str()) }),
  async handle(params, ctx) {
    requireSelf('target_user', params.target_user, ctx.caller.user_id)
    const lbs = await getLoadBalancersForUpdate(ctx, 'loadbalancers', params.loadbalancers)
    for (const lb of lbs) requireState(lb, ['active', 'stopped'], 'updated')
    await setLoadBalancerTransition(ctx.db, params.loadbalancers, 'updating')
    return { job_id: await ctx.jobs.start({ resource_ids: params.loadbalancers }) }
  },
  async settle(job, jctx) {
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'updating', { is_applied: 1 }, jctx.clock.now())
  },
})
