// The one attachment path, for AttachVolumes and for the data volumes RunInstances launches with:
// the request checks each volume (requireAttachable) and records the attachment at once
// (reserveAttachments: the device is reserved under the instance's row lock, the volume stays
// `available` + `attaching`); the job then makes it `in-use` (settleAttachments) or gives the
// device back (failAttachments). Other features attach volumes only through these functions.
import type { Queryable, VolumeTable } from '../../store/database.ts'
import { requireIdle, stateRule } from '../resources/guards.ts'
import { freeDevice, MAX_VOLUMES_PER_INSTANCE } from './volume.ts'
import { devicesInUse, finishTransition, reserveAttachment } from './volume-repo.ts'

const ATTACHING = 'attaching'

/** 1400 unless the volume can be attached now: idle and `available`. */
export function requireAttachable(volume: VolumeTable): void {
  requireIdle('volume', volume.volume_id, volume)
  if (volume.status !== 'available') throw stateRule('volume', volume.volume_id, 'is not available', 'can not be attached')
}

/**
 * Records attachments in flight of the volumes (in the order given) to the instance, which the
 * caller holds locked: each takes the instance's first free device name. 1400 when the instance
 * would hold more than MAX_VOLUMES_PER_INSTANCE.
 */
export async function reserveAttachments(db: Queryable, instanceId: string, volumeIds: readonly string[]): Promise<void> {
  if (volumeIds.length === 0) return
  const used = await devicesInUse(db, instanceId)
  if (used.size + volumeIds.length > MAX_VOLUMES_PER_INSTANCE) {
    throw stateRule('instance', instanceId, `has [${used.size}] volumes attached`, `can not attach ${volumeIds.length} more, the limit is ${MAX_VOLUMES_PER_INSTANCE}`)
  }
  for (const volumeId of volumeIds) {
    const device = freeDevice(used)!
    used.add(device)
    await reserveAttachment(db, volumeId, instanceId, device)
  }
}

/** The attach job settled: the volumes still attaching to the instance are `in-use`. */
export async function settleAttachments(db: Queryable, volumeIds: readonly string[], instanceId: string, now: Date): Promise<void> {
  await finishTransition(db, volumeIds, ATTACHING, { status: 'in-use' }, now, instanceId)
}

/** The attach job failed: the reserved devices are given back; the volumes stay `available`. */
export async function failAttachments(db: Queryable, volumeIds: readonly string[], instanceId: string, now: Date): Promise<void> {
  await finishTransition(db, volumeIds, ATTACHING, { instance_id: '', device: '' }, now, instanceId)
}
