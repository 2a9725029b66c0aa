// ChangePassword: the signed-in user sets a new password by proving the current one. A wrong
// current password → 1620 and counts towards the lock-out like a failed login (a stolen session
// must not become a way to guess the password); a locked account → 1600. A new password that
// fails the policy or equals the current one → 1630. Every other session of the user ends: whoever
// might have learned the old password loses their way in; this session stays open.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { hashPassword, passwordProblem } from '../../../lib/passwords.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { lockedError, lockedUntil, lockEnd, passwordMatches } from '../account.ts'
import { endUserSessions } from '../session-repo.ts'
import { findUser, recordFailedLogin, setPasswordHash } from '../user-repo.ts'
import { voidTokens } from '../user-token-repo.ts'

export const changePassword = defineAction({
  name: 'ChangePassword',
  zone: 'none',
  auth: 'session',
  params: Type.Object({
    old_password: Str({ maxLength: 4096 }),
    new_password: Str({ maxLength: 4096 }),
  }),
  // both slow argon2 steps before the transaction (on SQLite it holds the only connection): the
  // new hash, wasted only when the request is refused, and the check of the current password
  async prepare(params, ctx) {
    const user = await findUser(ctx.db, ctx.caller.user_id)
    const [newHash, matches] = await Promise.all([hashPassword(params.new_password), passwordMatches(user, params.old_password)])
    return { newHash, checkedHash: user?.password_hash, matches }
  },
  async handle(params, ctx, prepared) {
    const now = ctx.clock.now()
    const user = await findUser(ctx.db, ctx.caller.user_id)
    if (!user) throw new ApiError('SessionExpired', 'the session has ended, log in again')
    const lock = lockedUntil(user, now)
    if (lock) throw lockedError(lock)
    // the password changed since prepare checked it (rare): check against the current one
    const matches = user.password_hash === prepared.checkedHash ? prepared.matches : await passwordMatches(user, params.old_password)
    if (!matches) {
      const { loginMaxFailures } = ctx.settings
      const until = lockEnd(now, ctx.settings)
      ctx.afterRollback((db) => recordFailedLogin(db, user.user_id, loginMaxFailures, until))
      throw new ApiError('PasswordNotMatched', 'old_password is not the current password')
    }
    const problem = passwordProblem(params.new_password, user.email)
    if (problem) throw new ApiError('ResetPasswordFailed', problem)
    // old_password has just been proven to be the current one
    if (params.new_password === params.old_password) throw new ApiError('ResetPasswordFailed', 'the new password must differ from the current one')

    await setPasswordHash(ctx.db, user.user_id, prepared.newHash)
    await endUserSessions(ctx.db, user.user_id, now, ctx.caller.session_id)
    // a reset link mailed earlier must not undo this change
    await voidTokens(ctx.db, 'reset', user.user_id, now)
    return {}
  },
})
