// What GetMonitor's instance meters are made of (monitoring.md §1.1): the monitoring source's slots
// and seeded signal (features/monitoring) shaped by what the instance really has.
//
//  - Life: an instance has points only while it runs: from create_time (or when its RunInstances
//    job settled), inside its leases, until status_time once it is no longer running (stopped,
//    suspended, terminated); the time between a successful StopInstances job and the next
//    StartInstances job (or, failing one, the status_time of its current `running`) is a gap.
//    Stops no job records (a cluster's, arrears) before the instance's last start are not known.
//  - cpu: per-mille of all its vCPUs together, a steady load drawn per instance (4–45%) shaped by a
//    daily cycle; memory: per-mille of its memory, 96 MB for the system plus a share that grows
//    with the same load, never above 95%.
//  - disk-os / disk-iops-os / disk-us-os: the system disk (os_disk_size) over the running spans;
//    disk-<volume id> …: a volume attached now, from its attachment on (volumes/monitor-series.ts,
//    the same series GetMonitor gives for the volume itself).
//  - if-<mac>: a NIC attached now (from its status_time), [in, out] bytes/s of inside traffic that
//    grows with the vCPUs, plus, on the primary NIC, the traffic of the instance's EIP while it is
//    associated (eips/monitor-series.ts). Replies carry its vxnet_id and sequence.
import { ApiError } from '../../errors.ts'
import type { EipTable, InstanceTable, NicTable, Queryable, VolumeTable } from '../../store/database.ts'
import { leasesOfResource } from '../billing/charge-query.ts'
import { eipOfInstance } from '../eips/eip-repo.ts'
import { associatedSpans, eipTraffic } from '../eips/monitor-series.ts'
import { settledJobsOn } from '../jobs/job-repo.ts'
import { compress, coverage, epochSeconds, lifeSpans, minus, sample, type Span, since, type Window, type MonitorData } from '../monitoring/series.ts'
import { between, daily, seedOf } from '../monitoring/signal.ts'
import { nicRowsOfInstances } from '../nics/nic-repo.ts'
import { attachedSpans, type Disk, type DiskMeter, diskData, diskOfVolume } from '../volumes/monitor-series.ts'
import { findVolumesById, volumesOfInstances } from '../volumes/volume-repo.ts'

/** A meter an instance answers, read from its name (which disk or NIC it names is checked against the instance later). */
export type InstanceMeter = { kind: 'cpu' } | { kind: 'memory' } | { kind: 'disk'; meter: DiskMeter; disk: string } | { kind: 'nic'; mac: string }

const DISK_METER = /^disk-(iops-|us-)?(os|vol-[a-z0-9]+)$/
const NIC_METER = /^if-([0-9a-f]{2}(?::[0-9a-f]{2}){5})$/

export const INSTANCE_METERS = 'cpu, memory, disk-os, disk-iops-os, disk-us-os, disk-<volume id>, disk-iops-<volume id>, disk-us-<volume id>, if-<mac>'

/** The meter `name` means for an instance, or undefined when it is none (meter names are lowercase). */
export function parseInstanceMeter(name: string): InstanceMeter | undefined {
  if (name === 'cpu' || name === 'memory') return { kind: name }
  const disk = DISK_METER.exec(name)
  if (disk) return { kind: 'disk', meter: disk[1] === 'iops-' ? 'iops' : disk[1] === 'us-' ? 'usage' : 'throughput', disk: disk[2]! }
  const nic = NIC_METER.exec(name)
  if (nic) return { kind: 'nic', mac: nic[1]! }
  return undefined
}

/** Everything an instance's series depend on, read once per request. */
export interface InstanceWorld {
  instance: InstanceTable
  life: Span[]
  /** Volumes attached now (`in-use` on it). */
  volumes: VolumeTable[]
  /** NICs attached now (`in-use` on it). */
  nics: NicTable[]
  eip?: { row: EipTable; spans: Span[] }
}

/** The spans the instance ran in (see the header). */
export async function runningLife(db: Queryable, instance: InstanceTable): Promise<Span[]> {
  const leases = await leasesOfResource(db, instance.zone_id, instance.instance_id, instance.owner)
  let life = lifeSpans({ created: instance.create_time, ...(instance.status !== 'running' && { ended: instance.status_time }), leases })
  const jobs = await settledJobsOn(db, instance.zone_id, instance.instance_id, ['RunInstances', 'StartInstances', 'StopInstances'])
  const launched = jobs.find((j) => j.job_action === 'RunInstances')
  if (launched) life = since(life, launched.time)
  const stopped: Span[] = []
  for (const [i, job] of jobs.entries()) {
    if (job.job_action !== 'StopInstances') continue
    const from = epochSeconds(job.time)
    const start = jobs.slice(i + 1).find((j) => j.job_action === 'StartInstances')
    const runningSince = instance.status === 'running' ? epochSeconds(instance.status_time) : -Infinity
    stopped.push({ from, to: start ? epochSeconds(start.time) : runningSince >= from ? runningSince : Infinity })
  }
  return minus(life, stopped)
}

