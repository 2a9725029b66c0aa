// DescribeLoadBalancerPolicies: the caller's forwarding policies in the zone, newest first (an admin
// may name another `owner`), filtered by `loadbalancer_policies.N` and `search_word` (in the id or
// the name, as the other Describe actions; not in the docs). With verbose=1 each carries
// `loadbalancer_ids`: the load balancers with a backend that follows it.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { loadBalancersUsingPolicies } from '../backend-repo.ts'
import { listPolicies } from '../policy-repo.ts'
import { policyItem } from '../policy-view.ts'

export const describeLoadBalancerPolicies = defineAction({
  name: 'DescribeLoadBalancerPolicies',
  params: Type.Object({
    loadbalancer_policies: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, loadbalancer_policy_set: [] }
      const { total, rows } = await listPolicies(ctx.db, { ids: params.loadbalancer_policies, search_word: params.search_word, owner, zone_id: ctx.zone }, page(params))
      const used =
        params.verbose === 1
          ? await loadBalancersUsingPolicies(
              ctx.db,
              rows.map((r) => r.loadbalancer_policy_id),
            )
          : undefined
      return { total_count: total, loadbalancer_policy_set: rows.map((r) => policyItem(r, used && (used.get(r.loadbalancer_policy_id) ?? []))) }
    })
  },
})
