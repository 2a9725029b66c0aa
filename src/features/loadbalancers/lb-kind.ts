// The load-balancer families in the resource registry (src/resource-kinds.ts). A load balancer is
// priced by its type (maximum connections), per load-balancer hour while it runs: stopping it ends
// its lease and starting it opens a new one. A deleted load balancer stays describable for two
// hours (terraform's delete wait reads it by id), then ceases. Policies count against the
// `loadbalancer_policy` quota; server certificates are free and uncounted. Listeners, backends and
// policy rules are parts of these, not kinds.
import { plainKind, type Pricing, statefulKind } from '../resources/resource-kind.ts'

/** `loadbalancer_type` → its price item (maximum concurrent connections). */
export const LOADBALANCER_TYPE_ITEMS = ['5k', '20k', '40k', '100k', '200k', '500k'] as const

/** What a load balancer's price depends on. */
export interface LoadBalancerPriced {
  loadbalancer_type: number
}

const loadBalancerPricing: Pricing<LoadBalancerPriced> = {
  accepts: (_db, _zone, item) => (LOADBALANCER_TYPE_ITEMS as readonly string[]).includes(item),
  expected: () => LOADBALANCER_TYPE_ITEMS.join(', '),
  unit: () => 'loadbalancer-hour',
  // yuan per hour: 0.06, 0.12, 0.24, 0.60, 1.20, 3.00 (QingLocal's own list)
  defaults: [
    { item: '5k', price: 600 },
    { item: '20k', price: 1200 },
    { item: '40k', price: 2400 },
    { item: '100k', price: 6000 },
    { item: '200k', price: 12000 },
    { item: '500k', price: 30000 },
  ],
  hourly: (prices, { loadbalancer_type }) => {
    const item = LOADBALANCER_TYPE_ITEMS[loadbalancer_type] ?? '5k'
    return prices.need(item, `loadbalancer type ${loadbalancer_type} (${item} connections)`)
  },
}

export const loadBalancerKind = statefulKind({
  type: 'loadbalancer',
  prefix: 'lb',
  table: 'loadbalancers',
  idColumn: 'loadbalancer_id',
  nameColumn: 'loadbalancer_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'loadbalancer' },
  // a stopped load balancer has no open lease, so only an active one can fall into arrears
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['active'], pricing: loadBalancerPricing } },
})

export const loadBalancerPolicyKind = plainKind({
  type: 'loadbalancer_policy',
  prefix: 'lbp',
  table: 'loadbalancer_policies',
  idColumn: 'loadbalancer_policy_id',
  nameColumn: 'loadbalancer_policy_name',
  goneStatuses: [],
  taggable: false,
  quota: { count: 'loadbalancer_policy' },
})

export const serverCertificateKind = plainKind({
  type: 'server_certificate',
  prefix: 'sc',
  table: 'server_certificates',
  idColumn: 'server_certificate_id',
  nameColumn: 'server_certificate_name',
  goneStatuses: [],
  taggable: false,
})
