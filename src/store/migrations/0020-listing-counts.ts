// Listings that do not scan (issue 16): indexes that serve every Describe's owner/zone filter and its
// (create_time, id) order without a sort, and `resource_counts`, the rows per (kind, owner, zone,
// status, facet) that total_count reads instead of counting a tenant's rows on every page.
//
// The counts are kept by triggers, so they change in the same transaction as the row that moved
// them, whichever code wrote it (an action, a job, the recycle bin, billing's suspension).
//   SQLite: a row trigger upserts one row per key (one writer at a time: no lock order to mind).
//   PostgreSQL: a statement trigger appends one delta row per key the statement changed (from its
//     transition tables), so concurrent transactions never wait on (or deadlock over) a shared
//     counter row; the recycle-bin sweep folds each key's deltas into one row (resource-counts.ts).
// `kind` is the table's name; `facet` is one extra column a kind is counted by ('' for none), so
// DescribeInstances' `instance_type` filter needs no scan either. `changes` counts the rows that
// were inserted, deleted, or changed in a counted column or their name: sum(changes) over an
// (owner, zone) only grows, so it versions that tenant's listings (search counts and deep-page
// bookmarks are cached against it, resources/listing-cache.ts). KINDS must match the registry's
// `counts` entries (src/features/resources/resource-counts.test.ts holds them to it).
import { type Kysely, SqliteAdapter, sql } from 'kysely'

const KINDS = [
  { table: 'instances', id: 'instance_id', name: 'instance_name', stateful: true, facet: 'instance_type' },
  { table: 'volumes', id: 'volume_id', name: 'volume_name', stateful: true, facet: '' },
  { table: 'images', id: 'image_id', name: 'image_name', stateful: true, facet: '' },
  { table: 'eips', id: 'eip_id', name: 'eip_name', stateful: true, facet: '' },
  { table: 'snapshots', id: 'snapshot_id', name: 'snapshot_name', stateful: true, facet: '' },
  { table: 'clusters', id: 'cluster_id', name: 'name', stateful: true, facet: '' },
  { table: 'keypairs', id: 'keypair_id', name: 'keypair_name', stateful: false, facet: '' },
  { table: 'security_groups', id: 'security_group_id', name: 'security_group_name', stateful: false, facet: '' },
  { table: 'vxnets', id: 'vxnet_id', name: 'vxnet_name', stateful: false, facet: '' },
] as const

