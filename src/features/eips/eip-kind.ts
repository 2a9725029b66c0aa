// The EIP family in the resource registry (src/resource-kinds.ts). A released EIP's address goes
// back to the pool at once; the row stays describable for two hours. An EIP is priced per Mbps.
import { type Pricing, statefulKind } from '../resources/resource-kind.ts'

/** What an EIP's price depends on (Mbps). */
export interface EipPriced {
  bandwidth: number
}

const eipPricing: Pricing<EipPriced> = {
  accepts: (_db, _zone, item) => item === 'bandwidth',
  expected: () => 'bandwidth',
  unit: () => 'Mbps-hour',
  defaults: [{ item: 'bandwidth', price: 400 }],
  hourly: (prices, { bandwidth }) => bandwidth * prices.need('bandwidth', 'eip bandwidth'),
}

export const eipKind = statefulKind({
  type: 'eip',
  prefix: 'eip',
  table: 'eips',
  idColumn: 'eip_id',
  nameColumn: 'eip_name',
  goneStatuses: ['released', 'ceased'],
  taggable: true,
  quota: { count: 'eip' },
  lifecycle: { recycle: { from: 'released', to: 'ceased' }, leased: { suspendFrom: ['available', 'associated'], pricing: eipPricing } },
})
