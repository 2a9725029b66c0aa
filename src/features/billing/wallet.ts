// A user's wallet, locked for one transaction. Money only moves through a Wallet, and the way to
// get one is lock(), which asks the transaction's lock-set for the wallet's row lock: the wallet
// is the first kind of the global lock order (protocol/locks.ts), so concurrent transactions on
// PostgreSQL never deadlock over money.
import { formatTime } from '../../lib/clock.ts'
import type { Clock } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { ChargeRecordTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { LockOrderError, type LockSet } from '../../protocol/locks.ts'

export interface BillingContext {
  db: Tx
  caps: Capabilities
  clock: Clock
  ids: IdGenerator
}

/** A charge record to write; `fee` > 0 takes money, < 0 gives it back. */
export type Entry = Omit<ChargeRecordTable, 'record_id' | 'charge_key' | 'owner' | 'create_time'> & {
  /** Periodic charges name their period (`<lease>:hour:<start>`, `<lease>:month:<start>`) so that one period is never charged twice; one-off entries get a unique key. */
  charge_key?: string
}

export class Wallet {
  private constructor(
    private readonly ctx: BillingContext,
    readonly userId: string,
    private current: number,
  ) {}

  /**
   * The user's wallet, locked (an empty one is created) for the rest of the transaction through
   * its lock-set: the wallet the action declared is held already; any other throws LockOrderError.
   */
  static async lock(ctx: { locks: LockSet }, userId: string): Promise<Wallet> {
    const wallet = await ctx.locks.take('wallet', userId)
    if (!(wallet instanceof Wallet)) throw new LockOrderError('the wallet locker is not Wallet.lockRow (src/lockers.ts)')
    return wallet
  }

  /** Takes the wallet row's lock: the wallet locker of the lock-set (registered in src/lockers.ts); everything else calls lock(). */
  static async lockRow(ctx: BillingContext, userId: string): Promise<Wallet> {
    const now = formatTime(ctx.clock.now())
    await ctx.db
      .insertInto('wallets')
      .values({ user_id: userId, balance: 0, update_time: now })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute()
    const row = await ctx.caps.forUpdate(ctx.db.selectFrom('wallets').select('balance').where('user_id', '=', userId)).executeTakeFirstOrThrow()
    return new Wallet(ctx, userId, Number(row.balance))
  }

  get balance(): number {
    return this.current
  }

  /** Writes a charge (or refund) record and moves its fee out of (or into) the wallet. */
  async record(entry: Entry): Promise<void> {
    const record_id = this.ctx.ids.resource('cr', 12)
    const { charge_key, ...fields } = entry
    await this.ctx.db
      .insertInto('charge_records')
      .values({ ...fields, record_id, charge_key: charge_key ?? `${entry.lease_id}:${record_id}`, owner: this.userId, create_time: formatTime(this.ctx.clock.now()) })
      .execute()
    await this.move(-entry.fee)
  }

  /** Adds `delta` (negative to take) without a charge record: recharges, which keep their own. */
  async move(delta: number): Promise<number> {
    if (!Number.isSafeInteger(delta)) throw new Error(`not an amount of minor units: ${delta}`)
    if (delta === 0) return this.current
    const row = await this.ctx.db
      .updateTable('wallets')
      .set((eb) => ({ balance: eb('balance', '+', delta), update_time: formatTime(this.ctx.clock.now()) }))
      .where('user_id', '=', this.userId)
      .returning('balance')
      .executeTakeFirstOrThrow()
    this.current = Number(row.balance)
    return this.current
  }
}

/** The balance without locking (replies); a user who never had money has 0. */
export async function balanceOf(db: Queryable, userId: string): Promise<number> {
  const row = await db.selectFrom('wallets').select('balance').where('user_id', '=', userId).executeTakeFirst()
  return row ? Number(row.balance) : 0
}
