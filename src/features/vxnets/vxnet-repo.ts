// Vxnet rows, and the interfaces (NICs, features/nics) that put instances in them. The base network
// vxnet-0 has no row: it is the platform's, one per zone. Ownership is checked by the callers
// (resources/guards.ts), so another user's vxnet answers 1400 and an unknown one 2100.
import type { Queryable, Tx, VxnetTable } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { nicRowsOfInstances } from '../nics/nic-repo.ts'
import { withCommonFilters } from '../resources/describe-filters.ts'
import { lockZone } from '../zones/zone-repo.ts'
import { BASE_VXNET, vxnetKind } from './vxnet-kind.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockVxnets(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('vxnets').selectAll().where('zone_id', '=', zone).where('vxnet_id', 'in', ids)).execute()
}

/** The rows for these ids, in any zone (vxnet-0 has none). */
export async function findVxnetsById(db: Queryable, ids: readonly string[]): Promise<VxnetTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('vxnets').selectAll().where('vxnet_id', 'in', ids).execute()
}

export async function findVxnet(db: Queryable, zone: string, id: string): Promise<VxnetTable | undefined> {
  return db.selectFrom('vxnets').selectAll().where('vxnet_id', '=', id).where('zone_id', '=', zone).executeTakeFirst()
}

/**
 * The base network has no row to lock: handing out its addresses locks the zone's row instead, so
 * two requests in the zone choose their vxnet-0 addresses one after the other (PostgreSQL; SQLite
 * has one writer anyway).
 */
export async function lockBaseNetwork(db: Tx, caps: Capabilities, zone: string): Promise<void> {
  await lockZone(db, caps, zone)
}

/** The join columns of a vxnet joined to no router (migration 0026). */
export const NOT_JOINED = { router_id: '', router_transition: '', manager_ip: '', dyn_ip_start: '', dyn_ip_end: '', features: 0, join_time: '', router_nic_id: '' } as const satisfies Partial<VxnetTable>

export async function insertVxnets(db: Queryable, rows: VxnetTable[]): Promise<void> {
  if (rows.length) await db.insertInto('vxnets').values(rows).execute()
}

export async function updateVxnet(db: Queryable, id: string, change: Partial<Pick<VxnetTable, 'vxnet_name' | 'description'>>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('vxnets').set(change).where('vxnet_id', '=', id).execute()
}

export async function deleteVxnetRows(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('vxnets').where('vxnet_id', 'in', ids).execute()
}

/** The managed networks (ip_network) a user already has in a zone. */
export async function usedNetworks(db: Queryable, owner: string, zone: string): Promise<Set<string>> {
  const rows = await db.selectFrom('vxnets').select('ip_network').where('owner', '=', owner).where('zone_id', '=', zone).where('ip_network', '<>', '').execute()
  return new Set(rows.map((r) => r.ip_network))
}

export interface VxnetFilter {
  owner: string
  zone_id: string
  vxnets?: readonly string[] | undefined
  vxnet_type?: number | undefined
  search_word?: string | undefined
  tags?: readonly string[] | undefined
}

/** The user's vxnets (never vxnet-0), newest first. */
export async function listVxnets(db: Queryable, f: VxnetFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('vxnets').where('vxnets.owner', '=', f.owner).where('vxnets.zone_id', '=', f.zone_id)
  q = withCommonFilters(q, vxnetKind, { ids: f.vxnets, search_word: f.search_word, tags: f.tags })
  if (f.vxnet_type !== undefined) q = q.where('vxnets.vxnet_type', '=', f.vxnet_type)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = page.limit > 0 ? await q.selectAll('vxnets').orderBy('vxnets.create_time', 'desc').orderBy('vxnets.vxnet_id', 'desc').offset(page.offset).limit(page.limit).execute() : []
  return { total: Number(n), rows }
}

// ── routers (VPC): the vxnet side of a join ───────────────────────────────────────────────────

export type RouterJoin = Pick<VxnetTable, 'router_id' | 'router_transition' | 'ip_network' | 'manager_ip' | 'dyn_ip_start' | 'dyn_ip_end' | 'features' | 'join_time' | 'router_nic_id'>

/** Writes a vxnet's join (JoinRouter). */
export async function setRouterJoin(db: Queryable, vxnetId: string, join: RouterJoin): Promise<void> {
  await db.updateTable('vxnets').set(join).where('vxnet_id', '=', vxnetId).execute()
}

/** A join that never settled is taken back: the vxnet is joined to no router and back in `ip_network`, the network it had. */
export async function undoRouterJoin(db: Queryable, routerId: string, vxnetId: string, ip_network: string): Promise<void> {
  await db
    .updateTable('vxnets')
    .set({ ...NOT_JOINED, ip_network })
    .where('vxnet_id', '=', vxnetId)
    .where('router_id', '=', routerId)
    .where('router_transition', '=', 'joining')
    .execute()
}

/** The join of these vxnets to `routerId` in `from` transition becomes `to` (a job settling or failing). */
export async function setRouterTransition(db: Queryable, routerId: string, vxnetIds: readonly string[], from: string, to: string): Promise<void> {
  if (vxnetIds.length === 0) return
  await db.updateTable('vxnets').set({ router_transition: to }).where('vxnet_id', 'in', vxnetIds).where('router_id', '=', routerId).where('router_transition', '=', from).execute()
}

