// What a listing may remember between requests, checked against the tenant's listing version (the
// kept counts' sum(changes), resource-counts.ts): a scanned total_count (search_word), the sort
// keys of deep pages already served (so the next page seeks instead of skipping `offset` entries),
// and the ids a tags.N filter selects (against the version plus the owner's bindings version).
// The version grows with every insert, delete and change of status, facet, owner, zone or name of
// the tenant's rows of the kind, so an entry of the same version describes the same set. Each
// process keeps its own entries; the version lives in the database, so several processes agree.
import type { Queryable } from '../../store/database.ts'

export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: number; value: V }>()

  constructor(private readonly capacity: number) {}

  get(key: string, version: number): V | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.version !== version) {
      this.entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, version: number, value: V): void {
    this.entries.delete(key)
    // the oldest entry goes first (a Map iterates in insertion order)
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { version, value })
  }
}

/** A listing's identity: kind, tenant, zone and every filter that decides which rows it holds. */
export const listingKey = (table: string, owner: string, zone: string, filter: Record<string, unknown>): string => JSON.stringify([table, owner, zone, filter])

/** The sort key (create_time, id) of one row of a listing, newest first. */
export interface PageMark {
  time: string
  id: string
}

export const MARKS_PER_LISTING = 64

export interface ListingCaches {
  /** Scanned totals of filtered listings. */
  scannedTotals: VersionedCache<number>
  /** Per listing: row number → that row's sort key, for the deep pages served. */
  pageMarks: VersionedCache<Map<number, PageMark>>
  /** Per listing filtered by tags.N: every id it holds, in order (versioned with the tag bindings too). */
  selectedIds: VersionedCache<readonly string[]>
}

/** A listing's ids are remembered only up to this many (a tag on a few hundred resources, not on most of them). */
export const REMEMBERED_IDS = 2000

// one set per store: a transaction shares its Kysely instance's adapter, and every openStore makes
// its own, so two stores in one process (tests) never read each other's entries
const caches = new WeakMap<object, ListingCaches>()

export function listingCaches(db: Queryable): ListingCaches {
  const store = db.getExecutor().adapter
  let mine = caches.get(store)
  if (!mine) {
    mine = { scannedTotals: new VersionedCache(1000), pageMarks: new VersionedCache(200), selectedIds: new VersionedCache(100) }
    caches.set(store, mine)
  }
  return mine
}
