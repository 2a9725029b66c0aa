// What a state swap (store/state/load-state.ts) must know about the kept counts:
// - PostgreSQL keeps them as delta rows (several per key), SQLite as one row per key: a file made on
//   PostgreSQL merges its deltas into SQLite's rows by adding them up.
// - Listing versions only go forward. Each process remembers scanned totals and page bookmarks per
//   listing under its version, sum(changes) of the tenant's kept counts (listing-cache.ts); a
//   restored store could come back to a version a process has already seen with other rows behind
//   it. So every (kind, owner, zone) present before the swap gets its old version added on top of the
//   file's (plus one): every version after the swap is beyond any version seen before it, and no key
//   ever disappears (a count of zero keeps its row), so this holds across any number of swaps.
import { SqliteAdapter, sql } from 'kysely'
import type { SwapHook, SwapRules } from '../../store/state/load-state.ts'

interface Version {
  kind: string
  owner: string
  zone_id: string
  changes: number
}

const versionsForward: SwapHook = {
  async before(db) {
    const rows = await db
      .selectFrom('resource_counts')
      .select(['kind', 'owner', 'zone_id', (eb) => eb.fn.sum<number | string>('changes').as('changes')])
      .groupBy(['kind', 'owner', 'zone_id'])
      .execute()
    return rows.map((r) => ({ kind: r.kind, owner: r.owner, zone_id: r.zone_id, changes: Number(r.changes) }))
  },
  async after(db, before) {
    const versions = before as Version[]
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
    for (let i = 0; i < versions.length; i += 500) {
      const rows = versions.slice(i, i + 500).map((v) => ({ kind: v.kind, owner: v.owner, zone_id: v.zone_id, status: '', facet: '', n: 0, changes: v.changes + 1 }))
      const insert = db.insertInto('resource_counts').values(rows)
      // a delta row on PostgreSQL; SQLite adds it to the key's one row
      if (sqlite) await insert.onConflict((oc) => oc.columns(['kind', 'owner', 'zone_id', 'status', 'facet']).doUpdateSet({ changes: sql`resource_counts.changes + excluded.changes` })).execute()
      else await insert.execute()
    }
  },
}

export const keptCountsSwapRules: SwapRules = {
  merge: [{ table: 'resource_counts', key: ['kind', 'owner', 'zone_id', 'status', 'facet'], add: ['n', 'changes'] }],
  hooks: [versionsForward],
}
