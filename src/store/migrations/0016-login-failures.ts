// Wrong logins for emails no account has, counted like an account's own (users.failed_logins and
// locked_until), so the lock-out answers cannot tell whether an email is registered. Keyed by the
// SHA-256 of the lower-cased email: whatever was typed as an email is never stored in clear.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute()
}
