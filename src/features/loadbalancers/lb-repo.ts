// Load-balancer rows and the EIPs bound to them. Every query is scoped to a zone; ownership is
// checked through resources/guards.ts so that another user's id answers 1400 and an unknown one 2100.
//
// A load balancer's address in its vxnet is a NIC of the vxnets feature held by the load balancer
// (vxnets/membership.ts: lockNetwork, then joinNetwork with the load balancer's id as the joiner;
// releaseNics / removeNics let go of it), so an address is unique in its network whoever holds it.
// Its EIPs are `associated` on the eips side (eips/eip-repo.ts bindEip / unbindEip) and listed here
// in loadbalancer_eips, which names the load balancer.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerEipTable, LoadBalancerTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { type CommonFilter, kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { loadBalancerKind } from './lb-kind.ts'

const GONE = loadBalancerKind.goneStatuses

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockLoadBalancers(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<LoadBalancerTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('loadbalancers')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('loadbalancer_id', 'in', [...ids].sort()),
    )
    .execute()
}

/**
 * The caller's load balancers named by `parameter`, locked, in the order given: 2100 for an id
 * unknown in this zone, 1400 for another user's, 1100 for an id listed twice. Gone ones (deleted,
 * ceased) are returned too: the action decides (usually 1400 via stateRule).
 */
export async function getLoadBalancersForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<LoadBalancerTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockLoadBalancers(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.loadbalancer_id, ctx.caller)
}

/** The load balancers with these ids in the zone, whoever owns them (unlocked: for reads). */
export async function findLoadBalancers(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancers').selectAll().where('zone_id', '=', zone).where('loadbalancer_id', 'in', ids).execute()
}

export async function insertLoadBalancers(db: Queryable, rows: readonly LoadBalancerTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('loadbalancers')
      .values([...rows])
      .execute()
}

/** Starts a transition: the load balancers are busy until their job settles. */
export async function setLoadBalancerTransition(db: Queryable, ids: readonly string[], transition: string): Promise<void> {
  if (ids.length > 0) await db.updateTable('loadbalancers').set({ transition_status: transition }).where('loadbalancer_id', 'in', ids).execute()
}

/**
 * Ends the job's transition on the load balancers still in it and applies `change` (a new status
 * moves status_time). Returns the ids settled.
 */
export async function finishLoadBalancerTransition(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<LoadBalancerTable, 'status' | 'is_applied' | 'loadbalancer_type'>>, now: Date): Promise<string[]> {
  if (ids.length === 0) return []
  const settled = (await db.selectFrom('loadbalancers').select('loadbalancer_id').where('loadbalancer_id', 'in', ids).where('transition_status', '=', transition).execute()).map((r) => r.loadbalancer_id)
  if (settled.length === 0) return []
  await db
    .updateTable('loadbalancers')
    .set({ ...change, transition_status: '', ...(change.status !== undefined && { status_time: formatTime(now) }) })
    .where('loadbalancer_id', 'in', settled)
    .execute()
  return settled
}

export type LoadBalancerChange = Partial<Pick<LoadBalancerTable, 'loadbalancer_name' | 'description' | 'security_group_id' | 'private_ip' | 'vxnet_id' | 'http_header_size' | 'node_count' | 'loadbalancer_type' | 'is_applied'>>

export async function updateLoadBalancer(db: Queryable, id: string, change: LoadBalancerChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('loadbalancers').set(change).where('loadbalancer_id', '=', id).execute()
}

/** A change to a load balancer's configuration (listeners, backends, attributes) waits for UpdateLoadBalancers. */
export async function markNotApplied(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('loadbalancers')
      .set({ is_applied: 0 })
      .where('loadbalancer_id', 'in', [...new Set(ids)])
      .execute()
}

/** The owners of these load balancers (a job's onFailure refunds each owner under their wallet). */
export async function ownersOfLoadBalancers(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  return (await db.selectFrom('loadbalancers').select('owner').distinct().where('loadbalancer_id', 'in', ids).orderBy('owner').execute()).map((r) => r.owner)
}

export interface LoadBalancerFilter extends CommonFilter {
  owner: string
  zone_id: string
}

/** One page of a user's load balancers in a zone, newest first, and how many match before paging. */
export async function listLoadBalancers(db: Queryable, filter: LoadBalancerFilter, page: { offset: number; limit: number }) {
  const q = withCommonFilters(db.selectFrom('loadbalancers').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), loadBalancerKind, filter)
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const [total, rows] = await Promise.all([
    kindTotal(db, loadBalancerKind, { owner: filter.owner, zone: filter.zone_id }, filter, scan),
    q.selectAll().orderBy('create_time', 'desc').orderBy('loadbalancer_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total, rows }
}

// ── what other features ask (typed contracts: they never read these tables) ─────────────────────

/** The load balancers (not gone) in each of these security groups: DeleteSecurityGroups refuses those groups (5400). */
export async function loadBalancersInGroups(db: Queryable, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const inside = new Map<string, string[]>()
  if (groupIds.length === 0) return inside
  const rows = await db.selectFrom('loadbalancers').select(['loadbalancer_id', 'security_group_id']).where('security_group_id', 'in', groupIds).where('status', 'not in', GONE).orderBy('loadbalancer_id').execute()
  for (const r of rows) inside.set(r.security_group_id, [...(inside.get(r.security_group_id) ?? []), r.loadbalancer_id])
  return inside
}

// ── bound EIPs ────────────────────────────────────────────────────────────────────────────────

/** Each load balancer's EIP bindings, in the order they were bound (every id present). */
export async function eipBindingsOf(db: Queryable, lbIds: readonly string[]): Promise<Map<string, LoadBalancerEipTable[]>> {
  const out = new Map<string, LoadBalancerEipTable[]>(lbIds.map((id) => [id, []]))
  if (lbIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_eips').selectAll().where('loadbalancer_id', 'in', lbIds).orderBy('loadbalancer_id').orderBy('bind_time').orderBy('eip_id').execute()
  for (const r of rows) out.get(r.loadbalancer_id)?.push(r)
  return out
}

export async function insertEipBindings(db: Queryable, rows: readonly LoadBalancerEipTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('loadbalancer_eips')
      .values([...rows])
      .execute()
}

export async function setEipBindingTransition(db: Queryable, eipIds: readonly string[], transition: string): Promise<void> {
  if (eipIds.length > 0) await db.updateTable('loadbalancer_eips').set({ transition_status: transition }).where('eip_id', 'in', eipIds).execute()
}

export async function deleteEipBindings(db: Queryable, eipIds: readonly string[]): Promise<void> {
  if (eipIds.length > 0) await db.deleteFrom('loadbalancer_eips').where('eip_id', 'in', eipIds).execute()
}

/** The load balancers that hold these EIPs (the eips feature shows them as the EIPs' `resource`). */
export async function loadBalancersHoldingEips(db: Queryable, eipIds: readonly string[]): Promise<Array<{ eip_id: string; loadbalancer_id: string; loadbalancer_name: string }>> {
  if (eipIds.length === 0) return []
  // both tables are this feature's: one query
  return db
    .selectFrom('loadbalancer_eips')
    .innerJoin('loadbalancers', 'loadbalancers.loadbalancer_id', 'loadbalancer_eips.loadbalancer_id')
    .select(['loadbalancer_eips.eip_id', 'loadbalancer_eips.loadbalancer_id', 'loadbalancers.loadbalancer_name'])
    .where('loadbalancer_eips.eip_id', 'in', eipIds)
    .execute()
}
