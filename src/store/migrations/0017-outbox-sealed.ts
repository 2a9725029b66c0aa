// Outbox bodies carry single-use tokens, so they are sealed with the master key like access-key
// secrets. A migration cannot seal (the key lives outside the database, and only start-up has it),
// so it marks every existing row clear (sealed = 0) and start-up seals those rows (mail/outbox.ts
// sealClearMail, called from bootstrap) before the server answers a request.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('sealed').execute()
}
