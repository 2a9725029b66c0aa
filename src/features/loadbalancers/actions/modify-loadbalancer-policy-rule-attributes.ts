// ModifyLoadBalancerPolicyRuleAttributes: a rule's name and `val` (a regular expression: 1100 when
// it does not compile); its type stays. A new `val` waits for ApplyLoadBalancerPolicy: the rule's
// policy becomes is_applied=0. Answers `loadbalancer_policy_rule_id` (the Go SDK reads it).
// Terraform's single space empties the name; `val` cannot be emptied.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { MAX_RULE_VAL_LENGTH, NameParam, ruleVal } from '../policy-params.ts'
import { getPolicyRulesForUpdate, markPoliciesUnapplied, updatePolicyRule } from '../policy-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyLoadBalancerPolicyRuleAttributes = defineAction({
  name: 'ModifyLoadBalancerPolicyRuleAttributes',
  params: Type.Object({
    loadbalancer_policy_rule: Str(),
    loadbalancer_policy_rule_name: NameParam(),
    val: Optional(Str({ maxLength: MAX_RULE_VAL_LENGTH })),
  }),
  async handle(params, ctx) {
    const val = params.val === undefined ? undefined : ruleVal('val', params.val)
    const { rules } = await getPolicyRulesForUpdate(ctx, 'loadbalancer_policy_rule', [params.loadbalancer_policy_rule])
    const rule = rules[0]!
    await updatePolicyRule(ctx.db, rule.loadbalancer_policy_rule_id, {
      ...(params.loadbalancer_policy_rule_name !== undefined && { loadbalancer_policy_rule_name: blank(params.loadbalancer_policy_rule_name) }),
      ...(val !== undefined && { val }),
    })
    if (val !== undefined && val !== rule.val) await markPoliciesUnapplied(ctx.db, [rule.loadbalancer_policy_id])
    return { loadbalancer_policy_rule_id: rule.loadbalancer_policy_rule_id }
  },
})
