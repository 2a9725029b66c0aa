// GetMonitor: the monitoring series of one of the caller's instances, volumes or EIPs (monitoring.md
// §1.1), from the monitoring source (series.ts, signal.ts: nothing stored; a point is a pure
// function of the resource, the meter, the slot time and the resource's real life); each feature
// shapes its own meters (instances/, volumes/, eips/ monitor-series.ts). GetMonitors: the same for
// up to 100 resources in one call (§1.2).
//
// Rules: `resource` must be an i-, vol- or eip- id (1100 otherwise: routers are not monitored), the
// caller's in this zone (unknown 2100, another user's 1400); meters are listed once each and must be
// the resource's (1100 naming the meter): an instance's cpu, memory, disk-os, disk-iops-os,
// disk-us-os, disk-/disk-iops-/disk-us-<volume id> of a volume attached to it now, if-<mac> of a NIC
// attached to it now; a volume's disk-, disk-iops-, disk-us-<its own id>; an EIP's traffic and flow.
// step 5m/15m/2h/1d, start_time and end_time are checked by monitorWindow (1100), as for
// GetLoadBalancerMonitor.
// Reply: `resource_id` and `meter_set[] = {meter_id (as asked), data}`, NIC meters with vxnet_id
// and sequence; a meter without points has `data: []`. Terminated, deleted and released resources
// still answer for the time they ran. An EIP bound to a load balancer answers the load balancer's
// traffic series for that EIP (GetLoadBalancerMonitor's), one bound to a router its own series.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import type { Caller } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import type { Queryable } from '../../../store/database.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { eipHolders, findEips } from '../../eips/eip-repo.ts'
import { associatedSpans, eipMeterData, eipTraffic } from '../../eips/monitor-series.ts'
import { findInstancesById } from '../../instances/instance-repo.ts'
import { INSTANCE_METERS, type InstanceMeter, instanceMeterEntry, loadInstanceWorld, parseInstanceMeter, runningLife } from '../../instances/monitor-series.ts'
import { findLoadBalancers } from '../../loadbalancers/lb-repo.ts'
import { loadWorld, trafficPoints } from '../../loadbalancers/monitor-series.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { attachedSpans, type DiskMeter, diskData, diskOfVolume } from '../../volumes/monitor-series.ts'
import { findVolumesById } from '../../volumes/volume-repo.ts'
import { monitorWindow, sample, type Window, type MonitorData } from '../series.ts'

type Ctx = { db: Queryable; zone: string; caller: Caller }
export interface MeterEntry {
  meter_id: string
  data: MonitorData
  vxnet_id?: string
  sequence?: number
}

const VOLUME_METER = /^disk-(iops-|us-)?(vol-[a-z0-9]+)$/

/** What a request asks of one resource, its meters read by name (1100 for a resource or meter of no kind). */
type Asked = { kind: 'instance'; meters: Array<[string, InstanceMeter]> } | { kind: 'volume'; meters: Array<[string, DiskMeter]> } | { kind: 'eip'; meters: Array<[string, 'traffic' | 'flow']> }

function readRequest(resource: string, meters: readonly string[], parameter: string): Asked {
  requireDistinct(parameter, meters)
  if (meters.length === 0) throw new ApiError('InvalidRequestFormat', `parameter ${parameter} should name at least one meter`)
  const refuse = (meter: string, label: string, allowed: string) => new ApiError('InvalidRequestFormat', `meter [${meter}] is not a meter of ${label} [${resource}]: use ${allowed}`)
  if (resource.startsWith('i-')) {
    return {
      kind: 'instance',
      meters: meters.map((m) => {
        const parsed = parseInstanceMeter(m)
        if (!parsed) throw refuse(m, 'instance', INSTANCE_METERS)
        return [m, parsed]
      }),
    }
  }
  if (resource.startsWith('vol-')) {
    const allowed = ['disk-', 'disk-iops-', 'disk-us-'].map((p) => p + resource).join(', ')
    return {
      kind: 'volume',
      meters: meters.map((m) => {
        const match = VOLUME_METER.exec(m)
        if (!match || match[2] !== resource) throw refuse(m, 'volume', allowed)
        return [m, match[1] === 'iops-' ? 'iops' : match[1] === 'us-' ? 'usage' : 'throughput']
      }),
    }
  }
  if (resource.startsWith('eip-')) {
    return {
      kind: 'eip',
      meters: meters.map((m) => {
        if (m !== 'traffic' && m !== 'flow') throw refuse(m, 'EIP', 'traffic, flow')
        return [m, m]
      }),
    }
  }
  throw new ApiError('InvalidRequestFormat', `parameter resource [${resource}] should be an instance (i-…), volume (vol-…) or EIP (eip-…)`)
}

function mine<R extends { owner: string }>(ctx: Ctx, rows: R[], id: string, idOf: (r: R) => string): R {
  const [row] = requireOwned(rows, [id], idOf, ctx.caller)
  if (!row) throw new ApiError('ResourceNotFound', `resource [${id}] not found`)
  return row
}

