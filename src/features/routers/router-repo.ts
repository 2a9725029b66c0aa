// Router rows. Every query is scoped to a zone; ownership is checked through resources/guards.ts so
// that another user's id answers 1400 while an unknown one answers 2100.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, RouterTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { type CommonFilter, kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { routerKind } from './router-kind.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockRouters(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<RouterTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('routers').selectAll().where('zone_id', '=', zone).where('router_id', 'in', ids)).execute()
}

/**
 * The caller's routers named by `parameter`, locked, in the order given: 2100 for an id unknown in
 * this zone, 1400 for another user's, 1100 for an id listed twice.
 */
export async function getRoutersForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<RouterTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockRouters(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.router_id, ctx.caller)
}

/** The routers with these ids in the zone, whoever owns them (unlocked: for reads). */
export async function findRouters(db: Queryable, zone: string, ids: readonly string[]): Promise<RouterTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('routers').selectAll().where('zone_id', '=', zone).where('router_id', 'in', ids).execute()
}

// ── the router lifecycle (Create/Describe/Modify/Update/Delete/PowerOn/PowerOffRouters) ──────────

export async function insertRouters(db: Queryable, rows: readonly RouterTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('routers')
      .values([...rows])
      .execute()
}

/** Starts a transition: the routers are busy until their job settles. */
export async function setRouterTransition(db: Queryable, ids: readonly string[], transition: string): Promise<void> {
  if (ids.length > 0) await db.updateTable('routers').set({ transition_status: transition }).where('router_id', 'in', ids).execute()
}

/**
 * Ends the job's transition on the routers still in it and applies `change` (a new status moves
 * status_time). Returns the ids settled.
 */
export async function finishRouterTransition(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<RouterTable, 'status' | 'is_applied'>>, now: Date): Promise<string[]> {
  if (ids.length === 0) return []
  const settled = (await db.selectFrom('routers').select('router_id').where('router_id', 'in', ids).where('transition_status', '=', transition).execute()).map((r) => r.router_id)
  if (settled.length === 0) return []
  await db
    .updateTable('routers')
    .set({ ...change, transition_status: '', ...(change.status !== undefined && { status_time: formatTime(now) }) })
    .where('router_id', 'in', settled)
    .execute()
  return settled
}

export type RouterChange = Partial<Pick<RouterTable, 'router_name' | 'description' | 'eip_id' | 'security_group_id' | 'features' | 'is_applied'>>

export async function updateRouter(db: Queryable, id: string, change: RouterChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('routers').set(change).where('router_id', '=', id).execute()
}

/** The owners of these routers (a job's onFailure refunds each owner under their wallet). */
export async function ownersOfRouters(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  return (await db.selectFrom('routers').select('owner').distinct().where('router_id', 'in', ids).orderBy('owner').execute()).map((r) => r.owner)
}

/** The routers that hold these EIPs (the eips feature shows them as the EIPs' `resource`). */
export async function routersHoldingEips(db: Queryable, eipIds: readonly string[]): Promise<Array<Pick<RouterTable, 'router_id' | 'router_name' | 'eip_id'>>> {
  const ids = eipIds.filter((id) => id !== '')
  if (ids.length === 0) return []
  return db.selectFrom('routers').select(['router_id', 'router_name', 'eip_id']).where('eip_id', 'in', ids).where('status', 'not in', routerKind.goneStatuses).execute()
}

export interface RouterFilter extends CommonFilter {
  owner: string
  zone_id: string
}

/** One page of a user's routers in a zone, newest first, and how many match before paging. */
export async function listRouters(db: Queryable, filter: RouterFilter, page: { offset: number; limit: number }) {
  const q = withCommonFilters(db.selectFrom('routers').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), routerKind, filter)
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const [total, rows] = await Promise.all([
    kindTotal(db, routerKind, { owner: filter.owner, zone: filter.zone_id }, filter, scan),
    q.selectAll().orderBy('create_time', 'desc').orderBy('router_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total, rows }
}

/** The routers (not gone) in each of these security groups: DeleteSecurityGroups refuses those groups (5400). */
export async function routersInGroups(db: Queryable, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const inside = new Map<string, string[]>()
  if (groupIds.length === 0) return inside
  const rows = await db.selectFrom('routers').select(['router_id', 'security_group_id']).where('security_group_id', 'in', groupIds).where('status', 'not in', routerKind.goneStatuses).orderBy('router_id').execute()
  for (const r of rows) inside.set(r.security_group_id, [...(inside.get(r.security_group_id) ?? []), r.router_id])
  return inside
}
