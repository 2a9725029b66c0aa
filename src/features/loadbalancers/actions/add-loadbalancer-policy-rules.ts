// AddLoadBalancerPolicyRules: adds rules (lbpr-…) to one of the caller's policies and answers their
// ids. Each rule has a `rule_type` (domain: matched against the request's host; url: its path) and
// a `val`, a regular expression (1100 naming `rules.N.val` when it does not compile); the name is
// optional. Every rule is checked before any is written. The policy becomes is_applied=0 until
// ApplyLoadBalancerPolicy.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import type { LoadBalancerPolicyRuleTable } from '../../../store/database.ts'
import { MAX_RULE_VAL_LENGTH, MAX_RULES_PER_REQUEST, NameParam, RuleTypeParam, ruleVal } from '../policy-params.ts'
import { getPoliciesForUpdate, insertPolicyRules, markPoliciesUnapplied } from '../policy-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const addLoadBalancerPolicyRules = defineAction({
  name: 'AddLoadBalancerPolicyRules',
  params: Type.Object({
    loadbalancer_policy: Str(),
    rules: Type.Array(
      Type.Object({
        loadbalancer_policy_rule_name: NameParam(),
        rule_type: RuleTypeParam(),
        val: Str({ maxLength: MAX_RULE_VAL_LENGTH }),
      }),
    ),
  }),
  async handle(params, ctx) {
    if (params.rules.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter rules')
    if (params.rules.length > MAX_RULES_PER_REQUEST) throw new ApiError('InvalidRequestFormat', `parameter rules lists ${params.rules.length} rules, at most ${MAX_RULES_PER_REQUEST} a request`)
    const checked = params.rules.map((r, i) => ({ ...r, val: ruleVal(`rules.${i + 1}.val`, r.val) }))
    const [policy] = await getPoliciesForUpdate(ctx, 'loadbalancer_policy', [params.loadbalancer_policy])
    const time = formatTime(ctx.clock.now())
    const rows: LoadBalancerPolicyRuleTable[] = checked.map((r) => ({
      loadbalancer_policy_rule_id: ctx.ids.resource('lbpr'),
      loadbalancer_policy_id: policy!.loadbalancer_policy_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      loadbalancer_policy_rule_name: blank(r.loadbalancer_policy_rule_name),
      rule_type: r.rule_type,
      val: r.val,
      create_time: time,
    }))
    await insertPolicyRules(ctx.db, rows)
    await markPoliciesUnapplied(ctx.db, [policy!.loadbalancer_policy_id])
    return { loadbalancer_policy_rules: rows.map((r) => r.loadbalancer_policy_rule_id) }
  },
})
