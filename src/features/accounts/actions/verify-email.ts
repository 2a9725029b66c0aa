// VerifyEmail: the token from the verification mail proves the address; the account becomes
// active. An unknown, used or expired token → 1500 RegisterFailed: verification is the last step
// of registering, and 1650 InvalidResetToken belongs to password resets.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { markVerified } from '../user-repo.ts'
import { consumeToken, voidTokens } from '../user-token-repo.ts'

export const verifyEmail = defineAction({
  name: 'VerifyEmail',
  zone: 'none',
  auth: 'public',
  params: Type.Object({ token: Str({ maxLength: 256 }) }),
  async handle(params, ctx) {
    const now = ctx.clock.now()
    const used = await consumeToken(ctx.db, 'verify', params.token, now)
    if ('problem' in used) {
      ctx.log.info({ problem: used.problem }, 'verification token refused')
      throw new ApiError('RegisterFailed', 'verification token is invalid or expired')
    }
    await markVerified(ctx.db, used.user_id, now)
    // a verified address needs no other verification token (a resent one must not linger)
    await voidTokens(ctx.db, 'verify', used.user_id, now)
    return { user_id: used.user_id }
  },
})