/** The (owner, zone_id, create_time) indexes the Describes page over, with the id that breaks ties. */
const PAGE_INDEXES = [
  // instances and volumes: covering the status (and facet) filters, so a deep offset skips over the
  // index alone; the old indexes were made by 0003
  { name: 'instances_owner_zone', table: 'instances', columns: ['owner', 'zone_id', 'create_time', 'instance_id', 'status', 'instance_type'], old: ['owner', 'zone_id', 'create_time', 'instance_id'] },
  { name: 'volumes_owner_zone', table: 'volumes', columns: ['owner', 'zone_id', 'create_time', 'volume_id', 'status', 'volume_type'], old: ['owner', 'zone_id', 'create_time', 'volume_id'] },
  // one status (status.N = stopped) reads its page in order from here; 0003 made (owner, zone_id, status)
  { name: 'instances_owner_zone_status', table: 'instances', columns: ['owner', 'zone_id', 'status', 'create_time', 'instance_id'], old: ['owner', 'zone_id', 'status'] },
  { name: 'volumes_owner_zone_status', table: 'volumes', columns: ['owner', 'zone_id', 'status', 'create_time', 'volume_id'], old: ['owner', 'zone_id', 'status'] },
  { name: 'eips_owner', table: 'eips', columns: ['owner', 'zone_id', 'create_time', 'eip_id', 'status'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'snapshots_owner', table: 'snapshots', columns: ['owner', 'zone_id', 'create_time', 'seq', 'snapshot_id', 'status'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'clusters_owner', table: 'clusters', columns: ['owner', 'zone_id', 'create_time', 'cluster_id', 'status'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'keypairs_owner_zone', table: 'keypairs', columns: ['owner', 'zone_id', 'create_time', 'keypair_id'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'security_groups_owner', table: 'security_groups', columns: ['owner', 'zone_id', 'create_time', 'security_group_id'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'vxnets_owner', table: 'vxnets', columns: ['owner', 'zone_id', 'create_time', 'vxnet_id'], old: ['owner', 'zone_id', 'create_time'] },
  { name: 'jobs_owner_zone', table: 'jobs', columns: ['owner', 'zone_id', 'create_time', 'job_id'], old: ['owner', 'zone_id', 'create_time'] },
] as const

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of PAGE_INDEXES) {
    await db.schema.dropIndex(index.name).execute()
    await db.schema
      .createIndex(index.name)
      .on(index.table)
      .columns([...index.columns])
      .execute()
  }

  const sqlite = isSqlite(db)
  const KEY = ['kind', 'owner', 'zone_id', 'status', 'facet'] as ('kind' | 'owner' | 'zone_id' | 'status' | 'facet')[]
  let table = db.schema
    .createTable('resource_counts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('changes', 'bigint', (c) => c.notNull())
  // SQLite upserts into one row per key, stored in the key's own B-tree (a tenant's counts are one
  // range read); PostgreSQL appends deltas, so its key index is not unique
  if (sqlite) table = table.addPrimaryKeyConstraint('resource_counts_pk', KEY).modifyEnd(sql`without rowid`)
  await table.execute()
  if (!sqlite) await db.schema.createIndex('resource_counts_key').on('resource_counts').columns(KEY).execute()

  for (const k of KINDS) {
    const status = k.stateful ? sql.ref('status') : sql.lit('')
    const facet = k.facet ? sql.ref(k.facet) : sql.lit('')
    // the rows that exist now
    await sql`insert into resource_counts (kind, owner, zone_id, status, facet, n, changes)
      select ${sql.lit(k.table)}, owner, zone_id, ${status}, ${facet}, count(*), count(*) from ${sql.table(k.table)} group by 2, 3, 4, 5`.execute(db)
  }

  if (sqlite) {
    for (const k of KINDS) await sqliteTriggers(db, k)
  } else {
    await postgresFunction(db)
    for (const k of KINDS) {
      for (const event of ['insert', 'update', 'delete'] as const) {
        const tables = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
        await sql
          .raw(
            `create trigger ${k.table}_counts_${event} after ${event} on ${k.table} referencing ${tables} for each statement ` +
              `execute function resource_counts_delta('${k.stateful ? 'status' : ''}', '${k.facet}', '${k.id}', '${k.name}')`,
          )
          .execute(db)
      }
    }
  }
}

async function sqliteTriggers(db: Kysely<unknown>, k: (typeof KINDS)[number]): Promise<void> {
  const status = (row: 'new' | 'old') => (k.stateful ? `${row}.status` : "''")
  const facet = (row: 'new' | 'old') => (k.facet ? `${row}.${k.facet}` : "''")
  const add = (row: 'new' | 'old', n: 1 | -1) =>
    `insert into resource_counts (kind, owner, zone_id, status, facet, n, changes) values ('${k.table}', ${row}.owner, ${row}.zone_id, ${status(row)}, ${facet(row)}, ${n}, 1) ` +
    'on conflict (kind, owner, zone_id, status, facet) do update set n = n + excluded.n, changes = changes + 1;'
  const watched = ['owner', 'zone_id', k.name, ...(k.stateful ? ['status'] : []), ...(k.facet ? [k.facet] : [])]
  await sql.raw(`create trigger ${k.table}_counts_insert after insert on ${k.table} begin ${add('new', 1)} end`).execute(db)
  await sql.raw(`create trigger ${k.table}_counts_delete after delete on ${k.table} begin ${add('old', -1)} end`).execute(db)
  await sql.raw(`create trigger ${k.table}_counts_update after update of ${watched.join(', ')} on ${k.table} ` + `when ${watched.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin ${add('old', -1)} ${add('new', 1)} end`).execute(db)
}

/**
 * One function for every counted table. TG_ARGV: the status and facet columns ('' for none), the id
 * and the name column. An update counts only the rows whose counted columns or name changed.
 */
async function postgresFunction(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`create function resource_counts_delta() returns trigger language plpgsql as $fn$
declare
  -- the status and facet of a row aliased r: its column, or '' for a kind without one
  status text := case when tg_argv[0] = '' then $q$''$q$ else 'r.' || quote_ident(tg_argv[0]) end;
  facet text := case when tg_argv[1] = '' then $q$''$q$ else 'r.' || quote_ident(tg_argv[1]) end;
  id text := quote_ident(tg_argv[2]);
  name text := quote_ident(tg_argv[3]);
  rows text;
begin
  if tg_op = 'INSERT' then
    rows := format('select r.owner, r.zone_id, %s as status, %s as facet, 1 as n from new_rows r', status, facet);
  elsif tg_op = 'DELETE' then
    rows := format('select r.owner, r.zone_id, %s as status, %s as facet, -1 as n from old_rows r', status, facet);
  else
    rows := format(
      'select r.owner, r.zone_id, %1$s as status, %2$s as facet, -1 as n from old_rows r join new_rows w on r.%3$s = w.%3$s '
      'where (r.owner, r.zone_id, %1$s, %2$s, r.%4$s) is distinct from (w.owner, w.zone_id, %5$s, %6$s, w.%4$s) '
      'union all '
      'select r.owner, r.zone_id, %1$s, %2$s, 1 from new_rows r join old_rows w on r.%3$s = w.%3$s '
      'where (r.owner, r.zone_id, %1$s, %2$s, r.%4$s) is distinct from (w.owner, w.zone_id, %5$s, %6$s, w.%4$s)',
      status, facet, id, name, replace(status, 'r.', 'w.'), replace(facet, 'r.', 'w.'));
  end if;
  execute format('insert into resource_counts (kind, owner, zone_id, status, facet, n, changes) '
    'select %L, owner, zone_id, status, facet, sum(n), count(*) from (%s) d group by owner, zone_id, status, facet', tg_table_name, rows);
  return null;
end
$fn$`)
    .execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const k of KINDS) for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${k.table}_counts_${event}${isSqlite(db) ? '' : ` on ${k.table}`}`).execute(db)
  if (!isSqlite(db)) await sql`drop function resource_counts_delta()`.execute(db)
  await db.schema.dropTable('resource_counts').execute()
  for (const index of PAGE_INDEXES) {
    await db.schema.dropIndex(index.name).execute()
    await db.schema
      .createIndex(index.name)
      .on(index.table)
      .columns([...index.old])
      .execute()
  }
}
