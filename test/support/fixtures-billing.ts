// Money for billing tests: a fresh user with a key and exactly the balance a test needs, and
// direct reads of wallets, leases and charge records to check every minor unit.
import { balanceOf } from '../../src/features/billing/wallet.ts'
import { newAccessKey, sessionUser } from './fixtures-access-keys.ts'
import type { Key, TestApp } from './harness.ts'

/** A new user holding `yuan`, with an access key to call the API as them. */
export async function payingUser(t: TestApp, yuan: number): Promise<{ user_id: string; key: Key }> {
  const { user_id, token } = await sessionUser(t)
  const key = await newAccessKey(t, token)
  if (yuan !== 0) await t.fund(user_id, yuan)
  return { user_id, key }
}

/** The balance in minor units (1/10000 yuan). */
export const balance = (t: TestApp, userId: string) => balanceOf(t.store.db, userId)

export const leasesOf = (t: TestApp, resourceId: string) => t.store.db.selectFrom('leases').selectAll().where('resource_id', '=', resourceId).orderBy('lease_time').execute()

/** A resource's charge records, oldest first: [start_time, fee in minor units, remarks]. */
export async function chargesOf(t: TestApp, resourceId: string): Promise<Array<[string, number, string]>> {
  const rows = await t.store.db.selectFrom('charge_records').select(['start_time', 'fee', 'remarks']).where('resource_id', '=', resourceId).orderBy('start_time').orderBy('create_time').orderBy('record_id').execute()
  return rows.map((r) => [r.start_time, Number(r.fee), r.remarks])
}

/** Hours of the clock, from `t.clock` on, one tick of the billing ticker at each. */
export async function billHourly(t: TestApp, hours: number): Promise<void> {
  for (let h = 0; h < hours; h++) {
    t.clock.advance(3_600_000)
    await t.bill()
  }
}

/** The books balance: every recharge minus every charge record is exactly the wallet's balance. */
export async function ledgerGap(t: TestApp, userId: string): Promise<number> {
  const db = t.store.db
  const recharged = await db
    .selectFrom('recharges')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  const charged = await db
    .selectFrom('charge_records')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('fee'), eb.lit(0)).as('n'))
    .where('owner', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(recharged.n) - Number(charged.n) - (await balance(t, userId))
}
