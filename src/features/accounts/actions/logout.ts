// Logout: ends the session the request came with and deletes the console's cookie. The token is
// useless from then on (2000 SessionExpired).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { endSession, SESSION_COOKIE } from '../session-repo.ts'

export const logout = defineAction({
  name: 'Logout',
  zone: 'none',
  // only session bookkeeping, like Login: allowed in maintenance
  readOnly: true,
  auth: 'session',
  params: Type.Object({}),
  async handle(_params, ctx) {
    await endSession(ctx.db, ctx.caller.session_id, ctx.clock.now())
    ctx.setCookie(SESSION_COOKIE, '', { maxAge: 0 })
    return {}
  },
})
