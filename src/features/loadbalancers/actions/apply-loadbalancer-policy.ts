// ApplyLoadBalancerPolicy (asynchronous): makes a policy's pending changes (to itself or its rules)
// live; it is is_applied=1 once the job settles. A job whose policy was deleted meanwhile fails.
// The policy has no transition state: it stays describable and changeable while the job runs, and
// a change made then is taken as applied when the job settles (QingLocal keeps no version of it).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { getPoliciesForUpdate, lockPolicies, updatePolicy } from '../policy-repo.ts'

export const applyLoadBalancerPolicy = defineAction({
  name: 'ApplyLoadBalancerPolicy',
  params: Type.Object({ loadbalancer_policy: Str() }),
  async handle(params, ctx) {
    await getPoliciesForUpdate(ctx, 'loadbalancer_policy', [params.loadbalancer_policy])
    return { job_id: await ctx.jobs.start({ resource_ids: [params.loadbalancer_policy] }) }
  },
  async settle(job, jctx) {
    const [policy] = await lockPolicies(jctx.db, jctx.caps, job.zone_id, job.resource_ids)
    if (!policy) throw new ApiError('ResourceNotFound', `resource [${job.resource_ids[0]}] not found`)
    await updatePolicy(jctx.db, policy.loadbalancer_policy_id, { is_applied: 1 })
  },
})
