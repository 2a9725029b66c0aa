// Hypervisor hosts and placement: every instance holds CPU and memory on one host of its zone from
// creation until it is terminated. Hosts are seeded from configuration (hostsPerZone, hostCpu,
// hostMemory) once per zone; after that the administrator adds, drains and removes them
// (actions/). Only `active` hosts take new instances; a `draining` one keeps what it carries.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { HostTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import type { LockSet } from '../../protocol/locks.ts'
import { addSettingsIfAbsent, readSettings } from '../../store/settings.ts'
import { instancesOnHosts } from '../instances/instance-repo.ts'

export interface HostSpec {
  hostsPerZone: number
  hostCpu: number
  /** MB */
  hostMemory: number
}

/** `pek3a` host 1 → `hyper-pek3a-01`. */
export const hostId = (zone: string, n: number) => `hyper-${zone}-${String(n).padStart(2, '0')}`

const seededMarker = (zone: string) => `hosts_seeded:${zone}`

/**
 * Gives each zone that was never seeded the configured hosts. Once per zone (a marker in
 * the settings, store/settings.ts), so a host the administrator removed is not back after a restart.
 */
export async function seedHosts(db: Queryable, allZones: readonly string[], spec: HostSpec, now: Date): Promise<void> {
  const markers = await readSettings(db, allZones.map(seededMarker))
  const zones = allZones.filter((zone) => !markers.has(seededMarker(zone)))
  if (zones.length === 0) return
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
  if (rows.length > 0)
    await db
      .insertInto('hosts')
      .values(rows)
      .onConflict((oc) => oc.column('host_id').doNothing())
      .execute()
  await addSettingsIfAbsent(
    db,
    zones.map((zone) => ({ name: seededMarker(zone), value: formatTime(now) })),
  )
}

export interface Demand {
  cpu: number
  memory: number
}

/**
 * What changing host capacity needs: the transaction and its lock-set. Every function below asks
 * the lock-set for the zone's hosts lock first (a no-op when the action or job declared it, a
 * LockOrderError when it did not), so no capacity moves without the lock the global order puts it under.
 */
export interface HostsTx {
  db: Tx
  caps: Capabilities
  locks: LockSet
}

/**
 * Picks a host for each demand (in order) and reserves its capacity, or throws
 * InsufficientResources without reserving anything. The zone's host rows are locked for the rest
 * of the transaction, so concurrent placements on PostgreSQL cannot oversubscribe a host.
 * Placement spreads: each instance goes to the host with the most free memory that fits it.
 */
