// Router rows. Every query is scoped to a zone; ownership is checked through resources/guards.ts so
// that another user's id answers 1400 while an unknown one answers 2100.
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, RouterTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

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
