// What GetLoadBalancerMonitor's series are made of: the monitoring source's slots and seeded signal
// (features/monitoring) shaped by what the load balancer really has at each slot.
//
//  - Life: the load balancer runs during its leases (stopping ends one, starting opens another),
//    from create_time, until status_time once it is no longer active (stopped, suspended, deleted).
//    A listener's series starts at its create_time, a backend's at its own, an EIP's at its binding.
//  - traffic (per bound EIP, bytes/s [in, out]): none without a listener; otherwise a share of the
//    EIP's bandwidth that grows with the listeners and the backends that are up (100 Mbps for a
//    load balancer without EIPs), shaped by a daily cycle.
//  - request of a listener: requests per step grow with its backends that are up; with none up,
//    an http listener answers every request itself with a 5xx and a tcp/udp one accepts nothing.
//  - request of a backend: its weight's share of its listener's answered requests while up; zeros
//    while it is disabled or its instance is not running (an instance counts as up since the
//    status_time of its current `running`). Address and router backends count as up.
import type { LoadBalancerBackendTable, LoadBalancerListenerTable, LoadBalancerTable, Queryable } from '../../store/database.ts'
import { leasesOfResource } from '../billing/charge-query.ts'
import { eipBandwidths } from '../eips/eip-repo.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { compress, epochSeconds, lifeSpans, type Point, sample, type Span, since, type Window, type MonitorData } from '../monitoring/series.ts'
import { between, daily, noise, seedOf } from '../monitoring/signal.ts'
import { backendsOf } from './backend-repo.ts'
import { eipBindingsOf } from './lb-repo.ts'
import { listenersOf } from './listener-repo.ts'

/** Maximum concurrent connections by loadbalancer_type 0–5 (the `limit` field of request values). */
export const CONNECTION_LIMITS = [5000, 20000, 40000, 100000, 200000, 500000] as const
/** A load balancer without EIPs (in a private vxnet) is drawn as if it had 100 Mbps. */
const PRIVATE_BANDWIDTH_MBPS = 100
const BYTES_PER_MBIT = 125_000

/** Everything a load balancer's series depend on, read once per request. */
export interface LoadBalancerWorld {
  lb: LoadBalancerTable
  life: Span[]
  listeners: LoadBalancerListenerTable[]
  backends: Map<string, LoadBalancerBackendTable[]>
  /** instance id → when it last became `running` (epoch seconds); absent when it is not running. */
  runningSince: Map<string, number>
  eips: Array<{ eip_id: string; bind_time: string; bandwidth: number }>
}

export async function loadWorld(db: Queryable, lb: LoadBalancerTable): Promise<LoadBalancerWorld> {
  const leases = await leasesOfResource(db, lb.zone_id, lb.loadbalancer_id, lb.owner)
  const life = lifeSpans({ created: lb.create_time, ...(lb.status !== 'active' && { ended: lb.status_time }), leases })
  const listeners = (await listenersOf(db, [lb.loadbalancer_id])).get(lb.loadbalancer_id) ?? []
  const backends = await backendsOf(
    db,
    listeners.map((l) => l.loadbalancer_listener_id),
  )
  const instanceIds = [...new Set([...backends.values()].flat().map((b) => b.resource_id))].filter((id) => id.startsWith('i-'))
  const runningSince = new Map((await findInstancesById(db, instanceIds)).filter((i) => i.status === 'running').map((i) => [i.instance_id, epochSeconds(i.status_time)]))
  const bindings = (await eipBindingsOf(db, [lb.loadbalancer_id])).get(lb.loadbalancer_id) ?? []
  const bandwidths = await eipBandwidths(
    db,
    bindings.map((b) => b.eip_id),
  )
  const eips = bindings.map((b) => ({ eip_id: b.eip_id, bind_time: b.bind_time, bandwidth: bandwidths.get(b.eip_id) ?? 1 }))
  return { lb, life, listeners, backends, runningSince, eips }
}

