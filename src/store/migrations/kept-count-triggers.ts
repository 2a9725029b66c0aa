// The kept-count triggers of migration 0020 for one more table (a kind registered after 0020): its
// rows now counted, then SQLite row triggers upserting one row per key, or PostgreSQL statement
// triggers appending deltas through 0020's resource_counts_delta(). Not a migration itself: the
// migrations that add kinds (0029 on) call it.
import { type Kysely, SqliteAdapter, sql } from 'kysely'

export interface CountedTable {
  table: string
  id: string
  name: string
  /** counted by status (stateful kinds); plain kinds count '' */
  stateful: boolean
}

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter

export async function addKeptCounts(db: Kysely<unknown>, k: CountedTable): Promise<void> {
  const status = k.stateful ? sql.ref('status') : sql.lit('')
  await sql`insert into resource_counts (kind, owner, zone_id, status, facet, n, changes)
    select ${sql.lit(k.table)}, owner, zone_id, ${status}, '', count(*), count(*) from ${sql.table(k.table)} group by 2, 3, 4`.execute(db)
  if (isSqlite(db)) {
    const statusOf = (row: 'new' | 'old') => (k.stateful ? `${row}.status` : "''")
    const add = (row: 'new' | 'old', n: 1 | -1) =>
      `insert into resource_counts (kind, owner, zone_id, status, facet, n, changes) values ('${k.table}', ${row}.owner, ${row}.zone_id, ${statusOf(row)}, '', ${n}, 1) ` +
      'on conflict (kind, owner, zone_id, status, facet) do update set n = n + excluded.n, changes = changes + 1;'
    const watched = ['owner', 'zone_id', k.name, ...(k.stateful ? ['status'] : [])]
    await sql.raw(`create trigger ${k.table}_counts_insert after insert on ${k.table} begin ${add('new', 1)} end`).execute(db)
    await sql.raw(`create trigger ${k.table}_counts_delete after delete on ${k.table} begin ${add('old', -1)} end`).execute(db)
    await sql.raw(`create trigger ${k.table}_counts_update after update of ${watched.join(', ')} on ${k.table} when ${watched.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin ${add('old', -1)} ${add('new', 1)} end`).execute(db)
    return
  }
  for (const event of ['insert', 'update', 'delete'] as const) {
    const tables = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
    await sql
      .raw(`create trigger ${k.table}_counts_${event} after ${event} on ${k.table} referencing ${tables} for each statement execute function resource_counts_delta('${k.stateful ? 'status' : ''}', '', '${k.id}', '${k.name}')`)
      .execute(db)
  }
}

export async function dropKeptCounts(db: Kysely<unknown>, k: CountedTable): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${k.table}_counts_${event}${isSqlite(db) ? '' : ` on ${k.table}`}`).execute(db)
  await sql`delete from resource_counts where kind = ${k.table}`.execute(db)
}
