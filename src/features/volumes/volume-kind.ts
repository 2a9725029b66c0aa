// The volume family in the resource registry (src/resource-kinds.ts), and how a volume is priced:
// per GB, by its volume_type.
import { type Pricing, statefulKind } from '../resources/resource-kind.ts'
import { VOLUME_TYPES } from './volume.ts'

/** What a volume's price depends on (size in GB). */
export interface VolumePriced {
  volume_type: number
  size: number
}

const volumePricing: Pricing<VolumePriced> = {
  accepts: (_db, _zone, item) => [...VOLUME_TYPES.keys()].map(String).includes(item),
  expected: () => `a volume_type (${[...VOLUME_TYPES.keys()].join(', ')})`,
  unit: () => 'GB-hour',
  // per GB and hour, by volume_type
  defaults: [
    { item: '0', price: 10 },
    { item: '1', price: 5 },
    { item: '2', price: 5 },
    { item: '3', price: 20 },
    { item: '5', price: 15 },
    { item: '100', price: 5 },
    { item: '200', price: 15 },
  ],
  hourly: (prices, { volume_type, size }) => size * prices.need(String(volume_type), `volume_type ${volume_type}`),
}

export const volumeKind = statefulKind({
  type: 'volume',
  prefix: 'vol',
  table: 'volumes',
  idColumn: 'volume_id',
  nameColumn: 'volume_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'volume', sums: { volume_size: 'size' } },
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['available', 'in-use'], pricing: volumePricing } },
})
