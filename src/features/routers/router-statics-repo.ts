// Router statics and their entries. Both carry their router's owner and zone, so ownership is
// checked on the rows themselves (resources/guards.ts: another user's id answers 1400, an unknown
// one 2100). Every change locks the router first (router-repo.ts getRoutersForUpdate, routers in
// ascending id order), then the statics or entries it changes, and leaves the router is_applied=0
// until UpdateRouters applies it.
import { type SqlBool, sql } from 'kysely'
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, RouterStaticEntryTable, RouterStaticTable, RouterTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { contains } from '../../store/search.ts'
import { requireOwned } from '../resources/guards.ts'
import { getRoutersForUpdate } from './router-repo.ts'
import { requireChangeable } from './static-rules.ts'

type Ctx = Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>

/** A router's pending changes: it runs its old configuration until UpdateRouters. */
export async function markRouterUnapplied(db: Queryable, routerIds: readonly string[]): Promise<void> {
  if (routerIds.length === 0) return
  await db.updateTable('routers').set({ is_applied: 0 }).where('router_id', 'in', routerIds).execute()
}

/**
 * The caller's routers, locked in ascending id order (several statics may share one), each
 * checked to accept changes to its statics (not deleted or ceased: 1400).
 */
export async function lockChangeableRouters(ctx: Ctx, parameter: string, routerIds: readonly string[]): Promise<Map<string, RouterTable>> {
  const ids = [...new Set(routerIds)].sort()
  const routers = await getRoutersForUpdate(ctx, parameter, ids)
  for (const router of routers) requireChangeable(router)
  return new Map(routers.map((r) => [r.router_id, r]))
}

// ── statics ────────────────────────────────────────────────────────────────────────────────────

export async function findStatics(db: Queryable, zone: string, ids: readonly string[]): Promise<RouterStaticTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('router_statics').selectAll().where('zone_id', '=', zone).where('router_static_id', 'in', ids).execute()
}

export async function lockStatics(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<RouterStaticTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('router_statics').selectAll().where('zone_id', '=', zone).where('router_static_id', 'in', ids).orderBy('router_static_id')).execute()
}

/**
 * The caller's statics named by `ids` with their routers locked: read, owner-checked (2100 /
 * 1400), the routers locked and checked, then the statics locked and read again (one deleted
 * meanwhile is 2100).
 */
export async function getStaticsForUpdate(ctx: Ctx, ids: readonly string[]): Promise<{ statics: RouterStaticTable[]; routers: Map<string, RouterTable> }> {
  const seen = requireOwned(await findStatics(ctx.db, ctx.zone, ids), ids, (s) => s.router_static_id, ctx.caller)
  const routers = await lockChangeableRouters(
    ctx,
    'router',
    seen.map((s) => s.router_id),
  )
  const statics = requireOwned(await lockStatics(ctx.db, ctx.caps, ctx.zone, ids), ids, (s) => s.router_static_id, ctx.caller)
  return { statics, routers }
}

/** The client networks (val4) of a router's VPN statics, but `except`. */
export async function vpnNetworksOf(db: Queryable, routerId: string, except?: string): Promise<Set<string>> {
  let q = db.selectFrom('router_statics').select('val4').where('router_id', '=', routerId).where('static_type', '=', 2)
  if (except !== undefined) q = q.where('router_static_id', '<>', except)
  return new Set((await q.execute()).map((r) => r.val4))
}

/** Every static of a router with its entries (CopyRouterStatics), oldest first. */
export async function staticsOfRouter(db: Queryable, routerId: string): Promise<RouterStaticTable[]> {
  return db.selectFrom('router_statics').selectAll().where('router_id', '=', routerId).orderBy('create_time').orderBy('router_static_id').execute()
}

