// GetBalance (reference 3.11): the caller's wallet. Global (no zone): a wallet belongs to a user,
// not to a zone. The doc's example names `user`, so it is accepted: a normal user may name only
// themselves, an administrator anyone (charge-query.ts subjectOf). A user who never had money has
// 0.00. Bonus accounts and coupons are not modelled: bonus is always "0.00", coupons empty.
import Type from 'typebox'
import { formatYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { subjectOf } from '../charge-query.ts'
import { balanceOf } from '../wallet.ts'

export const getBalance = defineAction({
  name: 'GetBalance',
  zone: 'none',
  params: Type.Object({ user: Optional(Str({ maxLength: 64 })) }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const user_id = await subjectOf(ctx, params.user)
      return { user_id, balance: formatYuan(await balanceOf(ctx.db, user_id)), bonus: formatYuan(0), coupons: [] }
    })
  },
})
