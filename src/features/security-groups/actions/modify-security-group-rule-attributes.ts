// ModifySecurityGroupRuleAttributes: changes one rule; the rule as it will be is checked again as a
// whole (security-group-rule.ts), with messages naming this action's parameters (`rule_action`,
// `val1`, …). Changing the protocol drops val1/val2 unless they are given again (ports of a tcp
// rule mean nothing to icmp). Empty values count as "not given", so val3 cannot be cleared here
// (delete and re-add the rule). The group becomes is_applied=0.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { requireOwned } from '../../resources/guards.ts'
import { lockRules, markUnapplied, updateRule } from '../security-group-repo.ts'
import { checkRule, PROTOCOLS, RULE_ACTIONS } from '../security-group-rule.ts'

export const modifySecurityGroupRuleAttributes = defineAction({
  name: 'ModifySecurityGroupRuleAttributes',
  params: Type.Object({
    security_group_rule: Str(),
    security_group_rule_name: Optional(Str({ maxLength: 255 })),
    priority: Optional(Int({ minimum: 0, maximum: 100 })),
    rule_action: Optional(OneOf(RULE_ACTIONS)),
    direction: Optional(Int({ minimum: 0, maximum: 1 })),
    protocol: Optional(OneOf(PROTOCOLS)),
    val1: Optional(Str({ maxLength: 64 })),
    val2: Optional(Str({ maxLength: 64 })),
    val3: Optional(Str({ maxLength: 64 })),
  }),
  async handle(params, ctx) {
    const id = params.security_group_rule
    const [rule] = requireOwned(await lockRules(ctx.db, ctx.caps, ctx.zone, [id]), [id], (r) => r.security_group_rule_id, ctx.caller)
    const protocol = params.protocol ?? rule!.protocol
    const keepPorts = protocol === rule!.protocol
    const changed = checkRule(
      {
        security_group_rule_name: params.security_group_rule_name ?? rule!.security_group_rule_name,
        protocol,
        priority: params.priority ?? rule!.priority,
        action: params.rule_action ?? rule!.action,
        direction: params.direction ?? rule!.direction,
        val1: params.val1 ?? (keepPorts ? rule!.val1 : ''),
        val2: params.val2 ?? (keepPorts ? rule!.val2 : ''),
        val3: params.val3 ?? rule!.val3,
      },
      (field) => (field === 'action' ? 'rule_action' : field),
    )
    await updateRule(ctx.db, id, changed)
    await markUnapplied(ctx.db, [rule!.security_group_id])
    return { security_group_rule_id: id }
  },
})
