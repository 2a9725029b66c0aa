// CreateSecurityGroup: a new, empty group (no rules: nothing gets in until rules are added and
// applied). The caller's default group is made first if it does not exist yet (default-group.ts),
// so it is in place, and counted, before the quota check for the new one (2500).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { defaultGroupOf } from '../default-group.ts'
import { insertGroup } from '../security-group-repo.ts'

export const createSecurityGroup = defineAction({
  name: 'CreateSecurityGroup',
  locks: ['quota'],
  params: Type.Object({
    security_group_name: Optional(Str({ maxLength: 255 })),
  }),
  async handle(params, ctx) {
    await defaultGroupOf(ctx)
    await requireQuota(ctx, ctx.zone, { security_group: 1 })
    const security_group_id = ctx.ids.resource('sg')
    await insertGroup(ctx.db, {
      security_group_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      security_group_name: params.security_group_name ?? '',
      description: null,
      is_default: 0,
      // nothing to push to instances yet
      is_applied: 1,
      create_time: formatTime(ctx.clock.now()),
    })
    return { security_group_id }
  },
})