/** The meter_set of one resource (its ownership and the meters' targets checked). */
async function meterSet(ctx: Ctx, resource: string, asked: Asked, window: Window): Promise<MeterEntry[]> {
  const inZone = <R extends { zone_id: string }>(rows: R[]) => rows.filter((r) => r.zone_id === ctx.zone)
  switch (asked.kind) {
    case 'instance': {
      const instance = mine(ctx, inZone(await findInstancesById(ctx.db, [resource])), resource, (i) => i.instance_id)
      const world = await loadInstanceWorld(ctx.db, instance)
      return asked.meters.map(([name, meter]) => instanceMeterEntry(world, name, meter, window))
    }
    case 'volume': {
      const volume = mine(ctx, inZone(await findVolumesById(ctx.db, [resource])), resource, (v) => v.volume_id)
      const [instance] = volume.status === 'in-use' ? inZone(await findInstancesById(ctx.db, [volume.instance_id])) : []
      const spans = instance ? attachedSpans(volume, await runningLife(ctx.db, instance)) : []
      return asked.meters.map(([name, meter]) => ({ meter_id: name, data: diskData(diskOfVolume(volume), meter, spans, window) }))
    }
    case 'eip': {
      const eip = mine(ctx, await findEips(ctx.db, ctx.zone, [resource]), resource, (e) => e.eip_id)
      const holder = eip.status === 'associated' ? (await eipHolders(ctx.db, [eip])).get(eip.eip_id) : undefined
      let points: ReturnType<typeof sample>
      if (holder?.resource_type === 'loadbalancer') {
        const [lb] = await findLoadBalancers(ctx.db, ctx.zone, [holder.resource_id])
        points = lb ? (trafficPoints(await loadWorld(ctx.db, lb), window).find((d) => d.eip_id === eip.eip_id)?.points ?? []) : []
      } else {
        const [instance] = holder?.resource_type === 'instance' ? inZone(await findInstancesById(ctx.db, [holder.resource_id])) : []
        const spans = await associatedSpans(ctx.db, eip, instance ? await runningLife(ctx.db, instance) : undefined)
        points = sample(window, spans, (t, c) => eipTraffic(eip, t, c))
      }
      return asked.meters.map(([name, meter]) => ({ meter_id: name, data: eipMeterData(meter, points, window) }))
    }
  }
}

export const getMonitor = defineAction({
  name: 'GetMonitor',
  params: Type.Object({
    resource: Str({ maxLength: 64 }),
    meters: List(Str({ maxLength: 128 })),
    step: Str({ maxLength: 16 }),
    start_time: Str({ maxLength: 32 }),
    end_time: Str({ maxLength: 32 }),
  }),
  async query(params, ctx) {
    const asked = readRequest(params.resource, params.meters, 'meters')
    const window = monitorWindow(params, ctx.clock.now())
    return await inSnapshot(ctx, async (ctx) => ({ resource_id: params.resource, meter_set: await meterSet(ctx, params.resource, asked, window) }))
  },
})

/** Most resources one GetMonitors call reads (the docs' limit). */
export const MAX_MONITOR_RESOURCES = 100

/** A pair's meters: the docs' JSON array in a string (["cpu","memory"]), or a list (meters.N). */
function pairMeters(value: string | string[], parameter: string): string[] {
  if (Array.isArray(value)) return value
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    parsed = undefined
  }
  if (!Array.isArray(parsed) || !parsed.every((m) => typeof m === 'string')) throw new ApiError('InvalidRequestFormat', `parameter ${parameter} should be a JSON array of meter names, such as ["cpu","memory"], got [${value}]`)
  return parsed
}

export const getMonitors = defineAction({
  name: 'GetMonitors',
  params: Type.Object({
    resource_meters_pairs: List(Type.Object({ resource: Str({ maxLength: 64 }), meters: Type.Union([Str({ maxLength: 4096 }), List(Str({ maxLength: 128 }))]) })),
    step: Str({ maxLength: 16 }),
    start_time: Str({ maxLength: 32 }),
    end_time: Str({ maxLength: 32 }),
  }),
  async query(params, ctx) {
    const pairs = params.resource_meters_pairs
    if (pairs.length === 0) throw new ApiError('InvalidRequestFormat', 'parameter resource_meters_pairs should name at least one resource')
    if (pairs.length > MAX_MONITOR_RESOURCES) throw new ApiError('InvalidRequestFormat', `parameter resource_meters_pairs lists ${pairs.length} resources, more than ${MAX_MONITOR_RESOURCES}`)
    requireDistinct(
      'resource_meters_pairs.N.resource',
      pairs.map((p) => p.resource),
    )
    const asked = pairs.map((p, i) => readRequest(p.resource, pairMeters(p.meters, `resource_meters_pairs.${i + 1}.meters`), `resource_meters_pairs.${i + 1}.meters`))
    const window = monitorWindow(params, ctx.clock.now())
    return await inSnapshot(ctx, async (ctx) => {
      const monitors = []
      for (const [i, p] of pairs.entries()) monitors.push({ resource_id: p.resource, meter_set: await meterSet(ctx, p.resource, asked[i]!, window) })
      return { monitors }
    })
  },
})
