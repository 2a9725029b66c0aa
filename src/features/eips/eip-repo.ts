// EIP rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts) so
// that another user's id answers 1400 while an unknown one answers 2100.
//
// An association is recorded on the EIP row (instance_id) as soon as AssociateEip is accepted,
// while the EIP is still `available` + `associating`: under the instance's row lock that reserves
// the instance, so two EIPs can never be associated with one instance at once.
//
// A VPC router's EIP (ModifyRouterAttributes `eip`) is recorded on the router row (eip_id, the
// routers feature's), a load balancer's in the loadbalancers feature's bindings; the EIP is
// `associated` with an empty instance_id (bindEip / unbindEip), and eipHolders names the router or
// load balancer through their repos.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { EipTable, Queryable, Tx } from '../../store/database.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { changeResumeStatus } from '../billing/leases.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { loadBalancersHoldingEips } from '../loadbalancers/lb-repo.ts'
import { routersHoldingEips } from '../routers/router-repo.ts'
import type { EipHolder } from './eip.ts'
import { eipKind } from './eip-kind.ts'
import { kindTotal, withCommonFilters, type CommonFilter } from '../resources/describe-filters.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../resources/guards.ts'

const GONE = eipKind.goneStatuses

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockEips(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<EipTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('eips').selectAll().where('zone_id', '=', zone).where('eip_id', 'in', ids)).execute()
}

/**
 * The caller's EIPs named by `parameter`, locked, in the order given: 2100 for an id unknown in
 * this zone, 1400 for another user's, 1100 for an id listed twice.
 */
export async function getEipsForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<EipTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockEips(ctx.db, ctx.caps, ctx.zone, ids), ids, (e) => e.eip_id, ctx.caller)
}

export async function insertEips(db: Queryable, rows: readonly EipTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('eips')
      .values([...rows])
      .execute()
}

/** The rows for these ids in the zone, in any status, unlocked (a read such as GetMonitor). */
export async function findEips(db: Queryable, zone: string, ids: readonly string[]): Promise<EipTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('eips').selectAll().where('zone_id', '=', zone).where('eip_id', 'in', ids).execute()
}

/** The EIP associated with the instance or being associated with it, if any. */
export async function eipOfInstance(db: Queryable, instanceId: string): Promise<EipTable | undefined> {
  return db.selectFrom('eips').selectAll().where('instance_id', '=', instanceId).where('status', 'not in', GONE).executeTakeFirst()
}

/** The EIPs associated with these instances (DescribeInstances' `eip`). */
export async function associatedEipsOf(db: Queryable, instanceIds: readonly string[]) {
  if (instanceIds.length === 0) return []
  return associatedEipsQuery(db, instanceIds)
}
const associatedEipsQuery = reusableQuery((db: Queryable, instanceIds: readonly string[]) =>
  db.selectFrom('eips').select(['eip_id', 'eip_addr', 'bandwidth', 'instance_id']).where('instance_id', 'in', instanceIds).where('status', '=', 'associated'),
)

export interface EipFilter extends CommonFilter {
  owner: string
  zone_id: string
  instance_id?: string | undefined
}

