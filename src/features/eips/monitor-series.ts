// What GetMonitor's EIP meters are made of (monitoring.md §1.1): the monitoring source's slots and
// seeded signal shaped by the EIP's bandwidth.
//
//  - Life: an EIP carries traffic only while associated: from its association (the status_time of
//    an `associated` EIP) on, inside its leases, and, bound to an instance, only while that
//    instance runs. Earlier associations are not kept, so an EIP that is not associated now has no
//    points. An EIP bound to a load balancer answers the load balancer's own series for it (the
//    caller passes those points), so both actions agree.
//  - traffic: [in, out] bytes/s, out a share of the bandwidth (bandwidth Mbps × 125 000 bytes/s at
//    most) shaped by a daily cycle, in 15–50% of out; a step the EIP spent partly unbound carries
//    that part of its traffic. The same value feeds the primary NIC of the instance holding it.
//  - flow: [in, out] bytes over each step, the traffic times the step's seconds.
import type { EipTable, Queryable } from '../../store/database.ts'
import { leasesOfResource } from '../billing/charge-query.ts'
import { compress, intersect, lifeSpans, type Point, type Span, since, type Window, type MonitorData } from '../monitoring/series.ts'
import { between, daily, seedOf } from '../monitoring/signal.ts'

export const BYTES_PER_MBIT = 125_000

/** The spans an associated EIP carries traffic: its leased life from its association on, within its holder's running spans when given. */
export async function associatedSpans(db: Queryable, eip: EipTable, holderLife?: readonly Span[]): Promise<Span[]> {
  if (eip.status !== 'associated') return []
  const leases = await leasesOfResource(db, eip.zone_id, eip.eip_id, eip.owner)
  const bound = since(lifeSpans({ created: eip.create_time, leases }), eip.status_time)
  return holderLife ? intersect(bound, holderLife) : bound
}

/** The EIP's traffic in the step ending at t, [in, out] bytes/s (c: the part of the step it was bound). */
export function eipTraffic(eip: Pick<EipTable, 'eip_id' | 'bandwidth'>, t: number, c: number): [number, number] {
  const seed = seedOf(eip.eip_id, 'traffic')
  const cap = Math.max(1, eip.bandwidth) * BYTES_PER_MBIT
  const use = Math.min(0.9, between(seed, 0, 1, 0.03, 0.4) * daily(seed, t) * between(seed, t, 2, 0.6, 1.4))
  const out = Math.round(cap * use * c)
  return [Math.round(out * between(seed, t, 3, 0.15, 0.5)), out]
}

/** traffic as it is, or flow: bytes over each step. */
export function eipMeterData(meter: 'traffic' | 'flow', points: readonly Point[], window: Window): MonitorData {
  if (meter === 'traffic') return compress(points, window.seconds)
  const flow = points.map((p) => (Array.isArray(p.v) ? { t: p.t, v: [p.v[0] * window.seconds, p.v[1] * window.seconds] as const } : p))
  return compress(flow, window.seconds)
}
