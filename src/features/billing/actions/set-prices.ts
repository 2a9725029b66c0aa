// SetPrices (admin): adds or changes items of one zone's price list (yuan per hour of the item's
// unit, at least 0). Items: instance `cpu`, `memory` or an instance type of the zone (which then
// prices the whole instance and wins over cpu + memory); volume: a volume_type; eip `bandwidth`;
// snapshot `size`. Anything else is 1100, so a typo can never become a price nothing reads.
// New prices apply to resources created (or resized) from now on: existing leases keep the prices
// of their contract, as a prepaid term must, and pay-as-you-go ones until they are repriced.
// Replies with the zone's whole resulting list.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { priceAmount, priceKeyParam, priceSet, requireDistinctItems, requirePriceableItem } from '../price-params.ts'
import { setPrice } from '../price-repo.ts'

export const setPrices = defineAction({
  name: 'SetPrices',
  params: Type.Object({
    prices: List(Type.Object({ ...priceKeyParam, price: Str({ maxLength: 32 }) })),
  }),
  async handle(params, ctx) {
    requireDistinctItems(params.prices)
    // every item is checked before any is written: a bad one changes nothing
    const items = []
    for (const [index, p] of params.prices.entries()) {
      await requirePriceableItem(ctx.db, ctx.zone, p.resource_type, p.item, index)
      items.push({ resource_type: p.resource_type, item: p.item, price: priceAmount(p.price, index) })
    }
    const now = ctx.clock.now()
    for (const item of items) await setPrice(ctx.db, ctx.zone, item, now)
    return priceSet(ctx.db, { zones: [ctx.zone] })
  },
})
