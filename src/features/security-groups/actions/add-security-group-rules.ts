// AddSecurityGroupRules: adds rules to one of the caller's groups and answers their ids. Every rule
// is checked (security-group-rule.ts) before any is written; the group becomes is_applied=0 until
// ApplySecurityGroup pushes the rules to its instances.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import type { SecurityGroupRuleTable } from '../../../store/database.ts'
import { requireOwned } from '../../resources/guards.ts'
import { insertRules, lockGroups, markUnapplied } from '../security-group-repo.ts'
import { checkRule, PROTOCOLS, RULE_ACTIONS } from '../security-group-rule.ts'

export const MAX_RULES_PER_REQUEST = 100

export const addSecurityGroupRules = defineAction({
  name: 'AddSecurityGroupRules',
  params: Type.Object({
    security_group: Str(),
    rules: Type.Array(
      Type.Object({
        protocol: OneOf(PROTOCOLS),
        priority: Int({ minimum: 0, maximum: 100 }),
        security_group_rule_name: Optional(Str({ maxLength: 255 })),
        action: Optional(OneOf(RULE_ACTIONS)),
        direction: Optional(Int({ minimum: 0, maximum: 1 })),
        val1: Optional(Str({ maxLength: 64 })),
        val2: Optional(Str({ maxLength: 64 })),
        val3: Optional(Str({ maxLength: 64 })),
      }),
      { maxItems: MAX_RULES_PER_REQUEST },
    ),
  }),
  async handle({ security_group, rules }, ctx) {
    if (rules.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter rules')
    const checked = rules.map((r, i) =>
      checkRule(
        {
          security_group_rule_name: r.security_group_rule_name ?? '',
          protocol: r.protocol,
          priority: r.priority,
          action: r.action ?? 'accept',
          direction: r.direction ?? 0,
          val1: r.val1 ?? '',
          val2: r.val2 ?? '',
          val3: r.val3 ?? '',
        },
        (field) => `rules.${i + 1}.${field}`,
      ),
    )
    requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [security_group]), [security_group], (g) => g.security_group_id, ctx.caller)
    const time = formatTime(ctx.clock.now())
    const rows: SecurityGroupRuleTable[] = checked.map((rule) => ({ ...rule, security_group_rule_id: ctx.ids.resource('sgr'), security_group_id: security_group, create_time: time }))
    await insertRules(ctx.db, rows)
    await markUnapplied(ctx.db, [security_group])
    return { security_group_rules: rows.map((r) => r.security_group_rule_id) }
  },
})
