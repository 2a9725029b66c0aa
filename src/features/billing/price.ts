// What a resource costs per hour, from a zone's price list. Prices are minor units (1/10000 yuan)
// per hour per item: per vCPU and per GB of memory for instances (an instance type may carry a
// price of its own, which then wins), per GB for volumes by volume_type, per Mbps for EIPs, per
// GB for snapshots. A zone without the needed price cannot lease the resource (2200).
import { ApiError } from '../../errors.ts'
import type { PriceTable } from '../../store/database.ts'

export const BILLABLE_TYPES = ['instance', 'volume', 'eip', 'snapshot'] as const
export type BillableType = (typeof BILLABLE_TYPES)[number]

export type PriceItem = Pick<PriceTable, 'resource_type' | 'item' | 'price'>

/** The list every new zone starts with (yuan per hour: vCPU 0.05, GB of memory 0.02, …). */
export const DEFAULT_PRICES: readonly PriceItem[] = [
  { resource_type: 'instance', item: 'cpu', price: 500 },
  { resource_type: 'instance', item: 'memory', price: 200 },
  // per GB and hour, by volume_type
  { resource_type: 'volume', item: '0', price: 10 },
  { resource_type: 'volume', item: '1', price: 5 },
  { resource_type: 'volume', item: '2', price: 5 },
  { resource_type: 'volume', item: '3', price: 20 },
  { resource_type: 'volume', item: '5', price: 15 },
  { resource_type: 'volume', item: '100', price: 5 },
  { resource_type: 'volume', item: '200', price: 15 },
  { resource_type: 'eip', item: 'bandwidth', price: 400 },
  { resource_type: 'snapshot', item: 'size', price: 3 },
]

/** What is being priced: the fields of the resource the price depends on. */
export type Priced =
  | { resource_type: 'instance'; instance_type: string; cpu: number; memory: number }
  | { resource_type: 'volume'; volume_type: number; size: number }
  | { resource_type: 'eip'; bandwidth: number }
  | { resource_type: 'snapshot'; size: number }

/** The hourly price of one resource in `zone`; 2200 LeaseFailed when the zone's list lacks an item it needs. */
export function hourlyPrice(zone: string, list: readonly PriceItem[], what: Priced): number {
  const find = (item: string) => list.find((p) => p.resource_type === what.resource_type && p.item === item)?.price
  const need = (item: string, detail: string) => {
    const price = find(item)
    if (price === undefined) throw new ApiError('LeaseFailed', `zone [${zone}] has no price for ${detail}, the resource can not be leased`)
    return price
  }
  switch (what.resource_type) {
    case 'instance': {
      const whole = what.instance_type ? find(what.instance_type) : undefined
      if (whole !== undefined) return whole
      // memory is priced per GB; an instance of 512 MB pays half a GB, rounded up to a minor unit
      return what.cpu * need('cpu', 'instance cpu') + Math.ceil((what.memory * need('memory', 'instance memory')) / 1024)
    }
    case 'volume':
      return what.size * need(String(what.volume_type), `volume_type ${what.volume_type}`)
    case 'eip':
      return what.bandwidth * need('bandwidth', 'eip bandwidth')
    case 'snapshot':
      return what.size * need('size', 'snapshot size')
  }
}
