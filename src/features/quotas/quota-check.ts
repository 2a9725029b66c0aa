// requireQuota: the one check every creating or growing action makes before it writes. It takes
// the (user, zone) quota lock first, through the transaction's lock-set (the action declares it:
// protocol/locks.ts), and holds it until the transaction ends, so parallel requests of one user in
// one zone cannot both see the same room and both use it.
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable } from '../../store/database.ts'
import { quotasFor, usageFor } from './quota-repo.ts'
import { leftOf, QUOTA_TYPES, quotaZone, UNLIMITED, type QuotaDemand, type QuotaType } from './quota.ts'

/**
 * Throws 2500 QuotasExceeded, naming the first resource type (in catalogue order) whose quota in
 * `zone` cannot cover `demand`, and what is left of it. Demands of 0 or less need no room (a
 * resize that shrinks). `zone` is ignored for user-wide types (tag).
 */
export async function requireQuota(ctx: Pick<ActionContext, 'db' | 'caller' | 'locks'>, zone: string, demand: QuotaDemand): Promise<void> {
  const types = QUOTA_TYPES.filter((type) => (demand[type] ?? 0) > 0)
  if (types.length === 0) return
  const userId = ctx.caller.user_id
  // sorted, so two checks needing both a zone's lock and the user-wide one cannot deadlock
  const lockZones = [...new Set(types.map((type) => quotaZone(type, zone)))].sort()
  for (const lockZone of lockZones) await ctx.locks.take('quota', { user: userId, zone: lockZone })
  await checkRoom(ctx.db, userId, zone, demand, types)
}

/**
 * The same check without the lock, for an action's `prepare`: a caller with no quota left is
 * refused (2500, same message) before the action pays for slow work such as generating a key.
 * It is only a pre-check: `handle` must still call requireQuota, which decides.
 */
export async function precheckQuota(db: Queryable, userId: string, zone: string, demand: QuotaDemand): Promise<void> {
  const types = QUOTA_TYPES.filter((type) => (demand[type] ?? 0) > 0)
  if (types.length > 0) await checkRoom(db, userId, zone, demand, types)
}

async function checkRoom(db: Queryable, userId: string, zone: string, demand: QuotaDemand, types: readonly QuotaType[]): Promise<void> {
  const quotas = await quotasFor(db, userId, zone)
  const usage = await usageFor(db, userId, zone, types)
  for (const type of types) {
    if (quotas[type] === UNLIMITED) continue
    const left = leftOf(quotas[type], usage[type])
    if (demand[type]! > left) throw new ApiError('QuotasExceeded', `you only have ${left} ${type} quota left currently`)
  }
}
