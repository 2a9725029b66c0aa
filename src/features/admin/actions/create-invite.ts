// CreateInvite: a single-use code that lets one person register while registration is invite-only.
// Like every bearer secret it is random (256 bits), shown once here and stored only as its hash;
// Register consumes it (looked up by hashToken(code), unused and unexpired).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { hashToken, newToken } from '../../../lib/tokens.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional } from '../../../protocol/params.ts'
import { insertInvite } from '../../accounts/invite-repo.ts'

const DEFAULT_HOURS = 72
const MAX_HOURS = 24 * 90

export const createInvite = defineAction({
  name: 'CreateInvite',
  zone: 'none',
  params: Type.Object({
    expires_in_hours: Optional(Int({ minimum: 1, maximum: MAX_HOURS })),
  }),
  async handle(params, ctx) {
    const now = ctx.clock.now()
    const expires_at = new Date(now.getTime() + (params.expires_in_hours ?? DEFAULT_HOURS) * 3600_000)
    const invite_code = newToken()
    await insertInvite(ctx.db, { code_hash: hashToken(invite_code), created_by: ctx.caller.user_id, now, expires_at })
    return { invite_code, expires_at: formatTime(expires_at) }
  },
})
