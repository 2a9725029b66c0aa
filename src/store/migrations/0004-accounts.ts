// Accounts: passwords, verification, lock-out, sessions, single-use tokens (verification, password
// reset), invites and the mail outbox. Only portable column types: text, integer.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // users.status: active | unverified | banned (bootstrap accounts are active)
  await db.schema
    .alterTable('users')
    .addColumn('password_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('locked_until', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('verify_time', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  // single-use tokens sent by mail: purpose verify | reset; only their hash is kept
  await db.schema
    .createTable('user_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_time', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('user_tokens_user').on('user_tokens').columns(['user_id', 'purpose', 'create_time']).execute()

  await db.schema
    .createTable('invites')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('mail_id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // kept (no SMTP) | sent | failed
    .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('outbox_to').on('outbox').columns(['to_address', 'create_time']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'invites', 'user_tokens', 'sessions']) await db.schema.dropTable(table).execute()
  for (const column of ['verify_time', 'locked_until', 'failed_logins', 'password_hash']) await db.schema.alterTable('users').dropColumn(column).execute()
}
