// Snapshot rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts)
// so that another user's id answers 1400 while an unknown one answers 2100.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, SnapshotTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { kindTotal, withCommonFilters, type CommonFilter } from '../resources/describe-filters.ts'
import { snapshotKind } from './snapshot-kind.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { findVolumesById } from '../volumes/volume-repo.ts'
import type { ChainStats } from './snapshot.ts'

const GONE = snapshotKind.goneStatuses

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockSnapshots(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<SnapshotTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('snapshots').selectAll().where('zone_id', '=', zone).where('snapshot_id', 'in', ids)).execute()
}

/** The caller's snapshots named by `parameter`, locked, in the order given: 2100 / 1400 / 1100 (listed twice). */
export async function getSnapshotsForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<SnapshotTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockSnapshots(ctx.db, ctx.caps, ctx.zone, ids), ids, (s) => s.snapshot_id, ctx.caller)
}

/** A resource's live snapshots (not deleted or ceased), oldest first, locked. */
export async function liveSnapshotsOf(db: Tx, caps: Capabilities, resourceId: string): Promise<SnapshotTable[]> {
  return caps.forUpdate(db.selectFrom('snapshots').selectAll().where('resource_id', '=', resourceId).where('status', 'not in', GONE).orderBy('seq')).execute()
}

/** The next `seq` of a resource: one more than any of its snapshots ever had. */
export async function nextSeq(db: Queryable, resourceId: string): Promise<number> {
  const row = await db
    .selectFrom('snapshots')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
  return Number(row?.seq ?? 0) + 1
}

/** The live points of a chain from `fromSeq` on (the point itself and every later one), locked. */
export async function chainFrom(db: Tx, caps: Capabilities, rootId: string, fromSeq: number): Promise<SnapshotTable[]> {
  return caps.forUpdate(db.selectFrom('snapshots').selectAll().where('root_id', '=', rootId).where('seq', '>=', fromSeq).where('status', 'not in', GONE).orderBy('seq')).execute()
}

export async function insertSnapshots(db: Queryable, rows: readonly SnapshotTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('snapshots')
      .values([...rows])
      .execute()
}

export async function setSnapshotTransition(db: Queryable, ids: readonly string[], transition: string): Promise<void> {
  if (ids.length > 0) await db.updateTable('snapshots').set({ transition_status: transition }).where('snapshot_id', 'in', ids).execute()
}

/**
 * Ends the job's transition on the snapshots still in it and applies `change`; returns the ids
 * that changed.
 */
export async function finishSnapshots(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<SnapshotTable, 'status' | 'is_taken' | 'is_head'>>, now: Date): Promise<SnapshotTable[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('snapshots').selectAll().where('snapshot_id', 'in', ids).where('transition_status', '=', transition).execute()
  if (rows.length === 0) return []
  await db
    .updateTable('snapshots')
    .set({ ...change, transition_status: '', ...(change.status !== undefined && { status_time: formatTime(now) }) })
    .where(
      'snapshot_id',
      'in',
      rows.map((r) => r.snapshot_id),
    )
    .execute()
  return rows
}

/** Makes the newest live point of each chain its head, and no other point. */
export async function markHeads(db: Queryable, rootIds: readonly string[]): Promise<void> {
  for (const root of new Set(rootIds)) {
    const live = await db.selectFrom('snapshots').select(['snapshot_id']).where('root_id', '=', root).where('status', 'not in', GONE).where('is_taken', '=', 1).orderBy('seq', 'desc').execute()
    await db.updateTable('snapshots').set({ is_head: 0 }).where('root_id', '=', root).where('is_head', '=', 1).execute()
    if (live[0]) await db.updateTable('snapshots').set({ is_head: 1 }).where('snapshot_id', '=', live[0].snapshot_id).execute()
  }
}

export async function setSnapshotAttributes(db: Queryable, id: string, change: { snapshot_name?: string; description?: string | null }): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('snapshots').set(change).where('snapshot_id', '=', id).execute()
}

export interface SnapshotFilter extends CommonFilter {
  owner: string
  zone_id: string
  resource_id?: string | undefined
  snapshot_type?: number | undefined
  snapshot_name?: string | undefined
}

/** One page of a user's snapshots in a zone, newest first, and how many match before paging. */
export async function listSnapshots(db: Queryable, filter: SnapshotFilter, page: { offset: number; limit: number }) {
  let q = withCommonFilters(db.selectFrom('snapshots').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), snapshotKind, filter)
  if (filter.resource_id) q = q.where('resource_id', '=', filter.resource_id)
  if (filter.snapshot_type !== undefined) q = q.where('snapshot_type', '=', filter.snapshot_type)
  if (filter.snapshot_name) q = q.where('snapshot_name', '=', filter.snapshot_name)
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const otherFilters = Boolean(filter.resource_id) || filter.snapshot_type !== undefined || Boolean(filter.snapshot_name)
  const [total, rows] = await Promise.all([
    kindTotal(db, snapshotKind, { owner: filter.owner, zone: filter.zone_id }, { ...filter, otherFilters }, scan),
    q.selectAll().orderBy('create_time', 'desc').orderBy('seq', 'desc').orderBy('snapshot_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total, rows }
}

/** Per chain root: how many live points it has, their total size (MB), the newest snapshot_time, and whether it is its resource's current chain. */
export async function chainStats(db: Queryable, rootIds: readonly string[]): Promise<Map<string, ChainStats>> {
  const stats = new Map<string, ChainStats>()
  if (rootIds.length === 0) return stats
  const rows = await db
    .selectFrom('snapshots')
    .select((eb) => ['root_id', eb.fn.countAll().as('n'), eb.fn.sum<number>('size').as('total'), eb.fn.max('snapshot_time').as('latest')])
    .where('root_id', 'in', [...new Set(rootIds)])
    .where('status', 'not in', GONE)
    .groupBy('root_id')
    .execute()
  // a resource's current chain holds its newest live point: the one its next incremental point extends
  const resources = await db
    .selectFrom('snapshots')
    .select('resource_id')
    .distinct()
    .where('root_id', 'in', [...new Set(rootIds)])
    .execute()
  const newest = new Map<string, string>()
  if (resources.length) {
    const live = await db
      .selectFrom('snapshots')
      .select(['resource_id', 'root_id'])
      .where(
        'resource_id',
        'in',
        resources.map((r) => r.resource_id),
      )
      .where('status', 'not in', GONE)
      .orderBy('seq', 'desc')
      .execute()
    for (const r of live) if (!newest.has(r.resource_id)) newest.set(r.resource_id, r.root_id)
  }
  const current = new Set(newest.values())
  for (const r of rows) stats.set(r.root_id, { total_count: Number(r.n), total_size: Number(r.total), latest: r.latest === null ? null : String(r.latest), current: current.has(r.root_id) })
  return stats
}

/** The current names of the resources snapshots were taken of (volumes and instances keep their rows when deleted). */
export async function resourceNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const volumes = ids.filter((id) => id.startsWith('vol-'))
  const instances = ids.filter((id) => id.startsWith('i-'))
  for (const v of await findVolumesById(db, volumes)) names.set(v.volume_id, v.volume_name)
  for (const i of await findInstancesById(db, instances)) names.set(i.instance_id, i.instance_name)
  return names
}
