// Leases: how every billable resource is paid for, from creation to deletion.
//
//  - elastic (pay-as-you-go): the first hour is charged when the resource is created, each later
//    hour when it begins (by the billing ticker); deleting refunds the unused part of the hour.
//  - monthly (prepaid): the whole term is charged up front; the resource cannot be deleted before
//    the term ends (2300) unless an administrator converts the lease; at the end of the term it
//    renews (auto_renew) or carries on pay-as-you-go.
//  - A charge the balance cannot pay suspends the lease and its resource; a recharge resumes them.
//
// Every function here takes a locked Wallet: money and leases of a user change under that lock only.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import { failpoint } from '../../lib/failpoints.ts'
import { formatYuan, prorate } from '../../lib/money.ts'
import type { LeaseTable, Queryable } from '../../store/database.ts'
import { durationLabel, HOUR_MS, HOURS_PER_MONTH, periodEnd, periodPrice, wholeSeconds, type Plan } from './contract.ts'
import { resumeResource, suspendResource } from './suspension.ts'
import type { BillingContext, Entry, Wallet } from './wallet.ts'

export interface Leasable {
  resource_id: string
  resource_name: string
}

const unitOf = (lease: Pick<LeaseTable, 'charge_mode'>) => (lease.charge_mode === 'elastic' ? 'hour' : 'month')
const time = (text: string) => new Date(text).getTime()

/** A charge record of `lease` over [start, end). */
function entryOf(lease: LeaseTable, start: Date, end: Date, fee: number, remarks: string): Entry {
  return {
    zone_id: lease.zone_id,
    lease_id: lease.lease_id,
    resource_id: lease.resource_id,
    resource_type: lease.resource_type,
    resource_name: lease.resource_name,
    start_time: formatTime(start),
    end_time: formatTime(end),
    duration: durationLabel(lease),
    unit: unitOf(lease),
    price: lease.price,
    fee,
    remarks,
  }
}

/**
 * One period's charge, keyed by the period (`<lease>:hour:<start>` or `<lease>:month:<start>`) so
 * that it can never be charged twice; a term and the first hour after converting it may start in
 * the same second, hence the unit in the key.
 */
async function chargePeriod(wallet: Wallet, lease: LeaseTable, start: Date, remarks: string): Promise<Date> {
  const end = periodEnd(lease, start)
  await wallet.record({ ...entryOf(lease, start, end, lease.price, remarks), charge_key: `${lease.lease_id}:${unitOf(lease)}:${formatTime(start)}` })
  return end
}

/** A one-off adjustment (refund, settlement, resize difference) over [start, end). */
async function adjust(wallet: Wallet, lease: LeaseTable, start: Date, end: Date, fee: number, remarks: string): Promise<void> {
  if (fee !== 0) await wallet.record(entryOf(lease, start, end, fee, remarks))
}

/** A prepaid lease's current term (contract_time to renewal_time): its length, its end, and what is left of it at `now` (ms). */
function termLeft(lease: LeaseTable, now: Date): { left: number; length: number; end: Date } {
  const start = time(lease.contract_time)
  const end = time(lease.renewal_time)
  return { left: Math.max(0, end - now.getTime()), length: end - start, end: new Date(end) }
}

function insufficient(wallet: Wallet, fee: number, what: string): ApiError {
  return new ApiError('InsufficientBalance', `balance ${formatYuan(wallet.balance)} does not cover ${formatYuan(fee)} for ${what}, please recharge`)
}

/**
 * Leases new resources under `plan` and charges their first period (an hour, or the whole term):
 * 2400 when the balance does not cover it all. Call it in the transaction that creates them.
 */
