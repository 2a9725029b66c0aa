// Wrong logins for emails no account has. With login_errors=generic they count and lock exactly as
// an account's own failures do (user-repo.ts recordFailedLogin: same threshold, same lock, the count
// starting afresh at each lock), so neither the answers nor their sequence tell whether an email is
// registered. No user row is made: a row here holds only the SHA-256 of the lower-cased email.
import { sql } from 'kysely'
import { hashToken } from '../../lib/tokens.ts'
import type { Queryable } from '../../store/database.ts'
import { normalizeEmail } from './account.ts'

const emailHash = (email: string): string => hashToken(`login:${normalizeEmail(email)}`)

/** The lock-out state of an unknown email, shaped like a user's (locked_until '' when never locked). */
export async function unknownEmailLock(db: Queryable, email: string): Promise<{ locked_until: string }> {
  const row = await db.selectFrom('login_failures').select('locked_until').where('email_hash', '=', emailHash(email)).executeTakeFirst()
  return { locked_until: row?.locked_until ?? '' }
}

/** Counts one wrong login for an unknown email in a single statement (concurrent attempts all count). */
export async function recordUnknownEmailFailure(db: Queryable, email: string, maxFailures: number, lockUntil: string): Promise<void> {
  const firstLocks = maxFailures <= 1
  const reachesLimit = sql<boolean>`login_failures.failed_logins + 1 >= ${maxFailures}`
  await db
    .insertInto('login_failures')
    .values({ email_hash: emailHash(email), failed_logins: firstLocks ? 0 : 1, locked_until: firstLocks ? lockUntil : '' })
    .onConflict((oc) =>
      oc.column('email_hash').doUpdateSet({
        failed_logins: sql<number>`case when ${reachesLimit} then 0 else login_failures.failed_logins + 1 end`,
        locked_until: sql<string>`case when ${reachesLimit} then ${lockUntil} else login_failures.locked_until end`,
      }),
    )
    .execute()
}
