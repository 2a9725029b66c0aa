// Single-use tokens sent by mail (purpose `verify` or `reset`): 256 random bits, stored as their
// SHA-256, valid until used or expired. Consuming one is a conditional update, so two requests
// racing with the same token cannot both succeed.
import { formatTime } from '../../lib/clock.ts'
import { hashToken, newToken, tokenMatches } from '../../lib/tokens.ts'
import type { Queryable } from '../../store/database.ts'

export type TokenPurpose = 'verify' | 'reset'

export async function issueToken(db: Queryable, purpose: TokenPurpose, userId: string, now: Date, lifetimeMinutes: number): Promise<string> {
  const token = newToken()
  await db
    .insertInto('user_tokens')
    .values({ token_hash: hashToken(token), purpose, user_id: userId, create_time: now.toISOString(), expires_at: new Date(now.getTime() + lifetimeMinutes * 60_000).toISOString(), used_time: '' })
    .execute()
  return token
}

/**
 * Uses up a token: the user it was issued to, or why it cannot be used. Expired and used tokens
 * are reported apart for the log's sake; the caller answers every failure the same way.
 */
export async function consumeToken(db: Queryable, purpose: TokenPurpose, token: string, now: Date): Promise<{ user_id: string } | { problem: 'unknown' | 'expired' | 'used' }> {
  const row = await db.selectFrom('user_tokens').selectAll().where('token_hash', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst()
  if (!row || !tokenMatches(token, row.token_hash)) return { problem: 'unknown' }
  if (row.used_time !== '') return { problem: 'used' }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { problem: 'expired' }
  const claimed = await db
    .updateTable('user_tokens')
    .set({ used_time: formatTime(now) })
    .where('token_hash', '=', row.token_hash)
    .where('used_time', '=', '')
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) !== 1) return { problem: 'used' }
  return { user_id: row.user_id }
}

/** Voids a user's unused tokens of a purpose (a new reset mail replaces the old one; verified accounts need no verify token). */
export async function voidTokens(db: Queryable, purpose: TokenPurpose, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('user_tokens')
    .set({ used_time: formatTime(now) })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_time', '=', '')
    .execute()
}
