// Listener rows and the certificates they present. A listener belongs to one load balancer: actions
// lock the load balancer first (lb-repo.ts), then its listeners, then their backends, so two
// requests on one load balancer never deadlock.
import { type SqlBool, sql } from 'kysely'
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerListenerTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { contains } from '../../store/search.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

export async function lockListeners(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<LoadBalancerListenerTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('loadbalancer_listeners')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('loadbalancer_listener_id', 'in', [...ids].sort()),
    )
    .execute()
}

/** The caller's listeners, locked, in the order given (2100 unknown, 1400 another user's, 1100 twice). */
export async function getListenersForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<LoadBalancerListenerTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockListeners(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.loadbalancer_listener_id, ctx.caller)
}

/** These listeners in the zone, whoever owns them (unlocked). */
export async function findListeners(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerListenerTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_listeners').selectAll().where('zone_id', '=', zone).where('loadbalancer_listener_id', 'in', ids).execute()
}

/** Each load balancer's listeners, oldest first (every id present). */
export async function listenersOf(db: Queryable, lbIds: readonly string[]): Promise<Map<string, LoadBalancerListenerTable[]>> {
  const out = new Map<string, LoadBalancerListenerTable[]>(lbIds.map((id) => [id, []]))
  if (lbIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_listeners').selectAll().where('loadbalancer_id', 'in', lbIds).orderBy('loadbalancer_id').orderBy('create_time').orderBy('loadbalancer_listener_id').execute()
  for (const r of rows) out.get(r.loadbalancer_id)?.push(r)
  return out
}

/** Each listener's certificate ids, in the order given (every id present). */
export async function certificateIdsOf(db: Queryable, listenerIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(listenerIds.map((id) => [id, []]))
  if (listenerIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_listener_certificates').selectAll().where('loadbalancer_listener_id', 'in', listenerIds).orderBy('loadbalancer_listener_id').orderBy('position').execute()
  for (const r of rows) out.get(r.loadbalancer_listener_id)?.push(r.server_certificate_id)
  return out
}

/** Replaces a listener's certificates by `certificateIds`, in that order. */
export async function setListenerCertificates(db: Queryable, listenerId: string, certificateIds: readonly string[]): Promise<void> {
  await db.deleteFrom('loadbalancer_listener_certificates').where('loadbalancer_listener_id', '=', listenerId).execute()
  if (certificateIds.length > 0)
    await db
      .insertInto('loadbalancer_listener_certificates')
      .values(certificateIds.map((server_certificate_id, position) => ({ loadbalancer_listener_id: listenerId, server_certificate_id, position })))
      .execute()
}

/** certificate id → the listeners presenting it (DeleteServerCertificates refuses those: 5400). */
export async function listenersUsingCertificates(db: Queryable, certificateIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (certificateIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_listener_certificates').select(['server_certificate_id', 'loadbalancer_listener_id']).where('server_certificate_id', 'in', certificateIds).orderBy('loadbalancer_listener_id').execute()
  for (const r of rows) out.set(r.server_certificate_id, [...(out.get(r.server_certificate_id) ?? []), r.loadbalancer_listener_id])
  return out
}

/** DeleteLoadBalancers: the load balancers' listeners go, and with them the certificates they presented (the certificates stay). */
export async function deleteListenersOfLoadBalancers(db: Queryable, lbIds: readonly string[]): Promise<void> {
  if (lbIds.length === 0) return
  const listeners = db.selectFrom('loadbalancer_listeners').select('loadbalancer_listener_id').where('loadbalancer_id', 'in', lbIds)
  await db.deleteFrom('loadbalancer_listener_certificates').where('loadbalancer_listener_id', 'in', listeners).execute()
  await db.deleteFrom('loadbalancer_listeners').where('loadbalancer_id', 'in', lbIds).execute()
}

// ── listener actions (Add/Describe/Modify/DeleteLoadBalancerListeners) ─────────────────────────

export async function insertListeners(db: Queryable, rows: readonly LoadBalancerListenerTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('loadbalancer_listeners')
      .values([...rows])
      .execute()
}

export type ListenerChange = Partial<Omit<LoadBalancerListenerTable, 'loadbalancer_listener_id' | 'loadbalancer_id' | 'zone_id' | 'owner' | 'create_time'>>

export async function updateListener(db: Queryable, id: string, change: ListenerChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('loadbalancer_listeners').set(change).where('loadbalancer_listener_id', '=', id).execute()
}

/** Removes listeners and the certificates they present (their backends: backend-repo.ts deleteBackendsOfListeners). */
export async function deleteListeners(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('loadbalancer_listener_certificates').where('loadbalancer_listener_id', 'in', ids).execute()
  await db.deleteFrom('loadbalancer_listeners').where('loadbalancer_listener_id', 'in', ids).execute()
}

export interface ListenerFilter {
  owner: string
  zone_id: string
  ids?: readonly string[] | undefined
  loadbalancer?: string | undefined
  /** Contained in the id or the name, ignoring case. */
  search_word?: string | undefined
}

/** One page of a user's listeners in a zone, oldest first, and how many match before paging. */
export async function listListeners(db: Queryable, f: ListenerFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('loadbalancer_listeners').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id)
  if (f.ids?.length) q = q.where('loadbalancer_listener_id', 'in', f.ids)
  if (f.loadbalancer !== undefined) q = q.where('loadbalancer_id', '=', f.loadbalancer)
  if (f.search_word) q = q.where(sql<SqlBool>`(${contains('loadbalancer_listeners.loadbalancer_listener_id', f.search_word)} or ${contains('loadbalancer_listeners.loadbalancer_listener_name', f.search_word)})`)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('create_time').orderBy('loadbalancer_listener_id').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}
