// The router family in the resource registry (src/resource-kinds.ts). A router is priced by its
// type, as on QingCloud (small, medium, large, extra-large), per router-hour while it is active:
// powering it off ends its lease and powering it on opens a new one (reference: "billing stops").
// A deleted router stays describable for two hours (terraform waits on it), then ceases.
import { type Pricing, statefulKind } from '../resources/resource-kind.ts'

/** `router_type` → its price item: 0 medium, 1 small, 2 large, 3 extra-large (reference §1). */
export const ROUTER_TYPE_ITEMS = ['medium', 'small', 'large', 'extra-large'] as const

/** What a router's price depends on. */
export interface RouterPriced {
  router_type: number
}

const routerPricing: Pricing<RouterPriced> = {
  accepts: (_db, _zone, item) => (ROUTER_TYPE_ITEMS as readonly string[]).includes(item),
  expected: () => ROUTER_TYPE_ITEMS.join(', '),
  unit: () => 'router-hour',
  // yuan per hour: small 0.05, medium 0.10, large 0.20, extra-large 0.40
  defaults: [
    { item: 'small', price: 500 },
    { item: 'medium', price: 1000 },
    { item: 'large', price: 2000 },
    { item: 'extra-large', price: 4000 },
  ],
  hourly: (prices, { router_type }) => {
    const item = ROUTER_TYPE_ITEMS[router_type] ?? 'small'
    return prices.need(item, `router type ${router_type} (${item})`)
  },
}

export const routerKind = statefulKind({
  type: 'router',
  prefix: 'rtr',
  table: 'routers',
  idColumn: 'router_id',
  nameColumn: 'router_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'router' },
  // a powered-off router has no open lease, so only an active one can fall into arrears
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['active'], pricing: routerPricing } },
})
