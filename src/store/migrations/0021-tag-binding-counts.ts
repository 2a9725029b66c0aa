// Tag bindings in the kept counts (issue 16, `tags.N` listings): one `resource_counts` key per
// binding owner, kind 'resource_tags' (zone, status and facet ''), whose `n` is how many bindings
// the owner has and whose `changes` grows with every binding made or removed. A resource and every
// tag bound to it have the same owner (AttachTags refuses anything else), so the owner's listing
// version plus this one versions every listing filtered by tags: DescribeInstances remembers the
// ids a `tags.N` filter selects against the sum (resources/listing-cache.ts). Kept by triggers like
// 0020's: SQLite upserts one row, PostgreSQL appends one delta row per owner per statement.
import { type Kysely, SqliteAdapter, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into resource_counts (kind, owner, zone_id, status, facet, n, changes)
    select 'resource_tags', owner, '', '', '', count(*), count(*) from resource_tags group by owner`.execute(db)
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const add = (row: 'new' | 'old', n: 1 | -1) =>
      `insert into resource_counts (kind, owner, zone_id, status, facet, n, changes) values ('resource_tags', ${row}.owner, '', '', '', ${n}, 1) ` +
      'on conflict (kind, owner, zone_id, status, facet) do update set n = n + excluded.n, changes = changes + 1;'
    await sql.raw(`create trigger resource_tags_counts_insert after insert on resource_tags begin ${add('new', 1)} end`).execute(db)
    await sql.raw(`create trigger resource_tags_counts_delete after delete on resource_tags begin ${add('old', -1)} end`).execute(db)
    // a binding's owner, tag and resource never change (AttachTags inserts, DetachTags deletes); should one, it is counted as moved
    await sql.raw(`create trigger resource_tags_counts_update after update on resource_tags begin ${add('old', -1)} ${add('new', 1)} end`).execute(db)
    return
  }
  await sql
    .raw(`create function resource_tags_counts_delta() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into resource_counts (kind, owner, zone_id, status, facet, n, changes)
      select 'resource_tags', owner, '', '', '', count(*), count(*) from new_rows group by owner;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into resource_counts (kind, owner, zone_id, status, facet, n, changes)
      select 'resource_tags', owner, '', '', '', -count(*), count(*) from old_rows group by owner;
  end if;
  return null;
end
$fn$`)
    .execute(db)
  for (const event of ['insert', 'update', 'delete'] as const) {
    const tables = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
    await sql.raw(`create trigger resource_tags_counts_${event} after ${event} on resource_tags referencing ${tables} for each statement execute function resource_tags_counts_delta()`).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger resource_tags_counts_${event}${sqlite ? '' : ' on resource_tags'}`).execute(db)
  if (!sqlite) await sql`drop function resource_tags_counts_delta()`.execute(db)
  await sql`delete from resource_counts where kind = 'resource_tags'`.execute(db)
}
