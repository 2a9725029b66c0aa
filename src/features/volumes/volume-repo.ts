// Volume rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts) so
// that another user's id answers 1400 while an unknown one answers 2100.
//
// An attachment is recorded on the volume row (instance_id, device) as soon as AttachVolumes is
// accepted, while the volume is still `available` + `attaching`: that reserves the device name
// under the instance's row lock, so two attachments can never be given the same device.
import { formatTime } from '../../lib/clock.ts'
import type { Queryable, Tx, VolumeTable } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { kinds } from '../resources/resource-kinds.ts'
import { withCommonFilters, type CommonFilter } from '../resources/describe-filters.ts'

const GONE = kinds.volume.goneStatuses

/**
 * Instance id → ids of the volumes attached to it (or being attached), oldest attachment first by
 * device name. Deleted and ceased volumes never count. Every given instance has an entry.
 */
export async function volumesOfInstances(db: Queryable, instanceIds: readonly string[]): Promise<Map<string, string[]>> {
  const byInstance = new Map<string, string[]>(instanceIds.map((id) => [id, []]))
  if (instanceIds.length === 0) return byInstance
  const rows = await db
    .selectFrom('volumes')
    .select(['instance_id', 'volume_id'])
    .where('instance_id', 'in', instanceIds)
    .where('status', 'not in', GONE)
    .orderBy('device')
    .orderBy('volume_id')
    .execute()
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
