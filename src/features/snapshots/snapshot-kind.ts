// The snapshot family in the resource registry (src/resource-kinds.ts). A snapshot is priced per
// GB of its size.
import { type Pricing, statefulKind } from '../resources/resource-kind.ts'

/** What a snapshot's price depends on (GB). */
export interface SnapshotPriced {
  size: number
}

const snapshotPricing: Pricing<SnapshotPriced> = {
  accepts: (_db, _zone, item) => item === 'size',
  expected: () => 'size',
  unit: () => 'GB-hour',
  defaults: [{ item: 'size', price: 3 }],
  hourly: (prices, { size }) => size * prices.need('size', 'snapshot size'),
}

export const snapshotKind = statefulKind({
  type: 'snapshot',
  prefix: 'ss',
  table: 'snapshots',
  idColumn: 'snapshot_id',
  nameColumn: 'snapshot_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'snapshot' },
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['available'], pricing: snapshotPricing } },
})
