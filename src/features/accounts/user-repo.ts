// Users (accounts): who they are, their password hash, verification, lock-out and ban state.
import { sql, type Expression } from 'kysely'
import type { Queryable, UserTable } from '../../store/database.ts'
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'

export type User = UserTable
export type Role = 'admin' | 'user'

export async function createUser(db: Queryable, ids: IdGenerator, now: Date, input: { email: string; user_name: string; role: Role; status?: 'active' | 'unverified'; password_hash?: string }): Promise<User> {
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

/**
 * The role and status of the user whose id `userId` holds, as two columns of another feature's
 * query (`owner_role`, `owner_status`): signature authentication reads a key and its owner's
 * standing in one round trip, on every signed request.
 */
export function standingColumns(db: Queryable, userId: Expression<string>) {
  return [db.selectFrom('users').select('role').where('user_id', '=', userId).as('owner_role'), db.selectFrom('users').select('status').where('user_id', '=', userId).as('owner_status')] as const
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The account registered with an email (emails are stored lower-cased). */
export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

/**
 * Counts one wrong password in a single statement, so concurrent wrong attempts all count. The one
 * that reaches `maxFailures` locks the account until `lockUntil` and starts the count afresh, so the
 * account gets `maxFailures` more tries once the lock has passed.
 */
export async function recordFailedLogin(db: Queryable, userId: string, maxFailures: number, lockUntil: string): Promise<void> {
  const reachesLimit = sql<boolean>`failed_logins + 1 >= ${maxFailures}`
  await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when ${reachesLimit} then 0 else failed_logins + 1 end`,
      locked_until: sql<string>`case when ${reachesLimit} then ${lockUntil} else locked_until end`,
    })
    .where('user_id', '=', userId)
    .execute()
}

/** A successful login forgets earlier failures. */
export async function clearFailedLogins(db: Queryable, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: '' })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('failed_logins', '!=', 0), eb('locked_until', '!=', '')]))
    .execute()
}

/** A new password (already hashed); it also ends a lock-out, since whoever set it knew the old one or owned the mailbox. */
export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: '' }).where('user_id', '=', userId).execute()
}

/**
 * Marks the email verified: an unverified account becomes active. A banned account stays banned
 * (verifying is not an appeal) but records that its address was proven.
 */
export async function markVerified(db: Queryable, userId: string, now: Date): Promise<void> {
  const time = formatTime(now)
  await db.updateTable('users').set({ status: 'active', status_time: time, verify_time: time }).where('user_id', '=', userId).where('status', '=', 'unverified').execute()
  await db.updateTable('users').set({ verify_time: time }).where('user_id', '=', userId).where('verify_time', '=', '').execute()
}
