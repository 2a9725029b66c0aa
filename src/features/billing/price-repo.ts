// The price lists. Bootstrap gives each zone the default list once; after that only the
// administrator changes it (a price deleted stays deleted across restarts).
import { formatTime } from '../../lib/clock.ts'
import type { Queryable } from '../../store/database.ts'
import { addSetting, readSetting } from '../../store/settings.ts'
import type { LeasedKind } from '../resources/resource-kind.ts'
import { DEFAULT_PRICES, hourlyPrice, type PriceItem } from './price.ts'

const seededMarker = (zone: string) => `prices_seeded:${zone}`

/** Writes the default price list for every zone that never had one. */
export async function seedDefaultPrices(db: Queryable, zones: readonly string[], now: Date): Promise<void> {
  for (const zone_id of zones) {
    if ((await readSetting(db, seededMarker(zone_id))) !== undefined) continue
    await db
      .insertInto('prices')
      .values(DEFAULT_PRICES.map((p) => ({ zone_id, ...p, update_time: formatTime(now) })))
      .onConflict((oc) => oc.columns(['zone_id', 'resource_type', 'item']).doNothing())
      .execute()
    await addSetting(db, seededMarker(zone_id), formatTime(now))
  }
}

export async function pricesOf(db: Queryable, zone: string, type: string): Promise<PriceItem[]> {
  return db.selectFrom('prices').select(['resource_type', 'item', 'price']).where('zone_id', '=', zone).where('resource_type', '=', type).execute()
}

export async function listPrices(db: Queryable, filter: { zones?: string[]; resource_types?: string[] }) {
  let q = db.selectFrom('prices').selectAll()
  if (filter.zones?.length) q = q.where('zone_id', 'in', filter.zones)
  if (filter.resource_types?.length) q = q.where('resource_type', 'in', filter.resource_types)
  return q.orderBy('zone_id').orderBy('resource_type').orderBy('item').execute()
}

export async function setPrice(db: Queryable, zone_id: string, item: PriceItem, now: Date): Promise<void> {
  const update_time = formatTime(now)
  await db
    .insertInto('prices')
    .values({ zone_id, ...item, update_time })
    .onConflict((oc) => oc.columns(['zone_id', 'resource_type', 'item']).doUpdateSet({ price: item.price, update_time }))
    .execute()
}

/** Returns how many prices were deleted. */
export async function deletePrice(db: Queryable, zone_id: string, resource_type: string, item: string): Promise<number> {
  const result = await db.deleteFrom('prices').where('zone_id', '=', zone_id).where('resource_type', '=', resource_type).where('item', '=', item).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** What a resource of `kind` with `spec` costs an hour in `zone` at today's prices; 2200 when the zone has no price for it. */
export async function hourlyPriceIn<Spec>(db: Queryable, zone: string, kind: LeasedKind<Spec>, spec: NoInfer<Spec>): Promise<number> {
  return hourlyPrice(zone, await pricesOf(db, zone, kind.type), kind, spec)
}
