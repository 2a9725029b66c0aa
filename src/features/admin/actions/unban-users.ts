// UnbanUsers: a banned account returns to where it was: active when it was ever verified,
// unverified otherwise. Users who are not banned are left as they are.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { lockUsersAsAdmin, setUserStatus } from '../../accounts/user-admin-repo.ts'

export const unbanUsers = defineAction({
  name: 'UnbanUsers',
  zone: 'none',
  params: Type.Object({ users: List(Str({ maxLength: 64 })) }),
  async handle(params, ctx) {
    requireDistinct('users', params.users)
    const users = await lockUsersAsAdmin(ctx.db, ctx.caps, ctx.caller.user_id, params.users)
    const now = ctx.clock.now()
    for (const user of users) {
      if (user.status === 'banned') await setUserStatus(ctx.db, user.user_id, user.verify_time ? 'active' : 'unverified', now)
    }
    return { users: params.users }
  },
})
