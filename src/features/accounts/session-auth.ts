// Session authentication for the account module: the token comes as the console's cookie or as
// `Authorization: Bearer <token>` from scripts. Missing, unknown, ended, idle or too old → 2000
// SessionExpired; a banned user → 1662 AccessDenied, even on a session opened before the ban. A
// cookie must come with the session's CSRF token (csrf.ts; 1200 otherwise); a bearer token is
// sent by a script on purpose, so it needs none.
import { ApiError } from '../../errors.ts'
import type { Clock } from '../../lib/clock.ts'
import { tokenMatches } from '../../lib/tokens.ts'
import type { ActionSettings, Caller } from '../../protocol/action.ts'
import type { Authenticate } from '../../protocol/endpoint.ts'
import type { Db } from '../../store/database.ts'
import { requireCsrf } from './csrf.ts'
import { endSession, findSessionByToken, SESSION_COOKIE, touchSession } from './session-repo.ts'
import { findUser } from './user-repo.ts'

export function sessionAuth(deps: { db: Db; clock: Clock; settings: ActionSettings }): Authenticate {
  return async (request) => {
    const fromCookie = request.bearer === undefined
    const token = request.bearer ?? request.cookies[SESSION_COOKIE]
    if (!token) throw new ApiError('SessionExpired', 'no session, log in first')
    const now = deps.clock.now()
    const session = await findSessionByToken(deps.db, token)
    if (!session || !tokenMatches(token, session.token_hash) || session.end_time !== '') throw new ApiError('SessionExpired', 'the session has ended, log in again')
    const idleLimit = new Date(session.last_seen).getTime() + deps.settings.sessionIdleMinutes * 60_000
    if (now.getTime() > idleLimit || now.getTime() > new Date(session.expires_at).getTime()) {
      await endSession(deps.db, session.session_id, now)
      throw new ApiError('SessionExpired', 'the session has expired, log in again')
    }
    const user = await findUser(deps.db, session.user_id)
    if (!user) throw new ApiError('SessionExpired', 'the session has ended, log in again')
    if (user.status === 'banned') throw new ApiError('AccessDenied', `user [${user.user_id}] is banned`)
    if (fromCookie) requireCsrf(request.tree.action, request.csrf, session)
    await touchSession(deps.db, session.session_id, now)
    return { user_id: user.user_id, role: user.role === 'admin' ? 'admin' : 'user', access_key_id: '', session_id: session.session_id } satisfies Caller
  }
}
