// Users as the admin module sees and changes them (never their password hash): listing, locking
// the targets with the calling administrator, status, role, verification and password changes.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { Capabilities } from '../../store/dialects.ts'
import type { Queryable, UserTable } from '../../store/database.ts'
import { contains } from '../../store/search.ts'

/** The columns an administrator may see; password_hash and failed_logins stay inside. */
const USER_COLUMNS = ['user_id', 'email', 'user_name', 'role', 'status', 'create_time', 'status_time', 'verify_time', 'locked_until'] as const

export type AdminUserRow = Pick<UserTable, (typeof USER_COLUMNS)[number]>

export interface UserFilter {
  users?: string[]
  status?: string[]
  role?: string
  search_word?: string
}

export async function listUsers(db: Queryable, filter: UserFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('users')
  if (filter.users?.length) q = q.where('user_id', 'in', filter.users)
  if (filter.status?.length) q = q.where('status', 'in', filter.status)
  if (filter.role) q = q.where('role', '=', filter.role)
  if (filter.search_word) {
    const word = filter.search_word
    q = q.where((eb) => eb.or([contains('email', word), contains('user_name', word)]))
  }
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q.select(USER_COLUMNS).orderBy('create_time', 'desc').orderBy('user_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total: Number(n), rows }
}

/**
 * Locks the target users and the calling administrator (in user_id order, so two admins acting on
 * each other cannot deadlock) and returns the targets in the order given: unknown id → 2100. The
 * caller is re-read under the lock because the admin check happened before the transaction: two
 * admins demoting or banning each other at once must not leave the platform without one.
 */
export async function lockUsersAsAdmin(db: Queryable, caps: Capabilities, callerId: string, ids: readonly string[]): Promise<AdminUserRow[]> {
  const wanted = [...new Set([callerId, ...ids])].sort()
  const rows = await caps.forUpdate(db.selectFrom('users').select(USER_COLUMNS).where('user_id', 'in', wanted).orderBy('user_id')).execute()
  const byId = new Map(rows.map((row) => [row.user_id, row]))
  const caller = byId.get(callerId)
  if (caller?.role !== 'admin' || caller.status !== 'active') {
    throw new ApiError('PermissionDenied', `user [${callerId}] is no longer an active administrator`)
  }
  return ids.map((id) => {
    const row = byId.get(id)
    if (!row) throw new ApiError('ResourceNotFound', `user [${id}] not found`)
    return row
  })
}

export async function setUserStatus(db: Queryable, userId: string, status: 'active' | 'unverified' | 'banned', now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ status, status_time: formatTime(now) })
    .where('user_id', '=', userId)
    .execute()
}

/** Marks an account verified by hand; an unverified one becomes active, a banned one stays banned. */
export async function verifyByAdmin(db: Queryable, user: AdminUserRow, now: Date): Promise<void> {
  const time = formatTime(now)
  await db
    .updateTable('users')
    .set(user.status === 'unverified' ? { verify_time: time, status: 'active', status_time: time } : { verify_time: time })
    .where('user_id', '=', user.user_id)
    .execute()
}

/** A new password set by an administrator; it also lifts any lock-out. */
export async function replacePassword(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: '' }).where('user_id', '=', userId).execute()
}

export async function setUserRole(db: Queryable, userId: string, role: 'admin' | 'user'): Promise<void> {
  await db.updateTable('users').set({ role }).where('user_id', '=', userId).execute()
}
