// DescribeRecharges (admin): the recharges (and negative corrections) of every user, or of
// `users`, newest first, with the balance each left and the administrator who made it. Records
// made in the same second are ordered by recharge id, which is random: "newest first" holds to
// the second, the precision of every time on the wire.
import Type from 'typebox'
import { formatYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, List, Optional, page, Str } from '../../../protocol/params.ts'

export const describeRecharges = defineAction({
  name: 'DescribeRecharges',
  zone: 'none',
  params: Type.Object({
    users: Optional(List(Str({ maxLength: 64 }))),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const { offset, limit } = page(params)
      let q = ctx.db.selectFrom('recharges')
      if (params.users?.length) q = q.where('user_id', 'in', params.users)
      const total = await q.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      const rows = await q.selectAll().orderBy('create_time', 'desc').orderBy('recharge_id', 'desc').limit(limit).offset(offset).execute()
      return {
        recharge_set: rows.map((r) => ({
          recharge_id: r.recharge_id,
          user_id: r.user_id,
          amount: formatYuan(Number(r.amount)),
          balance_after: formatYuan(Number(r.balance_after)),
          operator: r.operator,
          remarks: r.remarks,
          create_time: r.create_time,
        })),
        total_count: Number(total.count),
      }
    })
  },
})