const existsAt = (row: { create_time: string }, t: number) => epochSeconds(row.create_time) <= t

function isUp(world: LoadBalancerWorld, b: LoadBalancerBackendTable, t: number): boolean {
  if (b.disabled !== 0 || !existsAt(b, t)) return false
  if (!b.resource_id.startsWith('i-')) return true
  const since = world.runningSince.get(b.resource_id)
  return since !== undefined && since <= t
}

const upBackends = (world: LoadBalancerWorld, listenerId: string, t: number) => (world.backends.get(listenerId) ?? []).filter((b) => isUp(world, b, t))

export const isHttp = (l: Pick<LoadBalancerListenerTable, 'listener_protocol'>) => l.listener_protocol === 'http' || l.listener_protocol === 'https'

// ── traffic ─────────────────────────────────────────────────────────────────────────────────────

/** One series per bound EIP (in binding order), or one with eip_id '' for a load balancer without EIPs. */
export function trafficDataSet(world: LoadBalancerWorld, window: Window): Array<{ eip_id: string; data: MonitorData }> {
  return trafficPoints(world, window).map(({ eip_id, points }) => ({ eip_id, data: compress(points, window.seconds) }))
}

/** trafficDataSet's points before compression (GetMonitor answers a bound EIP's traffic from them). */
export function trafficPoints(world: LoadBalancerWorld, window: Window): Array<{ eip_id: string; points: Point[] }> {
  const addresses = world.eips.length > 0 ? world.eips : [{ eip_id: '', bind_time: world.lb.create_time, bandwidth: PRIVATE_BANDWIDTH_MBPS }]
  return addresses.map((eip) => {
    const seed = seedOf(world.lb.loadbalancer_id, 'traffic', eip.eip_id)
    const cap = eip.bandwidth * BYTES_PER_MBIT
    const points = sample(window, since(world.life, eip.bind_time), (t, c) => {
      const listeners = world.listeners.filter((l) => existsAt(l, t))
      if (listeners.length === 0) return [0, 0]
      const up = listeners.reduce((n, l) => n + upBackends(world, l.loadbalancer_listener_id, t).length, 0)
      const use = Math.min(0.8, 0.02 + 0.01 * listeners.length + 0.03 * up) * daily(seed, t) * between(seed, t, 1, 0.7, 1.3)
      const out = Math.round(cap * use * c)
      return [Math.round(out * between(seed, t, 2, 0.15, 0.35)), out]
    })
    return { eip_id: eip.eip_id, points }
  })
}

// ── request ─────────────────────────────────────────────────────────────────────────────────────

/** A listener's step at t, before it is written out (backends share `answered` by weight). */
interface ListenerStep {
  requests: number
  lb4xx: number
  lb5xx: number
  /** backend 1xx–5xx */
  answered: [number, number, number, number, number]
  latency: { max: number; min: number; avg: number }
  concurrency: { max: number; avg: number }
  up: LoadBalancerBackendTable[]
}

