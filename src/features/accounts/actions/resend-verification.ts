// ResendVerification: a fresh verification mail for an account that has not been verified. The
// reply is the same whether the email is registered, unverified, verified or unknown, so it tells a
// stranger nothing. Beyond resetMaxRequests verification mails per resetWindowMinutes (the one
// Register sent counts) no mail goes out, silently: 1640 is the password reset's code, and an
// error here would tell that the account exists and is unverified.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { emailProblem, verificationMail, VERIFY_SUBJECT, VERIFY_TOKEN_MINUTES } from '../account.ts'
import { findUserByEmail } from '../user-repo.ts'
import { claimMailSlot } from '../mail-rate-limit.ts'
import { issueToken } from '../user-token-repo.ts'

export const resendVerification = defineAction({
  name: 'ResendVerification',
  zone: 'none',
  auth: 'public',
  params: Type.Object({ email: Str({ maxLength: 4096 }) }),
  async handle(params, ctx) {
    // a malformed address cannot be anyone's, so saying so reveals nothing
    const issue = emailProblem(params.email)
    if (issue) throw new ApiError('IllegalUserId', issue)
    const now = ctx.clock.now()
    const user = await findUserByEmail(ctx.db, params.email)
    if (user?.status !== 'unverified') return {}
    const { resetMaxRequests, resetWindowMinutes } = ctx.settings
    const slot = await claimMailSlot(ctx.db, ctx.caps, 'verify-mail', user.email, now, resetMaxRequests, resetWindowMinutes)
    if (!slot.claimed) {
      ctx.log.info({ user_id: user.user_id }, 'verification mail not resent: too many in the window')
      return {}
    }
    const token = await issueToken(ctx.db, 'verify', user.user_id, now, VERIFY_TOKEN_MINUTES)
    await ctx.mail({ to: user.email, subject: VERIFY_SUBJECT, text: verificationMail(token) })
    return {}
  },
})
