// Backend rows. A backend belongs to one listener of one load balancer (both ids on the row); locks
// come after the load balancer's and the listener's (listener-repo.ts).
import { type SqlBool, sql } from 'kysely'
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerBackendTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { contains } from '../../store/search.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

/** Each listener's backends, oldest first (every id present). */
export async function backendsOf(db: Queryable, listenerIds: readonly string[]): Promise<Map<string, LoadBalancerBackendTable[]>> {
  const out = new Map<string, LoadBalancerBackendTable[]>(listenerIds.map((id) => [id, []]))
  if (listenerIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_backends').selectAll().where('loadbalancer_listener_id', 'in', listenerIds).orderBy('loadbalancer_listener_id').orderBy('create_time').orderBy('loadbalancer_backend_id').execute()
  for (const r of rows) out.get(r.loadbalancer_listener_id)?.push(r)
  return out
}

/** policy id → the load balancers whose backends follow it (DescribeLoadBalancerPolicies verbose=1 `loadbalancer_ids`). */
export async function loadBalancersUsingPolicies(db: Queryable, policyIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(policyIds.map((id) => [id, []]))
  if (policyIds.length === 0) return out
  const rows = await db
    .selectFrom('loadbalancer_backends')
    .select(['loadbalancer_policy_id', 'loadbalancer_id'])
    .distinct()
    .where('loadbalancer_policy_id', 'in', policyIds)
    .orderBy('loadbalancer_policy_id')
    .orderBy('loadbalancer_id')
    .execute()
  for (const r of rows) out.get(r.loadbalancer_policy_id)?.push(r.loadbalancer_id)
  return out
}

// ── backend actions (Add/Describe/Modify/DeleteLoadBalancerBackends) ───────────────────────────

export async function lockBackends(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<LoadBalancerBackendTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('loadbalancer_backends')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('loadbalancer_backend_id', 'in', [...ids].sort()),
    )
    .execute()
}

/** The caller's backends, locked, in the order given (2100 unknown, 1400 another user's, 1100 twice). */
export async function getBackendsForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<LoadBalancerBackendTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockBackends(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.loadbalancer_backend_id, ctx.caller)
}

/** These backends in the zone, whoever owns them (unlocked). */
export async function findBackends(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerBackendTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_backends').selectAll().where('zone_id', '=', zone).where('loadbalancer_backend_id', 'in', ids).execute()
}

/** policy id → the backends that follow it (DeleteLoadBalancerPolicies refuses those policies: 5400). */
export async function backendsUsingPolicies(db: Queryable, policyIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (policyIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_backends').select(['loadbalancer_policy_id', 'loadbalancer_backend_id']).where('loadbalancer_policy_id', 'in', policyIds).orderBy('loadbalancer_backend_id').execute()
  for (const r of rows) out.set(r.loadbalancer_policy_id, [...(out.get(r.loadbalancer_policy_id) ?? []), r.loadbalancer_backend_id])
  return out
}

/** DeleteLoadBalancers: every backend of the load balancers' listeners goes. */
export async function deleteBackendsOfLoadBalancers(db: Queryable, lbIds: readonly string[]): Promise<void> {
  if (lbIds.length > 0) await db.deleteFrom('loadbalancer_backends').where('loadbalancer_id', 'in', lbIds).execute()
}

export async function insertBackends(db: Queryable, rows: readonly LoadBalancerBackendTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('loadbalancer_backends')
      .values([...rows])
      .execute()
}

export type BackendChange = Partial<Pick<LoadBalancerBackendTable, 'loadbalancer_backend_name' | 'port' | 'weight' | 'disabled' | 'loadbalancer_policy_id'>>

export async function updateBackend(db: Queryable, id: string, change: BackendChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('loadbalancer_backends').set(change).where('loadbalancer_backend_id', '=', id).execute()
}

export async function deleteBackends(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('loadbalancer_backends').where('loadbalancer_backend_id', 'in', ids).execute()
}

/** Removes every backend of these listeners (DeleteLoadBalancerListeners). */
export async function deleteBackendsOfListeners(db: Queryable, listenerIds: readonly string[]): Promise<void> {
  if (listenerIds.length > 0) await db.deleteFrom('loadbalancer_backends').where('loadbalancer_listener_id', 'in', listenerIds).execute()
}

export interface BackendFilter {
  owner: string
  zone_id: string
  ids?: readonly string[] | undefined
  listener?: string | undefined
  loadbalancer?: string | undefined
  /** Contained in the id or the name, ignoring case. */
  search_word?: string | undefined
}

/** One page of a user's backends in a zone, oldest first, and how many match before paging. */
export async function listBackends(db: Queryable, f: BackendFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('loadbalancer_backends').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id)
  if (f.ids?.length) q = q.where('loadbalancer_backend_id', 'in', f.ids)
  if (f.listener !== undefined) q = q.where('loadbalancer_listener_id', '=', f.listener)
  if (f.loadbalancer !== undefined) q = q.where('loadbalancer_id', '=', f.loadbalancer)
  if (f.search_word) q = q.where(sql<SqlBool>`(${contains('loadbalancer_backends.loadbalancer_backend_id', f.search_word)} or ${contains('loadbalancer_backends.loadbalancer_backend_name', f.search_word)})`)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('create_time').orderBy('loadbalancer_backend_id').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}
