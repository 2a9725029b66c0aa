// ResetUserPassword: an administrator sets a user's password (the user lost access to their mail).
// The same policy as everywhere applies (1630 naming the rule); the lock-out is lifted, pending
// reset mails are voided and every session of the user ends, as after a self-service reset.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { hashPassword, PASSWORD_MAX, passwordProblem } from '../../../lib/passwords.ts'
import { endUserSessions } from '../../accounts/session-repo.ts'
import { voidTokens } from '../../accounts/user-token-repo.ts'
import { lockUsersAsAdmin, replacePassword } from '../../accounts/user-admin-repo.ts'

const rejected = (userId: string, problem: string) => new ApiError('ResetPasswordFailed', `the new password of user [${userId}] is not acceptable: ${problem}`)

export const resetUserPassword = defineAction({
  name: 'ResetUserPassword',
  zone: 'none',
  params: Type.Object({
    user: Str({ maxLength: 64 }),
    // longer than the policy allows, so an overlong password is a policy answer (1630), not 1100
    new_password: Str({ maxLength: PASSWORD_MAX * 4 }),
  }),
  async prepare(params) {
    // the rules that need no account are checked before spending ~50 ms on argon2id
    const problem = passwordProblem(params.new_password, '')
    if (problem) throw rejected(params.user, problem)
    return hashPassword(params.new_password)
  },
  async handle(params, ctx, passwordHash) {
    const [user] = await lockUsersAsAdmin(ctx.db, ctx.caps, ctx.caller.user_id, [params.user])
    const problem = passwordProblem(params.new_password, user!.email)
    if (problem) throw rejected(params.user, problem)
    const now = ctx.clock.now()
    await replacePassword(ctx.db, params.user, passwordHash)
    await voidTokens(ctx.db, 'reset', params.user, now)
    await endUserSessions(ctx.db, params.user, now)
    return { user_id: params.user }
  },
})
