// GetChargeRecords (reference 3.11): the caller's charges and refunds in the zone, oldest first.
// The docs require `resource`; it is optional here, and without it every record of the caller in
// the zone is listed. Another user's resource is 1400, as everywhere; an id with no records gives
// an empty list, like a Describe. `start_time` / `end_time` bound the records' start times
// ([start, end)). `total_sum` adds up every matching record, not only the page. Refunds are
// negative fees; `total_sum` of an item is the metered usage, 0 since everything is billed by time.
import Type from 'typebox'
import { formatYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, Optional, page, Str } from '../../../protocol/params.ts'
import { leasesOfResource, timeBounds } from '../charge-query.ts'

export const getChargeRecords = defineAction({
  name: 'GetChargeRecords',
  params: Type.Object({
    resource: Optional(Str({ maxLength: 64 })),
    start_time: Optional(Str({ maxLength: 32 })),
    end_time: Optional(Str({ maxLength: 32 })),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const user = ctx.caller.user_id
      const { from, to } = timeBounds(params)
      if (params.resource !== undefined) await leasesOfResource(ctx.db, ctx.zone, params.resource, user)
      let query = ctx.db.selectFrom('charge_records').where('owner', '=', user).where('zone_id', '=', ctx.zone)
      if (params.resource !== undefined) query = query.where('resource_id', '=', params.resource)
      if (from !== undefined) query = query.where('start_time', '>=', from)
      if (to !== undefined) query = query.where('start_time', '<', to)
      const totals = await query.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('fee').as('sum')]).executeTakeFirstOrThrow()
      const { offset, limit } = page(params)
      const rows = await query.selectAll().orderBy('start_time').orderBy('create_time').orderBy('record_id').offset(offset).limit(limit).execute()
      return {
        charge_record_set: rows.map((r) => ({
          user_id: r.owner,
          resource_id: r.resource_id,
          resource_name: r.resource_name,
          resource_type: r.resource_type,
          start_time: r.start_time,
          end_time: r.end_time,
          currency: 'cny',
          duration: r.duration,
          price: formatYuan(r.price),
          fee: formatYuan(r.fee),
          total_sum: 0,
          unit: r.unit,
          remarks: r.remarks,
          zone_id: r.zone_id,
        })),
        // PostgreSQL answers count and sum of bigints as text
        total_sum: formatYuan(Number(totals.sum ?? 0)),
        total_count: Number(totals.count),
      }
    })
  },
})
