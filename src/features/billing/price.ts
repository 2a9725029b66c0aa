// What a resource costs per hour, from a zone's price list. Prices are minor units (1/10000 yuan)
// per hour per item. How each family is priced (its items, their units, its defaults, its hourly
// price) its registry entry says (`lifecycle.leased.pricing`, src/resource-kinds.ts): instances per
// vCPU and GB of memory or by instance type, volumes per GB by volume_type, EIPs per Mbps,
// snapshots per GB. A zone without the needed price cannot lease the resource (2200).
import { ApiError } from '../../errors.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import type { PriceTable } from '../../store/database.ts'
import { isLeased, type LeasedKind, leasedKind } from '../resources/resource-kind.ts'

/** The leased kinds, in registry order (instance, volume, eip, snapshot): what a price list prices. */
export const pricedKinds: readonly LeasedKind[] = resourceKinds.filter(isLeased)

/** The `resource_type` values of the price actions. */
export const BILLABLE_TYPES: readonly string[] = pricedKinds.map((k) => k.type)

/** The leased kind a price's `resource_type` names. */
export const pricedKind = (resourceType: string): LeasedKind | undefined => leasedKind(pricedKinds, resourceType)

export type PriceItem = Pick<PriceTable, 'resource_type' | 'item' | 'price'>

/** The list every new zone starts with: each leased kind's defaults. */
export const DEFAULT_PRICES: readonly PriceItem[] = pricedKinds.flatMap((k) => k.lifecycle.leased.pricing.defaults.map((d) => ({ resource_type: k.type, ...d })))

/** The hourly price of one resource of `kind` in `zone`; 2200 LeaseFailed when the zone's list lacks an item it needs. */
export function hourlyPrice<Spec>(zone: string, list: readonly PriceItem[], kind: LeasedKind<Spec>, spec: NoInfer<Spec>): number {
  const find = (item: string) => list.find((p) => p.resource_type === kind.type && p.item === item)?.price
  const need = (item: string, detail: string) => {
    const price = find(item)
    if (price === undefined) throw new ApiError('LeaseFailed', `zone [${zone}] has no price for ${detail}, the resource can not be leased`)
    return price
  }
  return kind.lifecycle.leased.pricing.hourly({ find, need }, spec)
}
