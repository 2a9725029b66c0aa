// Zones the platform offers. Configuration names them; the store remembers their status.
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { formatTime } from '../../lib/clock.ts'
import type { MaybePromise } from '../../lib/maybe-promise.ts'
import { type CacheEpoch, EpochCache } from '../../store/cache-epoch.ts'

/** `pek3a` → `pek3`: the region a zone belongs to. */
export const regionOf = (zoneId: string): string => zoneId.replace(/[a-z]$/, '')

/** Adds configured zones the store does not know yet; existing ones keep their status. */
export async function ensureZones(db: Queryable, zoneIds: readonly string[], now: Date): Promise<void> {
  if (zoneIds.length === 0) return
  await db
    .insertInto('zones')
    .values(zoneIds.map((zone_id) => ({ zone_id, status: 'active', region_id: regionOf(zone_id), create_time: formatTime(now) })))
    .onConflict((oc) => oc.column('zone_id').doNothing())
    .execute()
}

export async function findZone(db: Queryable, zoneId: string) {
  return db.selectFrom('zones').selectAll().where('zone_id', '=', zoneId).executeTakeFirst()
}

export async function listZones(db: Queryable, filter: { zones?: string[]; status?: string[] }) {
  let q = db.selectFrom('zones').select(['zone_id', 'status', 'region_id'])
  if (filter.zones?.length) q = q.where('zone_id', 'in', filter.zones)
  if (filter.status?.length) q = q.where('status', 'in', filter.status)
  return q.orderBy('zone_id').execute()
}

/** Every zone id the store knows, whatever its status. */
export async function zoneIds(db: Queryable): Promise<string[]> {
  return (await db.selectFrom('zones').select('zone_id').execute()).map((z) => z.zone_id)
}

/** Holds the zone's row until the transaction ends (PostgreSQL; SQLite has one writer anyway): a per-zone lock. */
export async function lockZone(db: Tx, caps: Capabilities, zoneId: string): Promise<void> {
  await caps.forUpdate(db.selectFrom('zones').select('zone_id').where('zone_id', '=', zoneId)).execute()
}

export interface ZoneRow {
  zone_id: string
  status: string
  region_id: string
}

/** One zone list per store's cache epoch (zones change with the epoch: migration 0022's triggers). */
const zoneLists = new WeakMap<CacheEpoch, EpochCache<'all', readonly ZoneRow[]>>()

/** Every zone, ordered by id, from memory while the cache epoch stays (store/cache-epoch.ts); `db` outside a transaction. */
export function cachedZones(db: Queryable, epoch: CacheEpoch): MaybePromise<readonly ZoneRow[]> {
  let cache = zoneLists.get(epoch)
  if (!cache) {
    cache = new EpochCache(epoch, 1)
    zoneLists.set(epoch, cache)
  }
  return cache.get('all', async () => Object.freeze(await listZones(db, {})))
}
