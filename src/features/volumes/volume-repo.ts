// Volume rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts) so
// that another user's id answers 1400 while an unknown one answers 2100.
//
// An attachment is recorded on the volume row (instance_id, device) as soon as AttachVolumes is
// accepted, while the volume is still `available` + `attaching`: that reserves the device name
// under the instance's row lock, so two attachments can never be given the same device.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, Tx, VolumeTable } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { volumeKind } from './volume-kind.ts'
import { kindTotal, withCommonFilters, type CommonFilter } from '../resources/describe-filters.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

const GONE = volumeKind.goneStatuses

/**
 * Instance id → ids of the volumes attached to it (or being attached), oldest attachment first by
 * device name. Deleted and ceased volumes never count. Every given instance has an entry.
 */
export async function volumesOfInstances(db: Queryable, instanceIds: readonly string[]): Promise<Map<string, string[]>> {
  const byInstance = new Map<string, string[]>(instanceIds.map((id) => [id, []]))
  if (instanceIds.length === 0) return byInstance
  const rows = await db.selectFrom('volumes').select(['instance_id', 'volume_id']).where('instance_id', 'in', instanceIds).where('status', 'not in', GONE).orderBy('device').orderBy('volume_id').execute()
  for (const row of rows) byInstance.get(row.instance_id)?.push(row.volume_id)
  return byInstance
}

/**
 * The instances are going away (TerminateInstances): every volume on them becomes `available`
 * again. Attachments still in flight are dropped too; their jobs then find nothing to settle.
 */
export async function detachAllFromInstances(db: Queryable, instanceIds: readonly string[], now: Date): Promise<void> {
  if (instanceIds.length === 0) return
  const released = { instance_id: '', device: '', transition_status: '' }
  await db
    .updateTable('volumes')
    .set({ ...released, status: 'available', status_time: formatTime(now) })
    .where('instance_id', 'in', instanceIds)
    .where('status', '=', 'in-use')
    .execute()
  // reserved by an attach that has not settled: the volume never left `available`
  await db.updateTable('volumes').set(released).where('instance_id', 'in', instanceIds).where('status', '=', 'available').execute()
}

/** The rows for these ids, in any zone and status (volumes keep their rows when deleted). */
export async function findVolumesById(db: Queryable, ids: readonly string[]): Promise<VolumeTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('volumes').selectAll().where('volume_id', 'in', ids).execute()
}

/** The volumes attached to these instances (`in-use`), by device name: DescribeInstances' verbose `volumes`. */
export async function attachedVolumesOf(db: Queryable, instanceIds: readonly string[]) {
  if (instanceIds.length === 0) return []
  return db.selectFrom('volumes').select(['volume_id', 'instance_id', 'device', 'size', 'volume_type', 'volume_name']).where('instance_id', 'in', instanceIds).where('status', '=', 'in-use').orderBy('device').execute()
}

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockVolumes(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<VolumeTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('volumes').selectAll().where('zone_id', '=', zone).where('volume_id', 'in', ids)).execute()
}

/**
 * The caller's volumes named by `parameter`, locked, in the order given: 2100 for an id unknown
 * in this zone, 1400 for another user's, 1100 for an id listed twice.
 */
export async function getVolumesForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<VolumeTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockVolumes(ctx.db, ctx.caps, ctx.zone, ids), ids, (v) => v.volume_id, ctx.caller)
}

export async function insertVolumes(db: Queryable, rows: readonly VolumeTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('volumes')
      .values([...rows])
      .execute()
}

export interface VolumeFilter extends CommonFilter {
  owner: string
  zone_id: string
  volume_type?: number | undefined
  instance_id?: string | undefined
}

/** One page of a user's volumes in a zone, newest first, and how many match before paging. */
export async function listVolumes(db: Queryable, filter: VolumeFilter, page: { offset: number; limit: number }) {
  let q = withCommonFilters(db.selectFrom('volumes').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), volumeKind, filter)
  if (filter.volume_type !== undefined) q = q.where('volume_type', '=', filter.volume_type)
  if (filter.instance_id) q = q.where('instance_id', '=', filter.instance_id)
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const [total, rows] = await Promise.all([
    kindTotal(db, volumeKind, { owner: filter.owner, zone: filter.zone_id }, { ...filter, otherFilters: filter.volume_type !== undefined || Boolean(filter.instance_id) }, scan),
    q.selectAll().orderBy('create_time', 'desc').orderBy('volume_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total, rows }
}

/** Device names taken on an instance, by settled and in-flight attachments alike. */
export async function devicesInUse(db: Queryable, instanceId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('volumes').select('device').where('instance_id', '=', instanceId).where('status', 'not in', GONE).execute()
  return new Set(rows.map((r) => r.device))
}

/**
 * Starts a transition: the volumes are busy until their job settles. With `from`, only volumes in
 * that transition change (a job ending its own).
 */
export async function setVolumeTransition(db: Queryable, ids: readonly string[], transition: string, change: { status_time?: string } = {}, from?: string): Promise<void> {
  if (ids.length === 0) return
  let q = db
    .updateTable('volumes')
    .set({ transition_status: transition, ...change })
    .where('volume_id', 'in', ids)
  if (from !== undefined) q = q.where('transition_status', '=', from)
  await q.execute()
}

/** Records an attachment in flight: the device is reserved from now on. */
export async function reserveAttachment(db: Queryable, volumeId: string, instanceId: string, device: string): Promise<void> {
  await db.updateTable('volumes').set({ instance_id: instanceId, device, transition_status: 'attaching' }).where('volume_id', '=', volumeId).execute()
}

/**
 * Ends the job's transition on the volumes still in it (a volume an instance termination already
 * released is left alone) and applies `change`. `where` narrows further, e.g. to the attach target.
 */
export async function finishTransition(db: Queryable, ids: readonly string[], transition: string, change: Partial<Pick<VolumeTable, 'status' | 'size' | 'instance_id' | 'device'>>, now: Date, instanceId?: string): Promise<string[]> {
  if (ids.length === 0) return []
  let q = db.selectFrom('volumes').select('volume_id').where('volume_id', 'in', ids).where('transition_status', '=', transition)
  if (instanceId !== undefined) q = q.where('instance_id', '=', instanceId)
  const settled = (await q.execute()).map((r) => r.volume_id)
  if (settled.length === 0) return []
  await db
    .updateTable('volumes')
    .set({ ...change, transition_status: '', ...(change.status !== undefined && { status_time: formatTime(now) }) })
    .where('volume_id', 'in', settled)
    .execute()
  return settled
}

export async function setVolumeAttributes(db: Queryable, id: string, change: { volume_name?: string; description?: string | null }): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('volumes').set(change).where('volume_id', '=', id).execute()
}
