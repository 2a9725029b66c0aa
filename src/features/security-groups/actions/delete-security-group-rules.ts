// DeleteSecurityGroupRules: removes rules of the caller's groups (the default group's too) and
// echoes their ids; each group that lost a rule becomes is_applied=0.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { deleteRules, lockRules, markUnapplied } from '../security-group-repo.ts'

export const deleteSecurityGroupRules = defineAction({
  name: 'DeleteSecurityGroupRules',
  params: Type.Object({ security_group_rules: List(Str()) }),
  async handle({ security_group_rules }, ctx) {
    if (security_group_rules.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter security_group_rules')
    requireDistinct('security_group_rules', security_group_rules)
    const rules = requireOwned(await lockRules(ctx.db, ctx.caps, ctx.zone, security_group_rules), security_group_rules, (r) => r.security_group_rule_id, ctx.caller)
    await deleteRules(ctx.db, security_group_rules)
    await markUnapplied(ctx.db, [...new Set(rules.map((r) => r.security_group_id))])
    return { security_group_rules }
  },
})
