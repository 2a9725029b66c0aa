// DescribeSecurityGroupRules: the rules of the caller's groups in the zone, of one group
// (security_group) or by id, optionally of one direction, in evaluation order (group, then
// priority). A group or rule that is unknown or someone else's matches nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listRules } from '../security-group-repo.ts'
import { ruleItem } from '../security-group-rule.ts'

export const describeSecurityGroupRules = defineAction({
  name: 'DescribeSecurityGroupRules',
  params: Type.Object({
    security_group: Optional(Str()),
    security_group_rules: Optional(List(Str())),
    direction: Optional(Int({ minimum: 0, maximum: 1 })),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, security_group_rule_set: [] }
      const { total, rows } = await listRules(ctx.db, { ...params, ids: params.security_group_rules, owner, zone_id: ctx.zone }, page(params))
      return { total_count: total, security_group_rule_set: rows.map(ruleItem) }
    })
  },
})
