// Reservations: quota a pending job will hold when it settles (a resize's growth), as rows. The
// action that accepts the growth writes them in its transaction, under the quota lock its
// requireQuota took; the job runner deletes a job's rows when the job ends, successful or failed,
// in the transaction that ends it, so no action can forget. Usage counts them (quota-repo.ts).
import { formatTime } from '../../lib/clock.ts'
import type { Queryable } from '../../store/database.ts'
import { QUOTA_TYPES, quotaZone, type QuotaDemand, type QuotaType } from './quota.ts'

export interface Reservation {
  user_id: string
  /** The request's zone; user-wide types are kept under '' as their quota is. */
  zone_id: string
  /** The job whose end releases the reservation. */
  job_id: string
  /** Growth per quota type; absent or ≤ 0 reserves nothing. */
  amounts: QuotaDemand
  now: Date
}

/** Holds `amounts` for the user until the job ends. Call after requireQuota, in the same transaction. */
export async function reserve(db: Queryable, r: Reservation): Promise<void> {
  const rows = QUOTA_TYPES.filter((type) => (r.amounts[type] ?? 0) > 0).map((type) => ({
    job_id: r.job_id,
    resource_type: type,
    user_id: r.user_id,
    zone_id: quotaZone(type, r.zone_id),
    amount: r.amounts[type]!,
    create_time: formatTime(r.now),
  }))
  if (rows.length) await db.insertInto('reservations').values(rows).execute()
}

/** The job ended (settled or failed): what it reserved is no longer held by it. */
export async function releaseReservations(db: Queryable, jobId: string): Promise<void> {
  await db.deleteFrom('reservations').where('job_id', '=', jobId).execute()
}

/** What the user's pending jobs hold in the zone, per type (user-wide types across zones). */
export async function reservedFor(db: Queryable, userId: string, zone: string, types: readonly QuotaType[]): Promise<Partial<Record<QuotaType, number>>> {
  const out: Partial<Record<QuotaType, number>> = {}
  if (types.length === 0) return out
  const zones = [...new Set(types.map((type) => quotaZone(type, zone)))]
  const rows = await db
    .selectFrom('reservations')
    .select((eb) => ['resource_type', 'zone_id', eb.fn.sum<number | string>('amount').as('amount')])
    .where('user_id', '=', userId)
    .where('zone_id', 'in', zones)
    .where('resource_type', 'in', [...types])
    .groupBy(['resource_type', 'zone_id'])
    .execute()
  for (const row of rows) {
    const type = types.find((t) => t === row.resource_type)
    if (type && quotaZone(type, zone) === row.zone_id) out[type] = Number(row.amount)
  }
  return out
}
