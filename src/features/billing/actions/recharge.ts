// Recharge (admin): adds money to a user's wallet, or takes it (a negative amount, to correct a
// mistake) as long as the balance stays at 0 or more. Every recharge is kept as a record with its
// operator. Money added resumes the leases arrears suspended, oldest first, in the same
// transaction (recharge.ts); `resumed` counts them. Global (zone 'none'): wallets are per user.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatYuan, parseYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireUser, userParam } from '../../quotas/quota-params.ts'
import { recharge as rechargeWallet } from '../recharge.ts'
import { Wallet } from '../wallet.ts'

export const recharge = defineAction({
  name: 'Recharge',
  lockAtRunTime: ['wallet'], // the recharged user's, not the administrator's
  zone: 'none',
  params: Type.Object({
    ...userParam,
    amount: Str({ maxLength: 32 }),
    remarks: Optional(Str({ maxLength: 255 })),
  }),
  async handle(params, ctx) {
    const amount = parseYuan(params.amount)
    if (amount === undefined || amount === 0) {
      throw new ApiError('InvalidRequestFormat', `invalid parameter value amount [${params.amount}], expected yuan other than 0 with up to 4 decimals, such as 100 or -0.5`)
    }
    // a plain read of the users table takes no lock; the wallet is the first row this locks
    await requireUser(ctx.db, params.user)
    const wallet = await Wallet.lock(ctx, params.user)
    if (wallet.balance + amount < 0) {
      throw new ApiError('InvalidRequestFormat', `parameter amount ${formatYuan(amount)} exceeds the balance ${formatYuan(wallet.balance)} of user [${params.user}], the balance would become negative`)
    }
    const { recharge_id, resumed } = await rechargeWallet(ctx, wallet, amount, ctx.caller.user_id, params.remarks ?? '')
    return { user_id: params.user, recharge_id, balance: formatYuan(wallet.balance), resumed }
  },
})
