// DescribeSecurityGroups: the caller's groups in the zone, the default group included (made here
// if it does not exist yet, see default-group.ts). verbose=1 adds `resources`, the instances in
// each group that still exist.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { defaultGroupOf } from '../default-group.ts'
import { instancesInGroups } from '../../instances/instance-repo.ts'
import { listGroups } from '../security-group-repo.ts'
import { groupItem } from '../security-group-view.ts'

export const describeSecurityGroups = defineAction({
  name: 'DescribeSecurityGroups',
  lockAtRunTime: ['quota'], // making the caller's default group
  params: Type.Object({
    security_groups: Optional(List(Str())),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  // handle, not query: the caller's first look creates their default group (defaultGroupOf writes)
  async handle(params, ctx) {
    const owner = ownerScope(ctx.caller, params.owner)
    if (owner === undefined) return { total_count: 0, security_group_set: [] }
    if (owner === ctx.caller.user_id) await defaultGroupOf(ctx)
    const { total, rows } = await listGroups(ctx.db, { ...params, ids: params.security_groups, owner, zone_id: ctx.zone }, page(params))
    const ids = rows.map((r) => r.security_group_id)
    const tags = await tagsOf(ctx.db, owner, ids)
    const members = params.verbose === 1 ? await instancesInGroups(ctx.db, ids) : undefined
    const security_group_set = rows.map((r) => groupItem(r, tags.get(r.security_group_id) ?? [], members ? (members.get(r.security_group_id) ?? []) : undefined))
    return { total_count: total, security_group_set }
  },
})
