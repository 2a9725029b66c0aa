// DeletePrices (admin): removes items from one zone's price list. All or nothing: an item the
// list lacks is 2100 and nothing is deleted. A resource that needs a deleted item can no longer
// be created (or resized) in the zone: its lease cannot be priced, 2200 LeaseFailed. Leases that
// exist keep their contract prices. Replies with the zone's remaining list.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List } from '../../../protocol/params.ts'
import { priceKeyParam, priceSet, requireDistinctItems } from '../price-params.ts'
import { deletePrice } from '../price-repo.ts'

export const deletePrices = defineAction({
  name: 'DeletePrices',
  params: Type.Object({ prices: List(Type.Object(priceKeyParam)) }),
  async handle(params, ctx) {
    requireDistinctItems(params.prices)
    // deleting is the existence check: a missing item throws, and the transaction rolls back the
    // ones deleted before it (no window for a concurrent DeletePrices between check and delete)
    for (const p of params.prices) {
      if ((await deletePrice(ctx.db, ctx.zone, p.resource_type, p.item)) === 0) {
        throw new ApiError('ResourceNotFound', `price of ${p.resource_type} [${p.item}] not found in zone [${ctx.zone}]`)
      }
    }
    return priceSet(ctx.db, { zones: [ctx.zone] })
  },
})
