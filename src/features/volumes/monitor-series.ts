// What GetMonitor's disk meters are made of (monitoring.md §1.1): the monitoring source's slots and
// seeded signal shaped by the disk's size. One shaping serves an instance's system disk (disk-os …)
// and its volumes (disk-<volume id> …), asked through the instance or through the volume itself:
// the seed is the disk's, so both ways give the same series.
//
//  - Life: a volume has points only while attached to a running instance: the instance's running
//    spans from the volume's attachment on (the status_time of an `in-use` volume is when its
//    attachment settled). Earlier attachments are not kept, so a volume detached now has no points
//    and a volume re-attached shows only its current attachment.
//  - disk-… (throughput) and disk-iops-… are one draw: [read, write] operations per second within
//    the disk's limit (1000 + 30 per GB, at most 20000), times an I/O size of 4–64 KiB for bytes/s.
//    A step the disk spent partly detached or stopped carries that part of its traffic.
//  - disk-us-… is `mount|used %|used MB|free MB`: the OS disk mounted at /, a volume at
//    /mnt/<device>; the file system holds 93.4% of the disk, and use grows slowly with age.
import type { VolumeTable } from '../../store/database.ts'
import { compress, type Point, sample, type Span, since, type Window, type MonitorData } from '../monitoring/series.ts'
import { between, daily, seedOf } from '../monitoring/signal.ts'

/** A disk as its meters see it: the OS disk of an instance, or a volume. */
export interface Disk {
  /** The seed's name: the volume id, or `<instance id>/os`. */
  key: string
  size_gb: number
  mount: string
  created: string
}

export type DiskMeter = 'throughput' | 'iops' | 'usage'

const MAX_IOPS = 20_000
/** The share of a disk a fresh ext4 file system gives its files (the docs' sample: 3319 + 15816 MB of 20 GB). */
const FS_SHARE = 0.934

export const diskOfVolume = (v: Pick<VolumeTable, 'volume_id' | 'size' | 'device' | 'create_time'>): Disk => ({
  key: v.volume_id,
  size_gb: v.size,
  mount: `/mnt/${v.device.split('/').pop() || v.volume_id}`,
  created: v.create_time,
})

/** The spans a volume is attached to a running instance: the instance's running spans from the attachment on; none while detached. */
export function attachedSpans(v: Pick<VolumeTable, 'status' | 'status_time' | 'instance_id'>, instanceLife: readonly Span[]): Span[] {
  return v.status === 'in-use' && v.instance_id !== '' ? since(instanceLife, v.status_time) : []
}

function iops(disk: Disk, seed: number, t: number, c: number): [number, number] {
  const limit = Math.min(MAX_IOPS, 1000 + 30 * disk.size_gb)
  const busy = between(seed, 0, 1, 0.005, 0.08) * daily(seed, t) * between(seed, t, 2, 0.5, 1.5)
  const total = limit * Math.min(1, busy) * c
  const reads = between(seed, t, 3, 0.2, 0.6)
  return [Math.round(total * reads), Math.round(total * (1 - reads))]
}

/** One slot's value of a disk meter (c: the part of the step the disk was in use). */
export function diskValue(disk: Disk, meter: DiskMeter, t: number, c: number): Point['v'] {
  const seed = seedOf(disk.key, 'disk')
  if (meter === 'usage') {
    const total = Math.round(disk.size_gb * 1024 * FS_SHARE)
    const days = Math.max(0, (t - Date.parse(disk.created) / 1000) / 86400)
    const share = Math.min(0.95, between(seed, 0, 4, 0.05, 0.4) + days * between(seed, 0, 5, 0.0005, 0.003))
    const used = Math.round(total * share)
    return [disk.mount, Math.round((used / total) * 100), used, total - used].join('|')
  }
  const ops = iops(disk, seed, t, c)
  if (meter === 'iops') return ops
  return [Math.round(ops[0] * 1024 * between(seed, t, 6, 4, 64)), Math.round(ops[1] * 1024 * between(seed, t, 7, 4, 64))]
}

/** A disk meter's compressed series over the spans the disk was in use. */
export function diskData(disk: Disk, meter: DiskMeter, spans: readonly Span[], window: Window): MonitorData {
  return compress(
    sample(window, spans, (t, c) => diskValue(disk, meter, t, c)),
    window.seconds,
  )
}
