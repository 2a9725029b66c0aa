// Sliding-window rate limits (password-reset requests per address): each key owns N slots, a
// request claims one whose last use is older than the window. Keys are hashes, never the address.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_slots')
    .addColumn('slot_key', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('claim_time', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_slots_expiry').on('rate_slots').columns(['scope', 'expires_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_slots').execute()
}
