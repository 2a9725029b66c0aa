// DescribePrices (admin): the price lists of the zones, item by item, in yuan per hour of the
// item's unit (vCPU-hour, GB-hour, instance-hour for a priced instance type, Mbps-hour). Global
// (zone 'none'), because an operator compares zones; `zones` narrows it. Unknown zones and types
// simply match nothing, as Describe filters do. No paging: a zone has a dozen or so items.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { priceSet, resourceTypeParam } from '../price-params.ts'

export const describePrices = defineAction({
  name: 'DescribePrices',
  zone: 'none',
  params: Type.Object({
    zones: Optional(List(Str({ maxLength: 64 }))),
    resource_types: Optional(List(resourceTypeParam())),
  }),
  async query(params, ctx) {
    return priceSet(ctx.db, params)
  },
})
