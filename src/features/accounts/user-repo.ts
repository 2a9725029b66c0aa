// Users (accounts). Issue #4 adds passwords, verification, bans and sessions.
import type { Queryable, UserTable } from '../../store/database.ts'
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'

export type User = UserTable
export type Role = 'admin' | 'user'

export async function createUser(
  db: Queryable,
  ids: IdGenerator,
  now: Date,
  input: { email: string; user_name: string; role: Role },
): Promise<User> {
  const time = formatTime(now)
  const user: User = { user_id: ids.user(), ...input, status: 'active', create_time: time, status_time: time }
  await db.insertInto('users').values(user).execute()
  return user
}

export async function findUser(db: Queryable, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
