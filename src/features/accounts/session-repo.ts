// Console sessions: a random 256-bit bearer token handed to the client once, stored as its SHA-256.
// A session ends on logout, on a password change or reset, after an idle time and after an
// absolute lifetime (config), all measured on the injectable clock.
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import { hashToken, newToken } from '../../lib/tokens.ts'
import type { Queryable } from '../../store/database.ts'

export const SESSION_COOKIE = 'qinglocal_session'

export async function createSession(db: Queryable, ids: IdGenerator, userId: string, now: Date, lifetimeHours: number): Promise<{ session_id: string; token: string; expires_at: string }> {
  const token = newToken()
  const session_id = ids.resource('ses', 16)
  const expires_at = formatTime(new Date(now.getTime() + lifetimeHours * 3600_000))
  await db
    .insertInto('sessions')
    .values({ session_id, token_hash: hashToken(token), user_id: userId, create_time: formatTime(now), last_seen: formatTime(now), expires_at, end_time: '' })
    .execute()
  return { session_id, token, expires_at }
}

export async function findSessionByToken(db: Queryable, token: string) {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
}

export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen: formatTime(now) })
    .where('session_id', '=', sessionId)
    .execute()
}

export async function endSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ end_time: formatTime(now) })
    .where('session_id', '=', sessionId)
    .where('end_time', '=', '')
    .execute()
}

/** Ends every open session of a user, except `keep` (the one changing its own password). */
export async function endUserSessions(db: Queryable, userId: string, now: Date, keep = ''): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ end_time: formatTime(now) })
    .where('user_id', '=', userId)
    .where('end_time', '=', '')
    .where('session_id', '!=', keep)
    .execute()
}
