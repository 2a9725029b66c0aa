// Hypervisor hosts and placement: every instance holds CPU and memory on one host of its zone from
// creation until it is terminated. Hosts are seeded from configuration (hostsPerZone, hostCpu,
// hostMemory); issue #6 adds their administration.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'

export interface HostSpec {
  hostsPerZone: number
  hostCpu: number
  /** MB */
  hostMemory: number
}

/** `pek3a` host 1 → `hyper-pek3a-01`. */
export const hostId = (zone: string, n: number) => `hyper-${zone}-${String(n).padStart(2, '0')}`

/** Adds the configured hosts a zone does not have yet; existing hosts keep their state. */
export async function seedHosts(db: Queryable, zones: readonly string[], spec: HostSpec, now: Date): Promise<void> {
  const rows = zones.flatMap((zone_id) =>
    Array.from({ length: spec.hostsPerZone }, (_, i) => ({
      host_id: hostId(zone_id, i + 1),
      zone_id,
      status: 'active',
      cpu_total: spec.hostCpu,
      memory_total: spec.hostMemory,
      cpu_used: 0,
      memory_used: 0,
      create_time: formatTime(now),
    })),
  )
  if (rows.length > 0) await db.insertInto('hosts').values(rows).onConflict((oc) => oc.column('host_id').doNothing()).execute()
}

export interface Demand {
  cpu: number
  memory: number
}

/**
 * Picks a host for each demand (in order) and reserves its capacity, or throws
 * InsufficientResources without reserving anything. The zone's host rows are locked for the rest
 * of the transaction, so concurrent placements on PostgreSQL cannot oversubscribe a host.
 * Placement spreads: each instance goes to the host with the most free memory that fits it.
 */
export async function placeOnHosts(db: Tx, caps: Capabilities, zone: string, demands: readonly Demand[]): Promise<string[]> {
  const hosts = await caps.forUpdate(db.selectFrom('hosts').selectAll().where('zone_id', '=', zone).where('status', '=', 'active').orderBy('host_id')).execute()
  const chosen: string[] = []
  for (const demand of demands) {
    const fits = hosts.filter((h) => h.cpu_total - h.cpu_used >= demand.cpu && h.memory_total - h.memory_used >= demand.memory)
    const host = fits.sort((a, b) => b.memory_total - b.memory_used - (a.memory_total - a.memory_used))[0]
    if (!host) {
      throw new ApiError('InsufficientResources', `no host in zone [${zone}] has ${demand.cpu} CPU and ${demand.memory} MB of memory free, try a smaller instance or later`)
    }
    host.cpu_used += demand.cpu
    host.memory_used += demand.memory
    chosen.push(host.host_id)
  }
  for (const host of new Set(chosen)) {
    const h = hosts.find((x) => x.host_id === host)!
    await db.updateTable('hosts').set({ cpu_used: h.cpu_used, memory_used: h.memory_used }).where('host_id', '=', host).execute()
  }
  return chosen
}

/** Gives an instance's capacity back to its host. */
export async function releaseFromHost(db: Queryable, hostIdValue: string, demand: Demand): Promise<void> {
  if (!hostIdValue) return
  await db
    .updateTable('hosts')
    .set((eb) => ({ cpu_used: eb('cpu_used', '-', demand.cpu), memory_used: eb('memory_used', '-', demand.memory) }))
    .where('host_id', '=', hostIdValue)
    .execute()
}

/**
 * Gives several instances' capacity back. Hosts are updated in host_id order, the order
 * placeOnHosts locks them in, so concurrent placements and releases on PostgreSQL cannot deadlock.
 */
export async function releaseAll(db: Queryable, holders: ReadonlyArray<{ host_machine: string; vcpus_current: number; memory_current: number }>): Promise<void> {
  const perHost = new Map<string, Demand>()
  for (const h of holders) {
    if (!h.host_machine) continue
    const sum = perHost.get(h.host_machine) ?? { cpu: 0, memory: 0 }
    perHost.set(h.host_machine, { cpu: sum.cpu + h.vcpus_current, memory: sum.memory + h.memory_current })
  }
  for (const host of [...perHost.keys()].sort()) await releaseFromHost(db, host, perHost.get(host)!)
}

/**
 * Changes an instance's reservation from `from` to `to`: on its own host when it has room,
 * otherwise on another host of the zone (the instance is stopped, so it can move). Returns the host.
 * The zone's hosts are locked first, in placeOnHosts' order, before anything changes.
 */
export async function resizeOnHosts(db: Tx, caps: Capabilities, zone: string, current: string, from: Demand, to: Demand): Promise<string> {
  const hosts = await caps.forUpdate(db.selectFrom('hosts').selectAll().where('zone_id', '=', zone).orderBy('host_id')).execute()
  const own = hosts.find((h) => h.host_id === current)
  if (own) {
    own.cpu_used -= from.cpu
    own.memory_used -= from.memory
    await db.updateTable('hosts').set({ cpu_used: own.cpu_used, memory_used: own.memory_used }).where('host_id', '=', current).execute()
  }
  if (own && own.status === 'active' && own.cpu_total - own.cpu_used >= to.cpu && own.memory_total - own.memory_used >= to.memory) {
    await db.updateTable('hosts').set({ cpu_used: own.cpu_used + to.cpu, memory_used: own.memory_used + to.memory }).where('host_id', '=', current).execute()
    return current
  }
  // placeOnHosts re-reads the (already locked) rows, so it sees the release above
  const [moved] = await placeOnHosts(db, caps, zone, [to])
  return moved!
}

/** Adds a demand to one host without a capacity check: undoing a release that must not fail. */
export async function reserveOnHost(db: Queryable, hostIdValue: string, demand: Demand): Promise<void> {
  if (!hostIdValue) return
  await db
    .updateTable('hosts')
    .set((eb) => ({ cpu_used: eb('cpu_used', '+', demand.cpu), memory_used: eb('memory_used', '+', demand.memory) }))
    .where('host_id', '=', hostIdValue)
    .execute()
}
