// Register: a new, unverified account, and a mail with the single-use token that verifies it.
// Platform settings decide who may register (open, invite-only, closed). The email is the
// account's identity: malformed → 1520, taken (case-insensitively) → 1510.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { hashPassword, passwordProblem } from '../../../lib/passwords.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { defineAction, type ActionContext } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { defaultUserName, emailProblem, normalizeEmail, userNameProblem, verificationMail, VERIFY_SUBJECT, VERIFY_TOKEN_MINUTES } from '../account.ts'
import { claimInvite, findInvite } from '../invite-repo.ts'
import { platformSettings } from '../platform-settings.ts'
import { createUser } from '../user-repo.ts'
import { claimMailSlot } from '../mail-rate-limit.ts'
import { issueToken } from '../user-token-repo.ts'

export const register = defineAction({
  name: 'Register',
  zone: 'none',
  auth: 'public',
  params: Type.Object({
    // lengths are checked by the account rules, so a too-long email is 1520 like any malformed one
    email: Str({ maxLength: 4096 }),
    password: Str({ maxLength: 4096 }),
    user_name: Optional(Str({ maxLength: 4096 })),
    invite_code: Optional(Str({ maxLength: 256 })),
  }),

  // everything that needs no database, including the slow argon2 hash, before the transaction
  async prepare(params) {
    const emailIssue = emailProblem(params.email)
    if (emailIssue) throw new ApiError('IllegalUserId', emailIssue)
    if (params.user_name !== undefined) {
      const nameIssue = userNameProblem(params.user_name)
      if (nameIssue) throw new ApiError('IllegalUserId', nameIssue)
    }
    const passwordIssue = passwordProblem(params.password, params.email)
    if (passwordIssue) throw new ApiError('RegisterFailed', passwordIssue)
    return { passwordHash: await hashPassword(params.password) }
  },

  async handle(params, ctx, prepared) {
    const now = ctx.clock.now()
    const { registration } = await platformSettings(ctx.db, ctx.settings)
    if (registration === 'closed') throw new ApiError('RegisterFailed', 'registration is closed')
    if (registration === 'invite') await requireUsableInvite(ctx, params.invite_code, now)

    const email = normalizeEmail(params.email)
    let user
    try {
      user = await createUser(ctx.db, ctx.ids, now, { email, user_name: params.user_name ?? defaultUserName(email), role: 'user', status: 'unverified', password_hash: prepared.passwordHash })
    } catch (error) {
      // the unique index decides, so two registrations racing for one email cannot both succeed
      if (ctx.caps.isUniqueViolation(error)) throw new ApiError('UserAlreadyExisted', `an account with email [${email}] already exists`)
      throw error
    }
    if (registration === 'invite') await useInvite(ctx, params.invite_code!, user.user_id)

    // the first verification mail counts towards ResendVerification's limit
    await claimMailSlot(ctx.db, ctx.caps, 'verify-mail', email, now, ctx.settings.resetMaxRequests, ctx.settings.resetWindowMinutes)
    const token = await issueToken(ctx.db, 'verify', user.user_id, now, VERIFY_TOKEN_MINUTES)
    await ctx.mail({ to: email, subject: VERIFY_SUBJECT, text: verificationMail(token) })
    return { user_id: user.user_id }
  },
})

const INVALID_INVITE = 'registration needs an invitation: invite_code is missing, unknown, used or expired'

async function requireUsableInvite(ctx: ActionContext, code: string | undefined, now: Date): Promise<void> {
  if (code === undefined) throw new ApiError('RegisterFailed', INVALID_INVITE)
  const invite = await findInvite(ctx.db, hashToken(code))
  // an invite without expires_at never expires
  const expired = invite !== undefined && invite.expires_at !== '' && new Date(invite.expires_at).getTime() <= now.getTime()
  if (invite?.used_by !== '' || expired) throw new ApiError('RegisterFailed', INVALID_INVITE)
}

/** One code, one account: only the registration whose conditional update wins keeps it. */
async function useInvite(ctx: ActionContext, code: string, userId: string): Promise<void> {
  if (!(await claimInvite(ctx.db, hashToken(code), userId))) throw new ApiError('RegisterFailed', INVALID_INVITE)
}
