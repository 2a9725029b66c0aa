// VerifyUsers: an administrator vouches for an address by hand (the mail never arrived). An
// unverified account becomes active; a banned one stays banned but will be active once unbanned.
// Verification mails still out there are voided: there is nothing left for them to do.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { voidTokens } from '../../accounts/user-token-repo.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { lockUsersAsAdmin, verifyByAdmin } from '../../accounts/user-admin-repo.ts'

export const verifyUsers = defineAction({
  name: 'VerifyUsers',
  zone: 'none',
  params: Type.Object({ users: List(Str({ maxLength: 64 })) }),
  async handle(params, ctx) {
    requireDistinct('users', params.users)
    const users = await lockUsersAsAdmin(ctx.db, ctx.caps, ctx.caller.user_id, params.users)
    const now = ctx.clock.now()
    for (const user of users) {
      if (user.verify_time) continue
      await verifyByAdmin(ctx.db, user, now)
      await voidTokens(ctx.db, 'verify', user.user_id, now)
    }
    return { users: params.users }
  },
})
