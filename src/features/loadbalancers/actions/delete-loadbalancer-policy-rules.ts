// DeleteLoadBalancerPolicyRules: deletes the caller's rules at once (they may belong to several
// policies); each policy that lost one becomes is_applied=0 until ApplyLoadBalancerPolicy. Answers
// `loadbalancer_policy_rules`.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { deletePolicyRules, getPolicyRulesForUpdate, markPoliciesUnapplied } from '../policy-repo.ts'

export const deleteLoadBalancerPolicyRules = defineAction({
  name: 'DeleteLoadBalancerPolicyRules',
  params: Type.Object({ loadbalancer_policy_rules: List(Str()) }),
  async handle(params, ctx) {
    const { rules } = await getPolicyRulesForUpdate(ctx, 'loadbalancer_policy_rules', params.loadbalancer_policy_rules)
    await deletePolicyRules(ctx.db, params.loadbalancer_policy_rules)
    await markPoliciesUnapplied(ctx.db, [...new Set(rules.map((r) => r.loadbalancer_policy_id))])
    return { loadbalancer_policy_rules: params.loadbalancer_policy_rules }
  },
})
