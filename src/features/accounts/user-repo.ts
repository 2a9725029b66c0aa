// Users (accounts): who they are, their password hash, verification, lock-out and ban state.
import type { Queryable, UserTable } from '../../store/database.ts'
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'

export type User = UserTable
export type Role = 'admin' | 'user'

export async function createUser(
  db: Queryable,
  ids: IdGenerator,
  now: Date,
  input: { email: string; user_name: string; role: Role; status?: 'active' | 'unverified'; password_hash?: string },
): Promise<User> {
  const time = formatTime(now)
  const user: User = {
    user_id: ids.user(),
    email: input.email,
    user_name: input.user_name,
    role: input.role,
    status: input.status ?? 'active',
    create_time: time,
    status_time: time,
    password_hash: input.password_hash ?? '',
    failed_logins: 0,
    locked_until: '',
    verify_time: input.status === 'unverified' ? '' : time,
  }
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