export async function insertStatics(db: Queryable, rows: readonly RouterStaticTable[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('router_statics')
    .values([...rows])
    .execute()
}

export async function updateStatic(db: Queryable, id: string, change: Partial<RouterStaticTable>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('router_statics').set(change).where('router_static_id', '=', id).execute()
}

/** Removes statics for good, with their entries. */
export async function deleteStatics(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('router_static_entries').where('router_static_id', 'in', ids).execute()
  await db.deleteFrom('router_statics').where('router_static_id', 'in', ids).execute()
}

export interface StaticFilter {
  owner: string
  zone_id: string
  ids?: readonly string[] | undefined
  router?: string | undefined
  vxnet?: string | undefined
  static_type?: number | undefined
  search_word?: string | undefined
}

/** A page of statics, oldest first, with total_count. */
export async function listStatics(db: Queryable, f: StaticFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('router_statics').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id)
  if (f.ids?.length) q = q.where('router_static_id', 'in', f.ids)
  if (f.router !== undefined) q = q.where('router_id', '=', f.router)
  if (f.vxnet !== undefined) q = q.where('vxnet_id', '=', f.vxnet)
  if (f.static_type !== undefined) q = q.where('static_type', '=', f.static_type)
  if (f.search_word) q = q.where(sql<SqlBool>`(${contains('router_statics.router_static_id', f.search_word)} or ${contains('router_statics.router_static_name', f.search_word)})`)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('create_time').orderBy('router_static_id').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}

// ── entries ────────────────────────────────────────────────────────────────────────────────────

export async function findEntries(db: Queryable, zone: string, ids: readonly string[]): Promise<RouterStaticEntryTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('router_static_entries').selectAll().where('zone_id', '=', zone).where('router_static_entry_id', 'in', ids).execute()
}

export async function lockEntries(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<RouterStaticEntryTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('router_static_entries').selectAll().where('zone_id', '=', zone).where('router_static_entry_id', 'in', ids).orderBy('router_static_entry_id')).execute()
}

/** The entries of these statics, oldest first. */
export async function entriesOfStatics(db: Queryable, staticIds: readonly string[]): Promise<RouterStaticEntryTable[]> {
  if (staticIds.length === 0) return []
  return db.selectFrom('router_static_entries').selectAll().where('router_static_id', 'in', staticIds).orderBy('create_time').orderBy('router_static_entry_id').execute()
}

export async function insertEntries(db: Queryable, rows: readonly RouterStaticEntryTable[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('router_static_entries')
    .values([...rows])
    .execute()
}

export async function updateEntry(db: Queryable, id: string, change: Partial<RouterStaticEntryTable>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('router_static_entries').set(change).where('router_static_entry_id', '=', id).execute()
}

export async function deleteEntries(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('router_static_entries').where('router_static_entry_id', 'in', ids).execute()
}

export interface EntryFilter {
  owner: string
  zone_id: string
  ids?: readonly string[] | undefined
  router_static?: string | undefined
  search_word?: string | undefined
}

/** A page of entries, oldest first, with total_count. */
export async function listEntries(db: Queryable, f: EntryFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('router_static_entries').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id)
  if (f.ids?.length) q = q.where('router_static_entry_id', 'in', f.ids)
  if (f.router_static !== undefined) q = q.where('router_static_id', '=', f.router_static)
  if (f.search_word) q = q.where(sql<SqlBool>`(${contains('router_static_entries.router_static_entry_id', f.search_word)} or ${contains('router_static_entries.router_static_entry_name', f.search_word)})`)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('create_time').orderBy('router_static_entry_id').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}

/** Every static of these routers goes, with its entries (DeleteRouters: a deleted router cannot come back). */
export async function deleteStaticsOfRouters(db: Queryable, routerIds: readonly string[]): Promise<void> {
  if (routerIds.length === 0) return
  await db.deleteFrom('router_static_entries').where('router_id', 'in', routerIds).execute()
  await db.deleteFrom('router_statics').where('router_id', 'in', routerIds).execute()
}