export async function placeOnHosts(hctx: HostsTx, zone: string, demands: readonly Demand[]): Promise<string[]> {
  await hctx.locks.take('hosts', zone)
  const { db, caps } = hctx
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

/** Locks every host row of the zone, in host_id order (as placement does): the hosts locker of the lock-set (src/lockers.ts). */
export async function lockZoneHosts(db: Tx, caps: Capabilities, zone: string): Promise<void> {
  await caps.forUpdate(db.selectFrom('hosts').select('host_id').where('zone_id', '=', zone).orderBy('host_id')).execute()
}

/** Gives an instance's capacity back to its host in `zone`. */
export async function releaseFromHost(hctx: HostsTx, zone: string, hostIdValue: string, demand: Demand): Promise<void> {
  if (!hostIdValue) return
  await hctx.locks.take('hosts', zone)
  await hctx.db
    .updateTable('hosts')
    .set((eb) => ({ cpu_used: eb('cpu_used', '-', demand.cpu), memory_used: eb('memory_used', '-', demand.memory) }))
    .where('host_id', '=', hostIdValue)
    .execute()
}

/**
 * Gives several instances' capacity back. Hosts are updated in host_id order, the order
 * placeOnHosts locks them in, so concurrent placements and releases on PostgreSQL cannot deadlock.
 */
export async function releaseAll(hctx: HostsTx, holders: ReadonlyArray<{ zone_id: string; host_machine: string; vcpus_current: number; memory_current: number }>): Promise<void> {
  const perHost = new Map<string, Demand & { zone: string }>()
  for (const h of holders) {
    if (!h.host_machine) continue
    const sum = perHost.get(h.host_machine) ?? { zone: h.zone_id, cpu: 0, memory: 0 }
    perHost.set(h.host_machine, { zone: h.zone_id, cpu: sum.cpu + h.vcpus_current, memory: sum.memory + h.memory_current })
  }
  // every zone's lock before any change, zones in key order as the lock-set wants them
  for (const zone of [...new Set([...perHost.values()].map((d) => d.zone))].sort()) await hctx.locks.take('hosts', zone)
  for (const host of [...perHost.keys()].sort()) {
    const { zone, ...demand } = perHost.get(host)!
    await releaseFromHost(hctx, zone, host, demand)
  }
}

/**
 * Changes an instance's reservation from `from` to `to`: on its own host when it has room,
 * otherwise on another host of the zone (the instance is stopped, so it can move). Returns the host.
 * The zone's hosts are locked first, in placeOnHosts' order, before anything changes.
 */
export async function resizeOnHosts(hctx: HostsTx, zone: string, current: string, from: Demand, to: Demand): Promise<string> {
  await hctx.locks.take('hosts', zone)
  const { db, caps } = hctx
  const hosts = await caps.forUpdate(db.selectFrom('hosts').selectAll().where('zone_id', '=', zone).orderBy('host_id')).execute()
  const own = hosts.find((h) => h.host_id === current)
  if (own) {
    own.cpu_used -= from.cpu
    own.memory_used -= from.memory
    await db.updateTable('hosts').set({ cpu_used: own.cpu_used, memory_used: own.memory_used }).where('host_id', '=', current).execute()
  }
  if (own && own.status === 'active' && own.cpu_total - own.cpu_used >= to.cpu && own.memory_total - own.memory_used >= to.memory) {
    await db
      .updateTable('hosts')
      .set({ cpu_used: own.cpu_used + to.cpu, memory_used: own.memory_used + to.memory })
      .where('host_id', '=', current)
      .execute()
    return current
  }
  // placeOnHosts re-reads the (already locked) rows, so it sees the release above
  const [moved] = await placeOnHosts(hctx, zone, [to])
  return moved!
}

/** Adds a demand to one host of `zone` without a capacity check: undoing a release that must not fail. */
export async function reserveOnHost(hctx: HostsTx, zone: string, hostIdValue: string, demand: Demand): Promise<void> {
  if (!hostIdValue) return
  await hctx.locks.take('hosts', zone)
  await hctx.db
    .updateTable('hosts')
    .set((eb) => ({ cpu_used: eb('cpu_used', '+', demand.cpu), memory_used: eb('memory_used', '+', demand.memory) }))
    .where('host_id', '=', hostIdValue)
    .execute()
}

// ── administration (actions/) ────────────────────────────────────────────────────────────────

export const HOST_STATUSES = ['active', 'draining'] as const
export type HostStatus = (typeof HOST_STATUSES)[number]

/** The next `count` ids of a zone, numbered after its highest host (`hyper-pek3a-05` → 06, 07, …). */
export async function nextHostIds(db: Queryable, zone: string, count: number): Promise<string[]> {
  const prefix = `hyper-${zone}-`
  const rows = await db.selectFrom('hosts').select('host_id').where('zone_id', '=', zone).execute()
  const highest = Math.max(0, ...rows.map((r) => (r.host_id.startsWith(prefix) && /^\d+$/.test(r.host_id.slice(prefix.length)) ? Number(r.host_id.slice(prefix.length)) : 0)))
  return Array.from({ length: count }, (_, i) => hostId(zone, highest + i + 1))
}

/**
 * The named hosts, locked for the rest of the transaction (in host_id order, as placement locks
 * them), or 2100 naming the first unknown id. Duplicates count once.
 */
export async function lockHosts(db: Tx, caps: Capabilities, ids: readonly string[]) {
  const wanted = [...new Set(ids)].sort()
  const rows = wanted.length ? await caps.forUpdate(db.selectFrom('hosts').selectAll().where('host_id', 'in', wanted).orderBy('host_id')).execute() : []
  const missing = wanted.find((id) => !rows.some((r) => r.host_id === id))
  if (missing) throw new ApiError('ResourceNotFound', `host [${missing}] not found`)
  return rows
}

/** Hosts on the platform, every zone and status (licensing counts them). */
export async function countHosts(db: Queryable): Promise<number> {
  const { n } = await db
    .selectFrom('hosts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}

export interface HostFilter {
  zone?: string
  hosts?: readonly string[]
  status?: readonly string[]
}

export async function listHosts(db: Queryable, filter: HostFilter, window: { offset: number; limit: number }) {
  let q = db.selectFrom('hosts')
  if (filter.zone) q = q.where('zone_id', '=', filter.zone)
  if (filter.hosts?.length) q = q.where('host_id', 'in', [...filter.hosts])
  if (filter.status?.length) q = q.where('status', 'in', [...filter.status])
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const rows = await q.selectAll().orderBy('zone_id').orderBy('host_id').offset(window.offset).limit(window.limit).execute()
  return { total, rows }
}

/** Hosts on the wire, with how many instances each carries. */
export async function hostViews(db: Queryable, rows: ReadonlyArray<HostTable>) {
  const carried = await instancesOnHosts(
    db,
    rows.map((r) => r.host_id),
  )
  return rows.map((row) => ({
    host_id: row.host_id,
    zone_id: row.zone_id,
    status: row.status,
    cpu_total: row.cpu_total,
    cpu_used: row.cpu_used,
    memory_total: row.memory_total,
    memory_used: row.memory_used,
    instance_count: carried.get(row.host_id)?.length ?? 0,
    create_time: row.create_time,
  }))
}
