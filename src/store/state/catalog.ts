// What a state file holds is read from the database's own catalog, not from a list kept by hand: every
// table of the application (a table a later migration adds is included without a change here), its
// columns in order, and the foreign keys that decide which table is filled first.
import type { DialectName } from '../dialects.ts'

/** Runs one catalog query on the connection the caller holds (a transaction, or a raw SQLite connection). */
export type CatalogQuery = (text: string) => Promise<Array<Record<string, unknown>>>

export interface TableInfo {
  name: string
  columns: string[]
  /** Columns of a 64-bit integer type: node-postgres may hand them over as strings. */
  bigintColumns: Set<string>
}

/**
 * Tables that are not state: Kysely's migration bookkeeping (the level is the header's, and a file
 * of another level is refused) and the cache epoch, which must only ever go forward (a restore bumps
 * it instead).
 */
export const NOT_STATE = new Set(['kysely_migration', 'kysely_migration_lock', 'cache_epoch'])

/** The state tables, parents before the tables whose foreign keys point at them. */
export async function stateTables(query: CatalogQuery, dialect: DialectName): Promise<TableInfo[]> {
  const tables = dialect === 'sqlite' ? await sqliteTables(query) : await postgresTables(query)
  return parentsFirst(tables.filter((t) => !NOT_STATE.has(t.info.name)))
}

interface Found {
  info: TableInfo
  parents: string[]
}

async function sqliteTables(query: CatalogQuery): Promise<Found[]> {
  // two queries over every table (pragma table-valued functions joined to sqlite_master), not two per table
  const tables = "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'"
  const columns = (await query(`select m.name as table_name, c.name as column_name, c.type from (${tables}) m join pragma_table_info(m.name) c order by m.name, c.cid`)) as Array<{
    table_name: string
    column_name: string
    type: string
  }>
  const keys = (await query(`select m.name as child, k."table" as parent from (${tables}) m join pragma_foreign_key_list(m.name) k`)) as Array<{ child: string; parent: string }>
  const byName = new Map<string, Found>()
  for (const { table_name, column_name, type } of columns) {
    const table = byName.get(table_name) ?? { info: { name: table_name, columns: [], bigintColumns: new Set<string>() }, parents: [] }
    byName.set(table_name, table)
    table.info.columns.push(column_name)
    if (/big/i.test(type)) table.info.bigintColumns.add(column_name)
  }
  for (const { child, parent } of keys) byName.get(child)?.parents.push(parent)
  return [...byName.values()]
}

async function postgresTables(query: CatalogQuery): Promise<Found[]> {
  const columns = (await query(
    `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as data_type
       from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
      where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
  )) as Array<{ table_name: string; column_name: string; data_type: string }>
  const keys = (await query(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema()`,
  )) as Array<{ child: string; parent: string }>
  const byName = new Map<string, Found>()
  for (const { table_name, column_name, data_type } of columns) {
    const table = byName.get(table_name) ?? { info: { name: table_name, columns: [], bigintColumns: new Set<string>() }, parents: [] }
    byName.set(table_name, table)
    table.info.columns.push(column_name)
    if (data_type === 'bigint') table.info.bigintColumns.add(column_name)
  }
  for (const { child, parent } of keys) byName.get(child)?.parents.push(parent)
  return [...byName.values()]
}

/** Tables in name order, except that a table comes after every table it references (a self-reference is no constraint on the order). */
function parentsFirst(found: Found[]): TableInfo[] {
  const byName = new Map(found.map((f) => [f.info.name, f]))
  const ordered: TableInfo[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const place = (f: Found) => {
    if (placed.has(f.info.name)) return
    if (visiting.has(f.info.name)) throw new Error(`foreign keys form a cycle through table ${f.info.name}`)
    visiting.add(f.info.name)
    for (const parent of f.parents) {
      const p = byName.get(parent)
      if (p && parent !== f.info.name) place(p)
    }
    visiting.delete(f.info.name)
    placed.add(f.info.name)
    ordered.push(f.info)
  }
  for (const f of [...found].sort((a, b) => a.info.name.localeCompare(b.info.name))) place(f)
  return ordered
}
