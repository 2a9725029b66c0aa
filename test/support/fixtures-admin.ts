// People for admin tests, written straight to the store (the admin module acts on accounts however
// they came to be): a user in any status or role, with a password when asked, and open sessions.
import { createSession } from '../../src/features/accounts/session-repo.ts'
import { createUser, type Role } from '../../src/features/accounts/user-repo.ts'
import { formatTime } from '../../src/lib/clock.ts'
import { seededIdGenerator } from '../../src/lib/ids.ts'
import { hashPassword } from '../../src/lib/passwords.ts'
import type { TestApp } from './harness.ts'

let counter = 0
// separate from the app's generator (seed 42), so fixture ids never collide with the app's
const ids = seededIdGenerator(4242)

export interface NewUser {
  email?: string
  user_name?: string
  role?: Role
  status?: 'active' | 'unverified' | 'banned'
  password?: string
  /** A lock-out end, as stored ('' = not locked). */
  locked_until?: string
}

/** Inserts a user; the clock is advanced a second first so create_time orders users as made. */
export async function insertUser(t: TestApp, input: NewUser = {}) {
  t.clock.advance(1000)
  const n = ++counter
  const user = await createUser(t.store.db, ids, t.clock.now(), {
    email: input.email ?? `member${n}@example.com`,
    user_name: input.user_name ?? `member ${n}`,
    role: input.role ?? 'user',
    status: input.status === 'unverified' ? 'unverified' : 'active',
    password_hash: input.password ? await hashPassword(input.password) : '',
  })
  if (input.status === 'banned' || input.locked_until) {
    await t.store.db
      .updateTable('users')
      .set({ ...(input.status === 'banned' && { status: 'banned' }), ...(input.locked_until && { locked_until: input.locked_until, failed_logins: 5 }) })
      .where('user_id', '=', user.user_id)
      .execute()
  }
  return t.store.db.selectFrom('users').selectAll().where('user_id', '=', user.user_id).executeTakeFirstOrThrow()
}

/** Opens a session for a user as Login would; returns its id and bearer token. */
export async function openSession(t: TestApp, userId: string) {
  const { session_id, token } = await createSession(t.store.db, ids, userId, t.clock.now(), 12)
  return { session_id, token }
}

/** Sessions of a user still open (end_time ''). */
export async function openSessions(t: TestApp, userId: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('sessions').select('session_id').where('user_id', '=', userId).where('end_time', '=', '').execute()
  return rows.map((r) => r.session_id)
}

export const now = (t: TestApp) => formatTime(t.clock.now())
