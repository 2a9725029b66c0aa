// Quota rows (platform defaults, per-user overrides), the per-(user, zone) lock, and usage counted
// from the resource tables themselves, so usage can never drift from what exists.
import { formatTime } from '../../lib/clock.ts'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { quotaCounters } from '../../resource-kinds.ts'
import { QUOTA_TYPES, quotaZone, type QuotaType } from './quota.ts'
import { reservedFor } from './reservations.ts'

export type Quotas = Record<QuotaType, number>

/** Every type's platform default. A type without a row is a broken migration, not "unlimited". */
export async function quotaDefaults(db: Queryable): Promise<Quotas> {
  const rows = await db.selectFrom('quota_defaults').select(['resource_type', 'quota']).execute()
  const stored = new Map(rows.map((r) => [r.resource_type, Number(r.quota)]))
  return Object.fromEntries(
    QUOTA_TYPES.map((type) => {
      const quota = stored.get(type)
      if (quota === undefined) throw new Error(`quota_defaults has no row for [${type}]`)
      return [type, quota]
    }),
  ) as Quotas
}

export async function setQuotaDefault(db: Queryable, type: QuotaType, quota: number): Promise<void> {
  await db
    .insertInto('quota_defaults')
    .values({ resource_type: type, quota })
    .onConflict((oc) => oc.column('resource_type').doUpdateSet({ quota }))
    .execute()
}

/** The administrator's overrides for a user in a zone (user-wide types under zone ''). */
export async function userOverrides(db: Queryable, userId: string, zone: string): Promise<Partial<Quotas>> {
  const rows = await db.selectFrom('user_quotas').select(['zone_id', 'resource_type', 'quota']).where('user_id', '=', userId).where('zone_id', 'in', [zone, '']).execute()
  const overrides: Partial<Quotas> = {}
  for (const row of rows) {
    const type = QUOTA_TYPES.find((t) => t === row.resource_type)
    if (type && quotaZone(type, zone) === row.zone_id) overrides[type] = Number(row.quota)
  }
  return overrides
}

export async function setUserQuota(db: Queryable, userId: string, zone: string, type: QuotaType, quota: number, now: Date): Promise<void> {
  const row = { user_id: userId, zone_id: quotaZone(type, zone), resource_type: type, quota, update_time: formatTime(now) }
  await db
    .insertInto('user_quotas')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'zone_id', 'resource_type']).doUpdateSet({ quota, update_time: row.update_time }))
    .execute()
}

export async function removeUserQuotas(db: Queryable, userId: string, zone: string, types: readonly QuotaType[]): Promise<void> {
  for (const type of types) {
    await db.deleteFrom('user_quotas').where('user_id', '=', userId).where('zone_id', '=', quotaZone(type, zone)).where('resource_type', '=', type).execute()
  }
}

/** Each type's quota for the user in the zone: the override, else the platform default. */
export async function quotasFor(db: Queryable, userId: string, zone: string): Promise<Quotas> {
  return { ...(await quotaDefaults(db)), ...(await userOverrides(db, userId, zone)) }
}

/**
 * Holds the (user, zone) lock row until the transaction ends. Checks that hold it count usage one
 * after another, and each sees the resources the previous one committed (PostgreSQL reads committed
 * data per statement). The row is created on first use; a concurrent creator simply waits.
 * The quota locker of the lock-set (src/lockers.ts): everything else asks ctx.locks (requireQuota).
 */
export async function lockQuota(db: Tx, caps: Capabilities, userId: string, zone: string): Promise<void> {
  await db
    .insertInto('quota_locks')
    .values({ user_id: userId, zone_id: zone })
    .onConflict((oc) => oc.columns(['user_id', 'zone_id']).doNothing())
    .execute()
  await caps.forUpdate(db.selectFrom('quota_locks').select('user_id').where('user_id', '=', userId).where('zone_id', '=', zone)).execute()
}

/**
 * What the user holds in the zone, per type: the resource rows (gone ones, terminated, deleted or
 * ceased, count no more; tags: in every zone) plus the reservations of pending jobs (reservations.ts), so a resize
 * counts at its larger size from the moment it is accepted, though its job writes the size later.
 */
export async function usageFor(db: Queryable, userId: string, zone: string, types: readonly QuotaType[] = QUOTA_TYPES): Promise<Quotas> {
  const wanted = new Set(types)
  const usage = Object.fromEntries(QUOTA_TYPES.map((t) => [t, 0])) as Quotas

  // each family counts its own rows (its registry entry's quota counting, src/resource-kinds.ts)
  for (const counter of quotaCounters) {
    if (!counter.types.some((type) => wanted.has(type))) continue
    const counted = await counter.usage(db, userId, zone)
    for (const type of counter.types) if (wanted.has(type)) usage[type] = counted[type] ?? 0
  }
  const reserved = await reservedFor(db, userId, zone, [...wanted])
  for (const type of wanted) usage[type] += reserved[type] ?? 0
  return usage
}