export async function openLeases(ctx: BillingContext, wallet: Wallet, lease: { zone: string; resource_type: string; plan: Plan; hourly: number }, resources: readonly Leasable[]): Promise<void> {
  const now = wholeSeconds(ctx.clock.now())
  const price = periodPrice(lease.plan, lease.hourly)
  const total = price * resources.length
  const what = `the first ${lease.plan.charge_mode === 'elastic' ? 'hour' : `${lease.plan.months}-month term`} of ${resources.length} ${lease.resource_type}${resources.length > 1 ? 's' : ''}`
  if (total > wallet.balance) throw insufficient(wallet, total, what)

  const rows: LeaseTable[] = resources.map((r) => ({
    lease_id: ctx.ids.resource('ct'),
    resource_id: r.resource_id,
    resource_type: lease.resource_type,
    resource_name: r.resource_name,
    zone_id: lease.zone,
    owner: wallet.userId,
    charge_mode: lease.plan.charge_mode,
    months: lease.plan.months,
    auto_renew: lease.plan.auto_renew ? 1 : 0,
    hourly_price: lease.hourly,
    price,
    status: 'active',
    lease_time: formatTime(now),
    contract_time: formatTime(now),
    renewal_time: formatTime(periodEnd(lease.plan, now)),
    suspended_from: null,
    end_time: null,
  }))
  await ctx.db.insertInto('leases').values(rows).execute()
  for (const row of rows) await chargePeriod(wallet, row, now, lease.plan.charge_mode === 'elastic' ? 'first hour, charged in advance' : 'prepaid term')
  failpoint('billing:charged')
}

/** The leases of these resources that have not ended. */
export async function openLeasesOf(db: Queryable, resourceIds: readonly string[]): Promise<LeaseTable[]> {
  if (resourceIds.length === 0) return []
  return db.selectFrom('leases').selectAll().where('resource_id', 'in', resourceIds).where('status', '<>', 'ended').orderBy('lease_id').execute()
}

export type EndReason =
  /** the owner deletes the resources: a prepaid term still running refuses (2300) */
  | 'delete'
  /** the resource never came up (its creating job failed): everything charged is given back */
  | 'never-created'

/**
 * Ends the leases of resources that are going away, settling each exactly once: an elastic
 * lease gets the unused rest of its paid hour back (or pays for time the ticker has not charged
 * yet). Checks every lease before changing any, so a 2300 leaves nothing half done.
 */
export async function endLeases(ctx: BillingContext, wallet: Wallet, resourceIds: readonly string[], reason: EndReason): Promise<void> {
  const now = ctx.clock.now()
  const leases = (await openLeasesOf(ctx.db, resourceIds)).filter((l) => l.owner === wallet.userId)
  if (reason === 'delete') {
    for (const lease of leases) {
      if (lease.charge_mode === 'monthly' && lease.status === 'active' && time(lease.renewal_time) > now.getTime()) {
        throw new ApiError('UnleaseFailed', `${lease.resource_type} [${lease.resource_id}] is prepaid until ${lease.renewal_time} and can not be deleted before then`)
      }
    }
  }
  for (const lease of leases) {
    if (reason === 'never-created') {
      const paid = await ctx.db
        .selectFrom('charge_records')
        .select((eb) => eb.fn.sum<number>('fee').as('total'))
        .where('lease_id', '=', lease.lease_id)
        .executeTakeFirst()
      await adjust(wallet, lease, new Date(lease.lease_time), now, -Number(paid?.total ?? 0), 'the resource was never created: everything charged is refunded')
    } else if (lease.status === 'active' && lease.charge_mode === 'elastic') {
      await settleHour(wallet, lease, now)
    }
    await ctx.db
      .updateTable('leases')
      .set({ status: 'ended', end_time: formatTime(now) })
      .where('lease_id', '=', lease.lease_id)
      .execute()
  }
}

/** Squares an elastic lease with the clock: refunds the unused rest of the paid hour, or charges time not yet charged. */
async function settleHour(wallet: Wallet, lease: LeaseTable, now: Date): Promise<void> {
  const paidUntil = new Date(lease.renewal_time)
  const gap = paidUntil.getTime() - now.getTime()
  if (gap > 0) await adjust(wallet, lease, now, paidUntil, -prorate(lease.price, gap, HOUR_MS, 'down'), 'unused time of the hour refunded')
  else if (gap < 0) await adjust(wallet, lease, paidUntil, now, prorate(lease.price, -gap, HOUR_MS, 'up'), 'time since the last hourly charge')
}

/**
 * A resized resource's lease takes its new hourly price now. Elastic: the old hour is settled and
 * a new one charged at the new price; monthly: the rest of the term's difference is charged (or
 * refunded). 2400 when the balance does not cover the new charge.
 */
