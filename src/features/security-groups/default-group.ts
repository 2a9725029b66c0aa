// Every user has one default security group in every zone ("default security group", is_default
// 1, opening inbound ping and SSH), which cannot be deleted. It is made the first time something
// needs it rather than at sign-up, since zones come and go after users do:
//
// - by the writing actions that need it (RunInstances and cluster nodes put instances in it;
//   CreateSecurityGroup makes it before the user's first own group), through defaultGroupOf;
// - by DescribeSecurityGroups too, as long as the caller looks at their own groups, so the group
//   is there, with a stable id, from the first listing on, and a user never sees a zone without it
//   (an admin looking at someone else's groups creates nothing for them).
//
// Two requests that both find no default group must not both make one: the creator takes the
// user's (user, zone) quota lock first, so creators queue behind each other (and behind any
// creating action of the same user, which declares that lock: protocol/locks.ts), and
// the partial unique index of migration 0012 refuses a second default whatever happens. The
// default group needs no quota room (it is not the user's choice), but counts in the usage like
// any other group.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { SecurityGroupTable } from '../../store/database.ts'
import { findDefaultGroup, insertGroup, insertRules } from './security-group-repo.ts'
import { DEFAULT_RULES } from './security-group-rule.ts'

export const DEFAULT_GROUP_NAME = 'default security group'

type Ctx = Pick<ActionContext, 'db' | 'caps' | 'caller' | 'zone' | 'clock' | 'ids' | 'locks'>

/** The caller's default group in the action's zone, made (with its rules) if it does not exist yet. */
export async function defaultGroupOf(ctx: Ctx): Promise<SecurityGroupTable> {
  const owner = ctx.caller.user_id
  const existing = await findDefaultGroup(ctx.db, owner, ctx.zone)
  if (existing) return existing
  await ctx.locks.take('quota', { user: owner, zone: ctx.zone })
  const time = formatTime(ctx.clock.now())
  const row: SecurityGroupTable = {
    security_group_id: ctx.ids.resource('sg'),
    zone_id: ctx.zone,
    owner,
    security_group_name: DEFAULT_GROUP_NAME,
    description: null,
    is_default: 1,
    is_applied: 1,
    create_time: time,
  }
  // another request made it while this one waited for the lock: theirs is the one
  if (!(await insertGroup(ctx.db, row))) return (await findDefaultGroup(ctx.db, owner, ctx.zone))!
  await insertRules(
    ctx.db,
    DEFAULT_RULES.map((rule) => ({ ...rule, security_group_rule_id: ctx.ids.resource('sgr'), security_group_id: row.security_group_id, create_time: time })),
  )
  return row
}
