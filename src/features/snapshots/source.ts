// The resources snapshots are taken of and applied to: the caller's volumes and instances, seen
// through one shape (id, status, disk size) so the snapshot actions need not care which it is.
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable } from '../../store/database.ts'
import type { InstanceTable, VolumeTable } from '../../store/database.ts'
import { lockInstances, setInstanceTransition } from '../instances/instance-repo.ts'
import { LABEL as INSTANCE } from '../instances/instance.ts'
import { requireOwned } from '../resources/guards.ts'
import { lockVolumes, setVolumeTransition } from '../volumes/volume-repo.ts'

export interface SnapshotSource {
  resource_id: string
  resource_type: 'volume' | 'instance'
  resource_name: string
  owner: string
  status: string
  transition_status: string
  /** GB: the volume, or the instance's system disk. */
  disk_size: number
}

/** Statuses a resource can be snapshotted or rolled back in (reference 2.2). */
export const IDLE_STATUSES: Record<SnapshotSource['resource_type'], readonly string[]> = {
  volume: ['available', 'in-use'],
  instance: ['running', 'stopped'],
}

const fromVolume = (v: VolumeTable): SnapshotSource => ({ resource_id: v.volume_id, resource_type: 'volume', resource_name: v.volume_name, owner: v.owner, status: v.status, transition_status: v.transition_status, disk_size: v.size })
const fromInstance = (i: InstanceTable): SnapshotSource => ({
  resource_id: i.instance_id,
  resource_type: 'instance',
  resource_name: i.instance_name,
  owner: i.owner,
  status: i.status,
  transition_status: i.transition_status,
  disk_size: i.os_disk_size,
})

/** The label messages use for a resource of this type. */
export const labelOf = (type: SnapshotSource['resource_type']): string => (type === 'volume' ? 'volume' : INSTANCE)

/**
 * The caller's volumes and instances named by `ids` (any other id is not found: 2100), locked,
 * in the order given; another user's → 1400.
 */
export async function lockSources(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, ids: readonly string[]): Promise<SnapshotSource[]> {
  const volumes = await lockVolumes(
    ctx.db,
    ctx.caps,
    ctx.zone,
    ids.filter((id) => id.startsWith('vol-')),
  )
  const instances = await lockInstances(
    ctx.db,
    ctx.caps,
    ctx.zone,
    ids.filter((id) => id.startsWith('i-')),
  )
  return requireOwned([...volumes.map(fromVolume), ...instances.map(fromInstance)], ids, (s) => s.resource_id, ctx.caller)
}

/**
 * Sets the transition of these volumes and instances; with `from`, only of those in that
 * transition (a job ending its own).
 */
export async function setSourceTransition(db: Queryable, ids: readonly string[], transition: string, change: { status_time?: string } = {}, from?: string): Promise<void> {
  await setVolumeTransition(
    db,
    ids.filter((id) => id.startsWith('vol-')),
    transition,
    change,
    from,
  )
  await setInstanceTransition(
    db,
    ids.filter((id) => id.startsWith('i-')),
    transition,
    change,
    from,
  )
}
