// DescribeLoadBalancerPolicyRules: the caller's policy rules in the zone (an admin may name another
// `owner`), grouped by policy and oldest first within one, filtered by `loadbalancer_policy_rules.N`
// and `loadbalancer_policy`. An unknown or another user's policy lists nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listPolicyRules } from '../policy-repo.ts'
import { policyRuleItem } from '../policy-view.ts'

export const describeLoadBalancerPolicyRules = defineAction({
  name: 'DescribeLoadBalancerPolicyRules',
  params: Type.Object({
    loadbalancer_policy_rules: Optional(List(Str())),
    loadbalancer_policy: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, loadbalancer_policy_rule_set: [] }
      const { total, rows } = await listPolicyRules(ctx.db, { ids: params.loadbalancer_policy_rules, loadbalancer_policy: params.loadbalancer_policy, owner, zone_id: ctx.zone }, page(params))
      return { total_count: total, loadbalancer_policy_rule_set: rows.map(policyRuleItem) }
    })
  },
})