/** One page of a user's EIPs in a zone, newest first, and how many match before paging. */
export async function listEips(db: Queryable, filter: EipFilter, page: { offset: number; limit: number }) {
  let q = withCommonFilters(db.selectFrom('eips').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), eipKind, filter)
  if (filter.instance_id) q = q.where('instance_id', '=', filter.instance_id).where('status', '=', 'associated')
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const [total, rows] = await Promise.all([
    kindTotal(db, eipKind, { owner: filter.owner, zone: filter.zone_id }, { ...filter, otherFilters: Boolean(filter.instance_id) }, scan),
    q.selectAll().orderBy('create_time', 'desc').orderBy('eip_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total, rows }
}

/** Starts a transition: the EIPs are busy until their job settles. */
export async function setEipTransition(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<EipTable, 'instance_id'>> = {}): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('eips')
      .set({ ...change, transition_status: transition })
      .where('eip_id', 'in', ids)
      .execute()
}

/**
 * Ends the job's transition on the EIPs still in it (an EIP an instance termination already
 * released is left alone) and applies `change`. `instanceId` narrows to the association target.
 */
export async function finishEipTransition(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<EipTable, 'status' | 'bandwidth' | 'instance_id'>>, now: Date, instanceId?: string): Promise<string[]> {
  if (ids.length === 0) return []
  let q = db.selectFrom('eips').select('eip_id').where('eip_id', 'in', ids).where('transition_status', '=', transition)
  if (instanceId !== undefined) q = q.where('instance_id', '=', instanceId)
  const settled = (await q.execute()).map((r) => r.eip_id)
  if (settled.length === 0) return []
  await db
    .updateTable('eips')
    .set({ ...change, transition_status: '', ...(change.status !== undefined && { status_time: formatTime(now) }) })
    .where('eip_id', 'in', settled)
    .execute()
  return settled
}

/**
 * The instances are going away: their EIPs become `available` again (and stay billed, as on
 * QingCloud). Associations still in flight are dropped too; their jobs then find nothing to settle.
 */
export async function dissociateFromInstances(db: Queryable, instanceIds: readonly string[], now: Date): Promise<void> {
  if (instanceIds.length === 0) return
  await db
    .updateTable('eips')
    .set({ instance_id: '', transition_status: '', status: 'available', status_time: formatTime(now) })
    .where('instance_id', 'in', instanceIds)
    .where('status', '=', 'associated')
    .execute()
  // reserved by an association that has not settled, or on its way out: the EIP is just free again
  await db.updateTable('eips').set({ instance_id: '', transition_status: '' }).where('instance_id', 'in', instanceIds).where('status', '=', 'available').execute()
  // suspended for arrears while associated: its lease remembers `associated` to resume to, which
  // would now be wrong, so it resumes as `available`
  const suspended = await db.selectFrom('eips').select('eip_id').where('instance_id', 'in', instanceIds).where('status', '=', 'suspended').execute()
  if (suspended.length === 0) return
  const ids = suspended.map((e) => e.eip_id)
  await db.updateTable('eips').set({ instance_id: '' }).where('eip_id', 'in', ids).execute()
  await changeResumeStatus(db, ids, 'associated', 'available')
}

export async function setEipAttributes(db: Queryable, id: string, change: { eip_name?: string; description?: string | null }): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('eips').set(change).where('eip_id', '=', id).execute()
}

/** Who holds each of these associated EIPs: its instance, or the router or load balancer it is bound to. */
export async function eipHolders(db: Queryable, rows: readonly Pick<EipTable, 'eip_id' | 'status' | 'instance_id'>[]): Promise<Map<string, EipHolder>> {
  const holders = new Map<string, EipHolder>()
  const instanceIds = [...new Set(rows.map((r) => r.instance_id).filter(Boolean))]
  const instanceNames = new Map((await findInstancesById(db, instanceIds)).map((i) => [i.instance_id, i.instance_name]))
  for (const r of rows) if (r.instance_id !== '') holders.set(r.eip_id, { resource_id: r.instance_id, resource_name: instanceNames.get(r.instance_id) ?? '', resource_type: 'instance' })
  const routerBound = rows.filter((r) => r.instance_id === '' && r.status !== 'available').map((r) => r.eip_id)
  for (const router of await routersHoldingEips(db, routerBound)) holders.set(router.eip_id, { resource_id: router.router_id, resource_name: router.router_name, resource_type: 'router' })
  for (const lb of await loadBalancersHoldingEips(db, routerBound)) holders.set(lb.eip_id, { resource_id: lb.loadbalancer_id, resource_name: lb.loadbalancer_name, resource_type: 'loadbalancer' })
  return holders
}

/**
 * Binds the caller's EIP to a router (ModifyRouterAttributes `eip`) or a load balancer: it must be
 * available, idle and not reserved by an association in flight (1400), and becomes `associated` at
 * once; the caller records its own side (the router's eip_id, a load-balancer binding) in the same
 * transaction. 2100 / 1400 for an unknown or
 * another user's EIP. The EIP stays leased and billed as before.
 */
export async function bindEip(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller' | 'clock'>, eipId: string): Promise<EipTable> {
  const [eip] = await getEipsForUpdate(ctx, 'eip', [eipId])
  requireIdle('eip', eip!.eip_id, eip!)
  if (eip!.status !== 'available' || eip!.instance_id !== '') throw stateRule('eip', eip!.eip_id, 'is not available', 'can not be associated')
  await ctx.db
    .updateTable('eips')
    .set({ status: 'associated', status_time: formatTime(ctx.clock.now()) })
    .where('eip_id', '=', eipId)
    .execute()
  return eip!
}

