// The kept counts of every registered kind (migration 0020): how many rows each (owner, zone,
// status, facet) has, maintained by triggers in the transaction of every insert, status change,
// owner/zone change and delete, so a listing's total_count reads a handful of rows instead of
// counting a tenant's 900,000. The counts are exact by construction: the same statement that moves
// a row moves its count (resource-counts.test.ts compares them with count(*) after concurrent writes).
import { sql } from 'kysely'
import type { Queryable } from '../../store/database.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import { bindingsPerOwner } from '../tags/tag-repo.ts'
import type { ResourceKind } from './resource-kind.ts'

export interface CountFilter {
  /** Only these statuses; without it, every status but the kind's gone ones. */
  status?: readonly string[] | undefined
  /** Only these values of the kind's `countFacet` column. */
  facet?: readonly string[] | undefined
}

/** One tenant's kept counts of one kind, read in one query. */
export interface KeptCounts {
  /** sum(changes): grows with every insert, delete and change of status, facet, owner, zone or name. */
  version: number
  /** The rows that pass the filter it was read with. */
  count: number
}

/** The kind's kept count of `owner` in `zone` passing `f`, and the listing version: one row back. */
export async function keptCounts(db: Queryable, kind: ResourceKind, owner: string, zone: string, f: CountFilter = {}): Promise<KeptCounts> {
  const row = (await countsQuery(db, kind.table, owner, zone, f.status?.length ? f.status : undefined, kind.goneStatuses, f.facet?.length ? f.facet : undefined))[0]
  return { count: Number(row?.n ?? 0), version: Number(row?.changes ?? 0) }
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`))
// compiled once per shape (store/reusable-query.ts): the lists decide the form only by being there
const countsQuery = reusableQuery((db: Queryable, table: string, owner: string, zone: string, status: readonly string[] | undefined, gone: readonly string[], facet: readonly string[] | undefined) => {
  const always = sql<boolean>`1 = 1`
  const statusIn = status ? sql<boolean>`status in (${list(status)})` : gone.length ? sql<boolean>`status not in (${list(gone)})` : always
  const facetIn = facet ? sql<boolean>`facet in (${list(facet)})` : always
  return db
    .selectFrom('resource_counts')
    .select([sql<number | string | null>`sum(case when ${statusIn} and ${facetIn} then n else 0 end)`.as('n'), (eb) => eb.fn.sum<number | string | null>('changes').as('changes')])
    .where('kind', '=', table)
    .where('owner', '=', owner)
    .where('zone_id', '=', zone)
})

const bindingsQuery = reusableQuery((db: Queryable, owner: string) =>
  db
    .selectFrom('resource_counts')
    .select((eb) => eb.fn.sum<number | string | null>('changes').as('changes'))
    .where('kind', '=', BINDINGS)
    .where('owner', '=', owner)
    .where('zone_id', '=', ''),
)

/**
 * How often `owner`'s tag bindings changed (migration 0021): grows with every binding made or
 * removed. A listing filtered by tags.N is versioned by its kind's version plus this one.
 */
export async function bindingsVersion(db: Queryable, owner: string): Promise<number> {
  return Number((await bindingsQuery(db, owner))[0]?.changes ?? 0)
}

/** The kept counts' key for tag bindings (one per owner; zone, status and facet ''). */
const BINDINGS = 'resource_tags'

/** The kind's rows of `owner` in `zone` that pass `f`, from the kept counts. */
export async function keptCount(db: Queryable, kind: ResourceKind, owner: string, zone: string, f: CountFilter = {}): Promise<number> {
  return (await keptCounts(db, kind, owner, zone, f)).count
}

/**
 * Folds each key's rows into one (PostgreSQL's triggers append a delta row per statement; SQLite's
 * upsert keeps one row per key already, so there is nothing to fold). A key whose count is zero
 * keeps its row: its `changes` still version the tenant's listings. Exact under concurrent
 * writers: what is summed is exactly what this statement deleted (RETURNING), and a delta committed
 * meanwhile is either deleted and summed, or left alone. Returns how many rows it removed.
 */
export async function foldCounts(db: Queryable): Promise<number> {
  const keys = await db
    .selectFrom('resource_counts')
    .select(['kind', 'owner', 'zone_id', 'status', 'facet'])
    .groupBy(['kind', 'owner', 'zone_id', 'status', 'facet'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .limit(1000)
    .execute()
  let removed = 0
  for (const key of keys) {
    const fold = async (tx: Queryable) => {
      const deleted = await tx
        .deleteFrom('resource_counts')
        .where('kind', '=', key.kind)
        .where('owner', '=', key.owner)
        .where('zone_id', '=', key.zone_id)
        .where('status', '=', key.status)
        .where('facet', '=', key.facet)
        .returning(['n', 'changes'])
        .execute()
      if (deleted.length === 0) return
      const sum = (column: 'n' | 'changes') => deleted.reduce((total, row) => total + Number(row[column]), 0)
      await tx
        .insertInto('resource_counts')
        .values({ ...key, n: sum('n'), changes: sum('changes') })
        .execute()
      removed += deleted.length - 1
    }
    // one transaction per key: the delete and its sum appear together
    if (db.isTransaction) await fold(db)
    else await db.transaction().execute(fold)
  }
  return removed
}

/** Every kept count next to count(*) of the table it counts, and the tag bindings per owner (the exactness tests): the keys that differ. */
export async function countMismatches(db: Queryable, kinds: readonly ResourceKind[]): Promise<string[]> {
  const kept = await db
    .selectFrom('resource_counts')
    .select(['kind', 'owner', 'zone_id', 'status', 'facet', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .groupBy(['kind', 'owner', 'zone_id', 'status', 'facet'])
    .execute()
  const keptOf = new Map(kept.map((r) => [`${r.kind} ${r.owner} ${r.zone_id} ${r.status} ${r.facet}`, Number(r.n)]))
  const problems: string[] = []
  for (const kind of kinds) {
    const status = kind.lifecycle ? sql.ref('status') : sql.lit('')
    const facet = kind.countFacet ? sql.ref(kind.countFacet) : sql.lit('')
    const { rows } = await sql<{ owner: string; zone_id: string; status: string; facet: string; n: number | string }>`
      select owner, zone_id, ${status} as status, ${facet} as facet, count(*) as n from ${sql.table(kind.table)} group by 1, 2, 3, 4`.execute(db)
    for (const r of rows) {
      const key = `${kind.table} ${r.owner} ${r.zone_id} ${r.status} ${r.facet}`
      const n = keptOf.get(key) ?? 0
      if (n !== Number(r.n)) problems.push(`${key}: kept ${n}, counted ${Number(r.n)}`)
      keptOf.delete(key)
    }
  }
  // tag bindings, per owner (migration 0021)
  for (const r of await bindingsPerOwner(db)) {
    const key = `${BINDINGS} ${r.owner}   `
    const n = keptOf.get(key) ?? 0
    if (n !== Number(r.n)) problems.push(`${key}: kept ${n}, counted ${Number(r.n)}`)
    keptOf.delete(key)
  }
  for (const [key, n] of keptOf) if (n !== 0 && [BINDINGS, ...kinds.map((k) => k.table)].some((table) => key.startsWith(`${table} `))) problems.push(`${key}: kept ${n}, counted 0`)
  return problems
}
