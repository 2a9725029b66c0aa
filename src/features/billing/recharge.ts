// Recharges: money an administrator adds to (or, negative, takes from) a wallet, each one kept as
// a record. Adding money resumes what arrears suspended, in the same transaction.
import { formatTime } from '../../lib/clock.ts'
import { resumeLeases } from './leases.ts'
import type { BillingContext, Wallet } from './wallet.ts'

export async function recharge(ctx: BillingContext, wallet: Wallet, amount: number, operator: string, remarks: string): Promise<{ recharge_id: string; resumed: number }> {
  const balance_after = await wallet.move(amount)
  const recharge_id = ctx.ids.resource('rc', 12)
  await ctx.db
    .insertInto('recharges')
    .values({ recharge_id, user_id: wallet.userId, amount, balance_after, operator, remarks, create_time: formatTime(ctx.clock.now()) })
    .execute()
  const { resumed } = amount > 0 ? await resumeLeases(ctx, wallet) : { resumed: 0 }
  return { recharge_id, resumed }
}
