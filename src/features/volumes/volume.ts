// Volumes as the API sees them: the volume types and their size ranges, device names on an
// instance, and the DescribeVolumes item.
import { ApiError } from '../../errors.ts'
import type { VolumeTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'

/**
 * Size ranges in GB by `volume_type` (reference 3.4). QingCloud publishes no range for super-high
 * performance (3); QingLocal gives it the same 20–2000 as the other SSD-backed types.
 */
export const VOLUME_TYPES: ReadonlyMap<number, { name: string; min: number; max: number }> = new Map([
  [0, { name: 'performance', min: 20, max: 1000 }],
  [1, { name: 'capacity (older zones)', min: 20, max: 5000 }],
  [2, { name: 'capacity', min: 20, max: 5000 }],
  [3, { name: 'super-high performance', min: 20, max: 2000 }],
  [5, { name: 'NeonSAN', min: 20, max: 5120 }],
  [100, { name: 'basic', min: 20, max: 2000 }],
  [200, { name: 'SSD enterprise', min: 20, max: 2000 }],
])

export const SIZE_STEP = 10

/** Volumes one instance can hold: /dev/vdb … /dev/vdk (vda is the OS disk). */
export const MAX_VOLUMES_PER_INSTANCE = 10

export const ENCRYPTION_CIPHERS = ['aes256'] as const

/** QingCloud's replication policy ids (rpp-00000001 single replica, -02 multi); see repl below. */
export const REPL_POLICIES = ['rpp-00000001', 'rpp-00000002'] as const

/** Throws 1100 for a `volume_type` QingLocal does not offer. */
export function requireVolumeType(volumeType: number) {
  const type = VOLUME_TYPES.get(volumeType)
  if (!type) throw new ApiError('InvalidRequestFormat', `unsupported parameter volume_type value ${volumeType}`)
  return type
}

/** `round_up=1` asks for the next size step instead of an error (the Go SDK sends round_up=0). */
export const roundUpSize = (size: number): number => Math.ceil(size / SIZE_STEP) * SIZE_STEP

/** Throws 1100 unless `size` is a multiple of 10 GB inside the range of `volumeType`. */
export function requireValidSize(size: number, volumeType: number): void {
  const type = requireVolumeType(volumeType)
  if (size % SIZE_STEP !== 0) throw new ApiError('InvalidRequestFormat', `parameter size value ${size} should be a multiple of ${SIZE_STEP}`)
  if (size < type.min || size > type.max) {
    throw new ApiError('InvalidRequestFormat', `illegal size ${size} for volume_type ${volumeType}, the valid range is [${type.min} - ${type.max}]`)
  }
}

/** The first device name not in `used`, or undefined when the instance is full. */
export function freeDevice(used: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < MAX_VOLUMES_PER_INSTANCE; i++) {
    const device = `/dev/vd${String.fromCharCode('b'.charCodeAt(0) + i)}`
    if (!used.has(device)) return device
  }
  return undefined
}

/**
 * The DescribeVolumes item. `instance` is always an object, blank when unattached: CSI reads
 * `instance.instance_id` without a nil check. QingLocal keeps one replica policy for every volume
 * and reports it as `rpp-00000002` (multi-replica, QingCloud's default and CSI's).
 */
export function volumeItem(row: VolumeTable, instanceName: string, tags: ResourceTag[]) {
  const instance = { instance_id: row.instance_id, instance_name: row.instance_id ? instanceName : '', device: row.device }
  return {
    volume_id: row.volume_id,
    volume_name: row.volume_name,
    description: row.description,
    size: row.size,
    volume_type: row.volume_type,
    status: row.status,
    transition_status: row.transition_status,
    create_time: row.create_time,
    status_time: row.status_time,
    owner: row.owner,
    zone_id: row.zone_id,
    instance,
    instances: row.instance_id ? [instance] : [],
    device: row.device,
    encryption: row.encryption,
    cipher_alg: row.cipher_alg,
    repl: 'rpp-00000002',
    latest_snapshot_time: null,
    sub_code: 0,
    tags,
  }
}
