// Indexes for Describe over large tenants (`npm run bench`, 100,000 instances): total_count of a
// plain listing leaves out gone statuses, which (owner, zone_id, status) answers from the index
// alone; the page itself is read in (create_time, id) order without a sort.
import type { Kysely } from 'kysely'

const TABLES = [
  { table: 'instances', id: 'instance_id' },
  { table: 'volumes', id: 'volume_id' },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, id } of TABLES) {
    await db.schema.createIndex(`${table}_owner_zone_status`).on(table).columns(['owner', 'zone_id', 'status']).execute()
    await db.schema.dropIndex(`${table}_owner_zone`).execute()
    await db.schema.createIndex(`${table}_owner_zone`).on(table).columns(['owner', 'zone_id', 'create_time', id]).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of TABLES) {
    await db.schema.dropIndex(`${table}_owner_zone`).execute()
    await db.schema.createIndex(`${table}_owner_zone`).on(table).columns(['owner', 'zone_id', 'create_time']).execute()
    await db.schema.dropIndex(`${table}_owner_zone_status`).execute()
  }
}
