// ResetPassword: the token from a reset mail sets a new password. An unknown, expired or used
// token → 1650 (one message for all three); a banned account → 1662; a new password that fails the
// policy or equals the current one → 1630 naming the rule, and the token stays usable so the
// person can retry with a better password. On success the lock-out is lifted, an unverified
// account becomes verified (the token came through its mailbox), every session of the user ends,
// every other reset token is voided, and a mail tells the owner that the password changed.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { hashPassword, PASSWORD_MAX, passwordProblem } from '../../../lib/passwords.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { passwordMatches } from '../account.ts'
import { endUserSessions } from '../session-repo.ts'
import { findUser, markVerified, setPasswordHash } from '../user-repo.ts'
import { consumeToken, voidTokens } from '../user-token-repo.ts'
import { PASSWORD_CHANGED_SUBJECT, passwordChangedMail } from './reset-mail.ts'

const INVALID_TOKEN = 'the reset token is invalid, expired or already used, ask for a new reset mail'

export const resetPassword = defineAction({
  name: 'ResetPassword',
  zone: 'none',
  auth: 'public',
  params: Type.Object({
    token: Str({ maxLength: 256 }),
    // longer than the policy allows, so an overlong password is a policy answer (1630), not 1100
    new_password: Str({ maxLength: PASSWORD_MAX * 4 }),
  }),
  // argon2id (~50 ms) before the transaction; skipped when the password fails a rule that needs no
  // account, as it will be refused anyway (after the token check, so a bad token is still 1650)
  prepare: async ({ new_password }) => (passwordProblem(new_password, '') ? undefined : hashPassword(new_password)),
  async handle(params, ctx, newHash) {
    const now = ctx.clock.now()
    // Using the token up first locks its row against a concurrent reset with the same token. Every
    // refusal below throws, which rolls the whole transaction back and leaves the token unused.
    const used = await consumeToken(ctx.db, 'reset', params.token, now)
    if ('problem' in used) {
      ctx.log.info({ problem: used.problem }, 'reset token refused')
      throw new ApiError('InvalidResetToken', INVALID_TOKEN)
    }
    const user = await findUser(ctx.db, used.user_id)
    if (!user) throw new ApiError('InvalidResetToken', INVALID_TOKEN)
    if (user.status === 'banned') throw new ApiError('AccessDenied', `user [${user.user_id}] is banned`)
    const problem = passwordProblem(params.new_password, user.email)
    if (problem) throw new ApiError('ResetPasswordFailed', problem)
    if (await passwordMatches(user, params.new_password)) throw new ApiError('ResetPasswordFailed', 'the new password must differ from the current one')
    if (newHash === undefined) throw new Error('a password that passes the policy was not hashed')

    await setPasswordHash(ctx.db, user.user_id, newHash)
    await markVerified(ctx.db, user.user_id, now)
    await voidTokens(ctx.db, 'verify', user.user_id, now)
    await voidTokens(ctx.db, 'reset', user.user_id, now)
    await endUserSessions(ctx.db, user.user_id, now)
    await ctx.mail({ to: user.email, subject: PASSWORD_CHANGED_SUBJECT, text: passwordChangedMail(now) })
    return { user_id: user.user_id }
  },
})