export async function repriceLease(ctx: BillingContext, wallet: Wallet, resourceId: string, hourly: number): Promise<void> {
  const [lease] = (await openLeasesOf(ctx.db, [resourceId])).filter((l) => l.owner === wallet.userId)
  if (!lease || lease.hourly_price === hourly) return
  const now = wholeSeconds(ctx.clock.now())
  const price = periodPrice(lease, hourly)
  if (lease.status === 'active' && lease.charge_mode === 'elastic') {
    const unused = Math.max(0, prorate(lease.price, time(lease.renewal_time) - now.getTime(), HOUR_MS, 'down'))
    if (price > wallet.balance + unused) throw insufficient(wallet, price, `the first hour of ${lease.resource_type} [${resourceId}] at its new size`)
    await settleHour(wallet, lease, now)
    const repriced = { ...lease, hourly_price: hourly, price }
    const end = periodEnd(repriced, now)
    await adjust(wallet, repriced, now, end, price, 'first hour at the new size, charged in advance')
    await ctx.db
      .updateTable('leases')
      .set({ hourly_price: hourly, price, contract_time: formatTime(now), renewal_time: formatTime(end) })
      .where('lease_id', '=', lease.lease_id)
      .execute()
    return
  }
  if (lease.status === 'active' && lease.charge_mode === 'monthly') {
    const { left, length, end } = termLeft(lease, now)
    const difference = (hourly - lease.hourly_price) * HOURS_PER_MONTH * lease.months
    const fee = difference > 0 ? prorate(difference, left, length, 'up') : -prorate(-difference, left, length, 'down')
    if (fee > wallet.balance) throw insufficient(wallet, fee, `the rest of the prepaid term of ${lease.resource_type} [${resourceId}] at its new size`)
    await adjust(wallet, { ...lease, hourly_price: hourly, price }, now, end, fee, fee > 0 ? 'rest of the term at the new size' : 'rest of the term at the smaller size refunded')
  }
  // a suspended lease just takes the new price: nothing is charged until it resumes
  await ctx.db.updateTable('leases').set({ hourly_price: hourly, price }).where('lease_id', '=', lease.lease_id).execute()
}

/**
 * Brings one lease up to `now`: charges every period that has begun (an elastic hour, a renewed
 * term), turns an ended term without auto-renewal into pay-as-you-go, and suspends the lease and
 * its resource at the first period the balance cannot pay. Idempotent: a period already charged
 * has moved `renewal_time` past it.
 */
export async function chargeDue(ctx: BillingContext, wallet: Wallet, lease: LeaseTable, now: Date): Promise<'paid' | 'suspended'> {
  let current = { ...lease }
  while (current.status === 'active' && time(current.renewal_time) <= now.getTime()) {
    const start = new Date(current.renewal_time)
    if (current.charge_mode === 'monthly' && !current.auto_renew) {
      // the term is over and not renewed: the resource carries on, pay-as-you-go
      current = { ...current, charge_mode: 'elastic', months: 0, price: current.hourly_price, contract_time: current.renewal_time }
      continue
    }
    if (current.price > wallet.balance) {
      current = { ...current, status: 'suspended' }
      break
    }
    const end = await chargePeriod(wallet, current, start, current.charge_mode === 'elastic' ? 'hourly charge' : 'prepaid term renewed')
    current = { ...current, renewal_time: formatTime(end), ...(current.charge_mode === 'monthly' && { contract_time: formatTime(start) }) }
  }
  if (current.status === 'suspended' && current.suspended_from === null) {
    current.suspended_from = (await suspendResource(ctx.db, current.resource_type, current.resource_id, now)) ?? null
  }
  const { lease_id, charge_mode, months, price, status, contract_time, renewal_time, suspended_from } = current
  await ctx.db.updateTable('leases').set({ charge_mode, months, price, status, contract_time, renewal_time, suspended_from }).where('lease_id', '=', lease_id).execute()
  return current.status === 'suspended' ? 'suspended' : 'paid'
}

/**
 * After a recharge (or a refund): resumes the user's suspended leases, oldest first, while the
 * balance pays their next period, and gives their resources back the status they had. Suspended
 * leases whose resource could not be suspended yet (it was busy) are suspended now.
 */