/** These vxnets, 'leaving', leave `routerId` (LeaveRouter settled): they keep their ip_network, the rest is cleared. */
export async function clearRouterJoin(db: Queryable, routerId: string, vxnetIds: readonly string[]): Promise<void> {
  if (vxnetIds.length === 0) return
  await db.updateTable('vxnets').set(NOT_JOINED).where('vxnet_id', 'in', vxnetIds).where('router_id', '=', routerId).where('router_transition', '=', 'leaving').execute()
}

/** The vxnets joined to a router (any transition), oldest join first. */
export async function vxnetsOfRouter(db: Queryable, routerId: string): Promise<VxnetTable[]> {
  return db.selectFrom('vxnets').selectAll().where('router_id', '=', routerId).orderBy('join_time').orderBy('vxnet_id').execute()
}

/**
 * Per router, the vxnets joined to it with the router's interface in each (DescribeRouters
 * verbose=1 `vxnets`): every id given is present, [] for a router with none. Joining and leaving
 * vxnets count as joined until their job settles.
 */
export async function joinedVxnetsOf(db: Queryable, routerIds: readonly string[]): Promise<Map<string, Array<{ vxnet_id: string; nic_id: string }>>> {
  const out = new Map<string, Array<{ vxnet_id: string; nic_id: string }>>(routerIds.map((id) => [id, []]))
  if (routerIds.length === 0) return out
  const rows = await db.selectFrom('vxnets').select(['router_id', 'vxnet_id', 'router_nic_id']).where('router_id', 'in', routerIds).orderBy('router_id').orderBy('join_time').orderBy('vxnet_id').execute()
  for (const r of rows) out.get(r.router_id)?.push({ vxnet_id: r.vxnet_id, nic_id: r.router_nic_id })
  return out
}

/** The routers among these that have vxnets joined (DeleteRouters answers 5400), each with the ids of its vxnets. */
export async function routersWithVxnets(db: Queryable, routerIds: readonly string[]): Promise<Map<string, string[]>> {
  const joined = await joinedVxnetsOf(db, routerIds)
  return new Map([...joined].filter(([, v]) => v.length > 0).map(([id, v]) => [id, v.map((x) => x.vxnet_id)]))
}

export interface RouterVxnetFilter {
  owner: string
  zone_id: string
  /** undefined: every router's */
  router?: string | undefined
  vxnet?: string | undefined
}

/** The owner's joined vxnets (DescribeRouterVxnets), oldest join first. */
export async function listRouterVxnets(db: Queryable, f: RouterVxnetFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('vxnets').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id).where('router_id', '<>', '')
  if (f.router !== undefined) q = q.where('router_id', '=', f.router)
  if (f.vxnet !== undefined) q = q.where('vxnet_id', '=', f.vxnet)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = page.limit > 0 ? await q.selectAll().orderBy('join_time').orderBy('vxnet_id').offset(page.offset).limit(page.limit).execute() : []
  return { total: Number(n), rows }
}

// ── interfaces ─────────────────────────────────────────────────────────────────────────────────
// Instances' interfaces are NICs (features/nics owns the `nics` table); these are its functions.
export { addressesIn, firstMember, memberCounts, memberIdsOf, releaseNics, removeNics, setNicTransition, vxnetMembersPage } from '../nics/nic-repo.ts'

/**
 * The interfaces of these instances, in their order on each instance, with the name and type of
 * their network (vxnet-0 has no row: both null, the callers read it as the managed base network).
 */
export async function nicsOfInstances(db: Queryable, instanceIds: readonly string[]) {
  const nics = await nicRowsOfInstances(db, instanceIds)
  // vxnet-0 has no row: an instance only in the base network needs no second query
  const ids = [...new Set(nics.map((n) => n.vxnet_id))].filter((id) => id !== BASE_VXNET)
  const vxnets = new Map((await findVxnetsById(db, ids)).map((v) => [v.vxnet_id, v]))
  return nics.map((n) => ({ ...n, vxnet_name: vxnets.get(n.vxnet_id)?.vxnet_name ?? null, vxnet_type: vxnets.get(n.vxnet_id)?.vxnet_type ?? null }))
}

/** The ids of a user's vxnets of one type in a zone (DescribeNics' vxnet_type). */
export async function vxnetIdsOfType(db: Queryable, owner: string, zone: string, vxnetType: number): Promise<string[]> {
  const rows = await db.selectFrom('vxnets').select('vxnet_id').where('owner', '=', owner).where('zone_id', '=', zone).where('vxnet_type', '=', vxnetType).execute()
  return rows.map((r) => r.vxnet_id)
}

/** The router a vxnet of the zone is joined to (joining or leaving included), if any: DescribeRouters' `vxnet` filter. */
export async function routerOfVxnet(db: Queryable, zone: string, vxnetId: string): Promise<string | undefined> {
  const row = await db.selectFrom('vxnets').select('router_id').where('zone_id', '=', zone).where('vxnet_id', '=', vxnetId).where('router_id', '<>', '').executeTakeFirst()
  return row?.router_id
}

/** A joined vxnet's DHCP range (dhcp-range.ts checks it first). */
export async function setDhcpRange(db: Queryable, vxnetId: string, range: { dyn_ip_start: string; dyn_ip_end: string }): Promise<void> {
  await db.updateTable('vxnets').set(range).where('vxnet_id', '=', vxnetId).execute()
}