export async function loadInstanceWorld(db: Queryable, instance: InstanceTable): Promise<InstanceWorld> {
  const life = await runningLife(db, instance)
  const id = instance.instance_id
  const volumeIds = (await volumesOfInstances(db, [id])).get(id) ?? []
  const volumes = (await findVolumesById(db, volumeIds)).filter((v) => v.status === 'in-use' && v.instance_id === id)
  const nics = (await nicRowsOfInstances(db, [id])).filter((n) => n.status === 'in-use' && n.instance_id === id)
  const eip = await eipOfInstance(db, id)
  return { instance, life, volumes, nics, ...(eip && { eip: { row: eip, spans: await associatedSpans(db, eip, life) } }) }
}

const osDisk = (i: InstanceTable): Disk => ({ key: `${i.instance_id}/os`, size_gb: i.os_disk_size, mount: '/', created: i.create_time })

/** The instance's steady load (0.04–0.45 of its vCPUs), which memory follows too. */
const loadOf = (i: InstanceTable) => between(seedOf(i.instance_id, 'cpu'), 0, 1, 0.04, 0.45)

function cpuValue(i: InstanceTable, t: number): number {
  const seed = seedOf(i.instance_id, 'cpu')
  return Math.max(1, Math.round(1000 * Math.min(1, loadOf(i) * daily(seed, t) * between(seed, t, 2, 0.6, 1.4))))
}

function memoryValue(i: InstanceTable, t: number): number {
  const seed = seedOf(i.instance_id, 'memory')
  const total = Math.max(1, i.memory_current)
  const used = Math.min(total * 0.95, 96 + total * (0.12 + 0.8 * loadOf(i)) * between(seed, t, 1, 0.95, 1.05))
  return Math.round((used / total) * 1000)
}

function nicValue(world: InstanceWorld, nic: NicTable, t: number, seconds: number, c: number): [number, number] {
  const seed = seedOf(nic.nic_id, 'if')
  const out = Math.max(1, world.instance.vcpus_current) * 20_000 * between(seed, 0, 1, 0.1, 1) * daily(seed, t) * between(seed, t, 2, 0.5, 1.5) * c
  const inside: [number, number] = [Math.round(out * between(seed, t, 3, 0.3, 1.2)), Math.round(out)]
  if (nic.role !== 1 || !world.eip) return inside
  const public_ = eipTraffic(world.eip.row, t, coverage(world.eip.spans, t, seconds))
  return [inside[0] + public_[0], inside[1] + public_[1]]
}

/**
 * One meter's reply entry: `data`, plus vxnet_id and sequence for a NIC. 1100 naming the meter
 * when it names a volume or NIC that is not attached to the instance now.
 */
export function instanceMeterEntry(world: InstanceWorld, name: string, meter: InstanceMeter, window: Window): { meter_id: string; data: MonitorData; vxnet_id?: string; sequence?: number } {
  const i = world.instance
  switch (meter.kind) {
    case 'cpu':
      return {
        meter_id: name,
        data: compress(
          sample(window, world.life, (t) => cpuValue(i, t)),
          window.seconds,
        ),
      }
    case 'memory':
      return {
        meter_id: name,
        data: compress(
          sample(window, world.life, (t) => memoryValue(i, t)),
          window.seconds,
        ),
      }
    case 'disk': {
      if (meter.disk === 'os') return { meter_id: name, data: diskData(osDisk(i), meter.meter, world.life, window) }
      const volume = world.volumes.find((v) => v.volume_id === meter.disk)
      if (!volume) throw new ApiError('InvalidRequestFormat', `meter [${name}] names volume [${meter.disk}], which is not attached to instance [${i.instance_id}]`)
      return { meter_id: name, data: diskData(diskOfVolume(volume), meter.meter, attachedSpans(volume, world.life), window) }
    }
    case 'nic': {
      const nic = world.nics.find((n) => n.nic_id === meter.mac)
      if (!nic) throw new ApiError('InvalidRequestFormat', `meter [${name}] names NIC [${meter.mac}], which is not attached to instance [${i.instance_id}]`)
      const points = sample(window, since(world.life, nic.status_time), (t, c) => nicValue(world, nic, t, window.seconds, c))
      return { meter_id: name, vxnet_id: nic.vxnet_id, sequence: nic.sequence, data: compress(points, window.seconds) }
    }
  }
}
