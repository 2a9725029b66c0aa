// Snapshot chains need an order that does not depend on clock resolution: several points of one
// resource may be taken within the same second. `seq` numbers a resource's snapshots 1, 2, 3 …
// in the order they were taken; a chain's points are its snapshots in `seq` order.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('snapshots')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('snapshots_root').on('snapshots').column('root_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('snapshots_root').execute()
  await db.schema.alterTable('snapshots').dropColumn('seq').execute()
}
