// The filters every Describe of a resource family shares (reference 1.7): ids, status.N (and
// hiding gone resources when neither is given), search_word on id or name, tags.N. Owner and
// zone scoping stay with each repository, because images (public ones) scope differently.
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely'
import { contains } from '../../store/search.ts'
import type { Queryable } from '../../store/database.ts'
import { resourcesTagged } from '../tags/taggable.ts'
import { listingCaches, listingKey } from './listing-cache.ts'
import { type KeptCounts, keptCounts } from './resource-counts.ts'
import type { ResourceKind } from './resource-kind.ts'

export interface CommonFilter {
  ids?: readonly string[] | undefined
  status?: readonly string[] | undefined
  search_word?: string | undefined
  tags?: readonly string[] | undefined
}

const inList = (column: string, values: readonly string[]): Expression<SqlBool> => sql<SqlBool>`${sql.ref(column)} in (${sql.join(values.map((v) => sql`${v}`))})`

export function withCommonFilters<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, kind: ResourceKind, f: CommonFilter): SelectQueryBuilder<DB, TB, O> {
  const id = `${kind.table}.${kind.idColumn}`
  if (f.ids?.length) q = q.where(inList(id, f.ids))
  if (f.status?.length) q = q.where(inList(`${kind.table}.status`, f.status))
  // gone resources stay describable by id or by status, and are left out of plain listings
  else if (!f.ids?.length && kind.goneStatuses.length) q = q.where(sql<SqlBool>`not ${inList(`${kind.table}.status`, kind.goneStatuses)}`)
  if (f.search_word) {
    const word = f.search_word
    q = q.where(sql<SqlBool>`(${contains(id, word)} or ${contains(`${kind.table}.${kind.nameColumn}`, word)})`)
  }
  if (f.tags?.length) {
    q = q.where(sql<SqlBool>`${sql.ref(id)} in (${resourcesTagged(f.tags)})`)
  }
  return q
}

/**
 * A listing's total_count for `owner` in `zone`: `kept` (resource-counts.ts, read with the same
 * status and facet filter) when nothing but status and the kind's count facet filter it, else
 * `scan()` counts the filtered query (ids, search_word, tags, or `otherFilters`: a Describe's own
 * filters on other columns). A scanned
 * total over columns the listing version follows (ids, status, facet, name: not tags, not other
 * columns) is remembered for that version, so paging through a search counts once.
 */
export async function listingTotal(
  db: Queryable,
  kind: ResourceKind,
  scope: { owner: string; zone: string },
  kept: KeptCounts,
  f: CommonFilter & { facet?: readonly string[] | undefined; otherFilters?: boolean },
  scan: () => Promise<number>,
): Promise<number> {
  if (!f.ids?.length && !f.search_word && !f.tags?.length && !f.otherFilters) return kept.count
  if (f.tags?.length || f.otherFilters) return scan()
  const key = listingKey(kind.table, scope.owner, scope.zone, { ids: f.ids, status: f.status, facet: f.facet, search_word: f.search_word })
  const remembered = listingCaches(db).scannedTotals.get(key, kept.version)
  if (remembered !== undefined) return remembered
  const n = await scan()
  // remembered only when nothing changed while it counted
  if ((await keptCounts(db, kind, scope.owner, scope.zone)).version === kept.version) listingCaches(db).scannedTotals.set(key, kept.version, n)
  return n
}

/** listingTotal with the kept counts read here: for a Describe that needs them for nothing else. */
export async function kindTotal(db: Queryable, kind: ResourceKind, scope: { owner: string; zone: string }, f: CommonFilter & { otherFilters?: boolean }, scan: () => Promise<number>): Promise<number> {
  if (f.tags?.length || f.otherFilters) return scan()
  return listingTotal(db, kind, scope, await keptCounts(db, kind, scope.owner, scope.zone, { status: f.status }), f, scan)
}