export async function resumeLeases(ctx: BillingContext, wallet: Wallet): Promise<{ resumed: number; suspended: number }> {
  const now = wholeSeconds(ctx.clock.now())
  const leases = await ctx.db.selectFrom('leases').selectAll().where('owner', '=', wallet.userId).where('status', '=', 'suspended').orderBy('lease_time').orderBy('lease_id').execute()
  let resumed = 0
  let suspended = 0
  let paying = true
  for (const lease of leases) {
    if (paying && lease.price <= wallet.balance) {
      const end = await chargePeriod(wallet, lease, now, 'resumed after a recharge')
      if (lease.suspended_from) await resumeResource(ctx.db, lease.resource_type, lease.resource_id, lease.suspended_from, now)
      await ctx.db
        .updateTable('leases')
        .set({ status: 'active', contract_time: formatTime(now), renewal_time: formatTime(end), suspended_from: null })
        .where('lease_id', '=', lease.lease_id)
        .execute()
      resumed++
      continue
    }
    paying = false // oldest first: a later, cheaper lease does not jump the queue
    if (lease.suspended_from === null) {
      const from = await suspendResource(ctx.db, lease.resource_type, lease.resource_id, now)
      if (from) {
        await ctx.db.updateTable('leases').set({ suspended_from: from }).where('lease_id', '=', lease.lease_id).execute()
        suspended++
      }
    }
  }
  return { resumed, suspended }
}

/**
 * An administrator's early end of a prepaid term: the lease becomes pay-as-you-go from now (so the
 * owner may delete the resource), optionally refunding the unused part of the term, and its first
 * hour is charged at once (or the lease suspends, like any unpaid hour).
 */
export async function convertToElastic(ctx: BillingContext, wallet: Wallet, given: LeaseTable, refund: boolean): Promise<void> {
  const now = wholeSeconds(ctx.clock.now())
  let lease = given
  if (lease.status === 'active' && time(lease.renewal_time) <= now.getTime()) {
    // the term is already over and the ticker has not run yet: settle it as the ticker would
    // (renew, or carry on pay-as-you-go, or suspend), so no time between then and now goes unbilled
    await chargeDue(ctx, wallet, lease, now)
    lease = await ctx.db.selectFrom('leases').selectAll().where('lease_id', '=', lease.lease_id).executeTakeFirstOrThrow()
    if (lease.charge_mode === 'elastic') return
  }
  if (lease.status === 'suspended') {
    // its term has ended unpaid: it stays suspended, and resumes pay-as-you-go after a recharge
    await ctx.db.updateTable('leases').set({ charge_mode: 'elastic', months: 0, price: lease.hourly_price }).where('lease_id', '=', lease.lease_id).execute()
    return
  }
  if (refund) {
    const { left, length, end } = termLeft(lease, now)
    await adjust(wallet, lease, now, end, -prorate(lease.price, left, length, 'down'), 'unused prepaid term refunded')
  }
  // due now: chargeDue charges the first pay-as-you-go hour and writes the converted lease
  const converted: LeaseTable = { ...lease, charge_mode: 'elastic', months: 0, price: lease.hourly_price, contract_time: formatTime(now), renewal_time: formatTime(now) }
  await chargeDue(ctx, wallet, converted, now)
}

/** A renamed resource's charge records from now on carry its new name. */
export async function renameLeased(ctx: BillingContext, wallet: Wallet, resourceId: string, name: string): Promise<void> {
  await ctx.db.updateTable('leases').set({ resource_name: name }).where('resource_id', '=', resourceId).where('owner', '=', wallet.userId).where('status', '<>', 'ended').execute()
}

/**
 * Suspended leases of `resourceIds` that would resume their resource to `from` resume it to `to`
 * instead: the resource changed while suspended (an EIP whose instance went away is `available`).
 */
export async function changeResumeStatus(db: Queryable, resourceIds: readonly string[], from: string, to: string): Promise<void> {
  if (resourceIds.length === 0) return
  await db.updateTable('leases').set({ suspended_from: to }).where('resource_id', 'in', resourceIds).where('suspended_from', '=', from).execute()
}
