// RequestPasswordReset: mails a single-use reset token to the account with this email. The answer
// is the same empty success whether or not the address is registered, and the rate limit (1640
// beyond resetMaxRequests per resetWindowMinutes) counts requests per address whether or not it is
// registered (../mail-rate-limit.ts), so neither the answer nor the limit tells a stranger anything.
// Active and unverified accounts get a token (an unverified one becomes verified by the reset: the
// token proves the mailbox); banned accounts and unknown addresses get no mail. A new token voids
// the older unused ones, so only the newest mail works.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { emailProblem, normalizeEmail } from '../account.ts'
import { findUserByEmail } from '../user-repo.ts'
import { issueToken, voidTokens } from '../user-token-repo.ts'
import { RESET_SUBJECT, RESET_TOKEN_MINUTES, resetMail } from './reset-mail.ts'
import { claimMailSlot } from '../mail-rate-limit.ts'

export const requestPasswordReset = defineAction({
  name: 'RequestPasswordReset',
  zone: 'none',
  auth: 'public',
  params: Type.Object({ email: Str({ maxLength: 4096 }) }),
  async handle(params, ctx) {
    // a malformed address cannot be anyone's, so saying so reveals nothing (as ResendVerification)
    const issue = emailProblem(params.email)
    if (issue) throw new ApiError('IllegalUserId', issue)
    const email = normalizeEmail(params.email)
    const now = ctx.clock.now()

    const { resetMaxRequests, resetWindowMinutes } = ctx.settings
    const slot = await claimMailSlot(ctx.db, ctx.caps, 'reset-request', email, now, resetMaxRequests, resetWindowMinutes)
    if (!slot.claimed) {
      const retry = formatTime(new Date(Math.ceil(slot.retryAt.getTime() / 1000) * 1000))
      throw new ApiError('ResetPasswordTooOften', `more than ${resetMaxRequests} password resets asked for this email within ${resetWindowMinutes} minutes, try again after ${retry}`)
    }

    const user = await findUserByEmail(ctx.db, email)
    if (!user || user.status === 'banned') return {}
    await voidTokens(ctx.db, 'reset', user.user_id, now)
    const token = await issueToken(ctx.db, 'reset', user.user_id, now, RESET_TOKEN_MINUTES)
    await ctx.mail({ to: user.email, subject: RESET_SUBJECT, text: resetMail(token) })
    return {}
  },
})