function listenerStep(world: LoadBalancerWorld, l: LoadBalancerListenerTable, t: number, seconds: number, c: number): ListenerStep {
  const seed = seedOf(l.loadbalancer_listener_id, 'request')
  const up = upBackends(world, l.loadbalancer_listener_id, t)
  const limit = CONNECTION_LIMITS[world.lb.loadbalancer_type] ?? CONNECTION_LIMITS[0]
  const perSecond = (0.5 + 1.5 * up.length) * daily(seed, t) * between(seed, t, 1, 0.75, 1.25)
  const requests = Math.round(perSecond * seconds * c)
  const none = { requests, lb4xx: 0, lb5xx: 0, answered: [0, 0, 0, 0, 0] as ListenerStep['answered'], latency: { max: 0, min: 0, avg: 0 }, concurrency: { max: 0, avg: 0 }, up }
  // nobody to pass them to: an http listener answers 503 itself, a tcp/udp one accepts nothing
  if (up.length === 0 || requests === 0) return isHttp(l) ? { ...none, lb5xx: requests } : { ...none, requests: 0 }
  const lb4xx = Math.floor(requests * between(seed, t, 2, 0, 0.008))
  const lb5xx = Math.floor(requests * between(seed, t, 3, 0, 0.002))
  const served = requests - lb4xx - lb5xx
  const ok2 = Math.floor(served * between(seed, t, 4, 0.88, 0.93))
  const redirect3 = Math.floor(served * between(seed, t, 5, 0.02, 0.04))
  const client4 = Math.floor(served * between(seed, t, 6, 0.01, 0.02))
  const avg = Math.round(between(seed, t, 7, 15, 75))
  const avgConcurrency = Math.min(limit, Math.max(1, Math.round((perSecond * avg) / 1000)))
  return {
    requests,
    lb4xx,
    lb5xx,
    answered: [0, ok2, redirect3, client4, served - ok2 - redirect3 - client4],
    latency: { max: Math.round(avg * between(seed, t, 8, 3, 10)), min: Math.max(1, Math.round(avg * between(seed, t, 9, 0.05, 0.2))), avg },
    concurrency: { max: Math.min(limit, avgConcurrency + Math.ceil(avgConcurrency * noise(seed, t, 10)) + 1), avg: avgConcurrency },
    up,
  }
}

/**
 * A listener's `request`: http/https 14 fields (requests | LB 4xx | LB 5xx | backend 1xx–5xx |
 * latency max | min | avg (ms) | concurrency max | avg | limit); tcp/udp/ssl 4 fields (new
 * connections | concurrency max | avg | limit). Counts are totals over each step.
 */
export function listenerRequestData(world: LoadBalancerWorld, l: LoadBalancerListenerTable, window: Window): MonitorData {
  const limit = CONNECTION_LIMITS[world.lb.loadbalancer_type] ?? CONNECTION_LIMITS[0]
  const points = sample(window, since(world.life, l.create_time), (t, c) => {
    const s = listenerStep(world, l, t, window.seconds, c)
    const tail = [s.concurrency.max, s.concurrency.avg, limit]
    return (isHttp(l) ? [s.requests, s.lb4xx, s.lb5xx, ...s.answered, s.latency.max, s.latency.min, s.latency.avg, ...tail] : [s.requests, ...tail]).join('|')
  })
  return compress(points, window.seconds)
}

/**
 * A backend's `request`: behind http/https 8 fields (1xx–5xx | latency max | min | avg); behind
 * tcp/udp/ssl its one field, new connections, as a plain integer (the docs' tcp example shows integers).
 */
export function backendRequestData(world: LoadBalancerWorld, b: LoadBalancerBackendTable, window: Window): MonitorData {
  const l = world.listeners.find((x) => x.loadbalancer_listener_id === b.loadbalancer_listener_id)
  if (!l) return []
  const seed = seedOf(b.loadbalancer_backend_id, 'request')
  const points = sample(window, since(world.life, b.create_time), (t, c) => {
    const s = listenerStep(world, l, t, window.seconds, c)
    const mine = s.up.some((x) => x.loadbalancer_backend_id === b.loadbalancer_backend_id)
    const weights = s.up.reduce((n, x) => n + Math.max(1, x.weight), 0)
    const share = mine ? Math.max(1, b.weight) / weights : 0
    if (!isHttp(l)) return Math.floor(s.requests * share)
    if (share === 0) return '0|0|0|0|0|0|0|0'
    const slower = between(seed, t, 1, 0.9, 1.1)
    const latency = s.latency.avg === 0 ? [0, 0, 0] : [Math.round(s.latency.max * slower), Math.max(1, Math.round(s.latency.min * slower)), Math.round(s.latency.avg * slower)]
    return [...s.answered.map((n) => Math.floor(n * share)), ...latency].join('|')
  })
  return compress(points, window.seconds)
}