/**
 * A router or load balancer lets go of its EIP (ModifyRouterAttributes, DeleteRouters, …): the EIP is `available`
 * again, still allocated and billed. One suspended for arrears meanwhile resumes as `available`.
 */
export async function unbindEip(db: Queryable, eipId: string, now: Date): Promise<void> {
  if (eipId === '') return
  await db
    .updateTable('eips')
    .set({ status: 'available', status_time: formatTime(now) })
    .where('eip_id', '=', eipId)
    .where('status', '=', 'associated')
    .where('instance_id', '=', '')
    .execute()
  await changeResumeStatus(db, [eipId], 'associated', 'available')
}

// ── asynchronous binding to a load balancer (AssociateEipsToLoadBalancer / Dissociate…) ────────

/**
 * Reserves the caller's EIPs named by `parameter` for a holder whose association settles in a job
 * (a load balancer): each must be available, idle and bound to nothing (1400 naming it). They stay
 * `available` + `associating` (instance_id '') until settleEipBinding makes them `associated`, or
 * dropEipBinding gives them back; meanwhile every other EIP action finds them busy.
 */
export async function reserveEips(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<EipTable[]> {
  const eips = await getEipsForUpdate(ctx, parameter, ids)
  for (const e of eips) {
    requireIdle('eip', e.eip_id, e)
    if (e.status !== 'available' || e.instance_id !== '') throw stateRule('eip', e.eip_id, 'is not available', 'can not be associated')
  }
  await setEipTransition(ctx.db, ids, 'associating')
  return eips
}

/** The reservation's job settled: the EIPs still reserved become `associated`. Returns those ids. */
export async function settleEipBinding(db: Queryable, ids: readonly string[], now: Date): Promise<string[]> {
  return finishEipTransition(db, ids, 'associating', { status: 'associated' }, now, '')
}

/** The reservation's job failed: the EIPs are idle and available again. */
export async function dropEipBinding(db: Queryable, ids: readonly string[], now: Date): Promise<void> {
  await finishEipTransition(db, ids, 'associating', {}, now, '')
}

/**
 * Starts unbinding EIPs a holder (not an instance) has: the caller checked they are its; each must
 * be `associated` and idle (1400). They turn `dissociating` until finishEipUnbinding.
 */
export async function beginEipUnbinding(db: Queryable, eips: readonly EipTable[]): Promise<void> {
  for (const e of eips) {
    requireIdle('eip', e.eip_id, e)
    if (e.status !== 'associated' || e.instance_id !== '') throw stateRule('eip', e.eip_id, 'is not associated', 'can not be dissociated')
  }
  await setEipTransition(
    db,
    eips.map((e) => e.eip_id),
    'dissociating',
  )
}

/** The unbinding's job settled: the EIPs still `dissociating` are `available` again (still allocated and billed). */
export async function finishEipUnbinding(db: Queryable, ids: readonly string[], now: Date): Promise<string[]> {
  const settled = await finishEipTransition(db, ids, 'dissociating', {}, now, '')
  for (const id of settled) await unbindEip(db, id, now)
  return settled
}

/** The unbinding's job failed: the EIPs stay bound, idle again. */
export async function cancelEipUnbinding(db: Queryable, ids: readonly string[], now: Date): Promise<void> {
  await finishEipTransition(db, ids, 'dissociating', {}, now, '')
}

/** Id, name and address of these EIPs, in any state (DescribeRouters' `eip`). */
export async function eipSummaries(db: Queryable, ids: readonly string[]) {
  const wanted = ids.filter((id) => id !== '')
  if (wanted.length === 0) return []
  return db.selectFrom('eips').select(['eip_id', 'eip_name', 'eip_addr']).where('eip_id', 'in', wanted).execute()
}

/** Each of these EIPs' bandwidth in Mbps (monitoring shapes traffic by it); unknown ids are left out. */
export async function eipBandwidths(db: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  const wanted = ids.filter((id) => id !== '')
  if (wanted.length === 0) return new Map()
  const rows = await db.selectFrom('eips').select(['eip_id', 'bandwidth']).where('eip_id', 'in', wanted).execute()
  return new Map(rows.map((r) => [r.eip_id, r.bandwidth]))
}
