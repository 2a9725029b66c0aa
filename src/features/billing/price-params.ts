// What the administrator's price actions share: the price item as the wire shows it (yuan and the
// unit it is priced per), the `prices.N.*` parameters and the checks on them.
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { formatYuan, parseYuan } from '../../lib/money.ts'
import { OneOf, Str } from '../../protocol/params.ts'
import type { PriceTable, Queryable } from '../../store/database.ts'
import { BILLABLE_TYPES, pricedKind } from './price.ts'
import { listPrices } from './price-repo.ts'

/** One of BILLABLE_TYPES: the leased kinds' types. */
export const resourceTypeParam = () => Type.Unsafe<string>(OneOf(BILLABLE_TYPES))

/** `prices.N.resource_type` + `prices.N.item`: one item of a zone's list. */
export const priceKeyParam = { resource_type: resourceTypeParam(), item: Str({ maxLength: 64 }) }

/** What one hour of `item` is (its kind's pricing says): per vCPU, per GB, per Mbps, or a whole instance of a priced type. */
export function unitOf(resource_type: string, item: string): string {
  // rows are only written for leased kinds (SetPrices checks, defaults come from the kinds); a row
  // of a family no longer priced is shown per GB-hour, as before the units moved to the kinds
  return pricedKind(resource_type)?.lifecycle.leased.pricing.unit(item) ?? 'GB-hour'
}

/** A price row as DescribePrices answers it; `price` is yuan per hour of `unit`. */
export function priceView(row: PriceTable) {
  return {
    zone_id: row.zone_id,
    resource_type: row.resource_type,
    item: row.item,
    price: formatYuan(Number(row.price)),
    unit: unitOf(row.resource_type, row.item),
    update_time: row.update_time,
  }
}

/** The price list (optionally of some zones and types) in the reply shape of DescribePrices. */
export async function priceSet(db: Queryable, filter: { zones?: string[]; resource_types?: string[] }) {
  const rows = await listPrices(db, filter)
  return { price_set: rows.map(priceView), total_count: rows.length }
}

/** `prices.N.price`: yuan per hour, at least 0 (a free item is a price of 0, not a missing one). */
export function priceAmount(text: string, index: number): number {
  const minor = parseYuan(text)
  if (minor === undefined || minor < 0) {
    throw new ApiError('InvalidRequestFormat', `invalid parameter value prices.${index + 1}.price [${text}], expected yuan per hour of at least 0 with up to 4 decimals, such as 0.05`)
  }
  return minor
}

/** The items a zone can be priced by, for `resource_type` (its kind's pricing says); an instance type must exist in the zone. */
export async function requirePriceableItem(db: Queryable, zone: string, resource_type: string, item: string, index: number): Promise<void> {
  const pricing = pricedKind(resource_type)?.lifecycle.leased.pricing
  // the parameter schema admits only leased kinds' types; anything else is refused as validation words it
  if (!pricing) throw new ApiError('InvalidRequestFormat', `unsupported parameter prices.${index + 1}.resource_type value ${resource_type}`)
  if (!(await pricing.accepts(db, zone, item))) {
    throw new ApiError('InvalidRequestFormat', `unsupported parameter prices.${index + 1}.item value ${item} for resource_type ${resource_type}, expected ${pricing.expected(zone)}`)
  }
}

/** Rejects a list that names one item twice (which of the two would win is not obvious). */
export function requireDistinctItems(prices: ReadonlyArray<{ resource_type: string; item: string }>): void {
  if (prices.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter prices')
  const seen = new Set<string>()
  prices.forEach((p, i) => {
    const key = `${p.resource_type} ${p.item}`
    if (seen.has(key)) throw new ApiError('InvalidRequestFormat', `parameter prices.${i + 1} names ${p.resource_type} [${p.item}] a second time`)
    seen.add(key)
  })
}
