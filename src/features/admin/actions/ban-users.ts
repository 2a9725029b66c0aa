// BanUsers: from the next request on, a banned user's access keys, their open sessions and Login
// all answer 1662 AccessDenied (the authenticators check the user's status every time).
// Sessions are deliberately left open rather than ended: an ended session would answer 2000
// SessionExpired, and the issue asks for 1662 "on an existing session". A banned session cannot
// refresh its idle timer (authentication refuses it before touching it), so it dies of idleness
// unless the ban is lifted within sessionIdleMinutes.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { lockUsersAsAdmin, setUserStatus } from '../../accounts/user-admin-repo.ts'

export const banUsers = defineAction({
  name: 'BanUsers',
  zone: 'none',
  params: Type.Object({ users: List(Str({ maxLength: 64 })) }),
  async handle(params, ctx) {
    requireDistinct('users', params.users)
    if (params.users.includes(ctx.caller.user_id)) throw new ApiError('PermissionDenied', `user [${ctx.caller.user_id}] is you, an administrator cannot ban themself`)
    const users = await lockUsersAsAdmin(ctx.db, ctx.caps, ctx.caller.user_id, params.users)
    const now = ctx.clock.now()
    for (const user of users) {
      // banning twice changes nothing, not even status_time (scripts may repeat themselves)
      if (user.status !== 'banned') await setUserStatus(ctx.db, user.user_id, 'banned', now)
    }
    return { users: params.users }
  },
})
