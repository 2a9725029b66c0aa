// The parameters shared by the admin actions: one optional integer per resource type (named as the
// type, as GrantQuotaIndep names its limits), and the admin's view of one user's quotas.
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { Int, Optional } from '../../protocol/params.ts'
import type { Queryable } from '../../store/database.ts'
import { findUser } from '../accounts/user-repo.ts'
import { leftOf, QUOTA_TYPES, type QuotaType } from './quota.ts'
import { quotaDefaults, userOverrides, usageFor } from './quota-repo.ts'

/** PostgreSQL `integer` holds quotas, so they stay within its range. */
const MAX_QUOTA = 2_000_000_000

const quotaInt = () => Optional(Int({ minimum: -1, maximum: MAX_QUOTA }))

/** `instance`, `cpu`, … each an optional quota, -1 for unlimited. */
export const quotaValueParams = Object.fromEntries(QUOTA_TYPES.map((type) => [type, quotaInt()])) as Record<QuotaType, ReturnType<typeof quotaInt>>

/** The types given a value in `params`, with it, in catalogue order. */
export const givenQuotas = (params: Partial<Record<QuotaType, number>>): Array<[QuotaType, number]> => QUOTA_TYPES.flatMap((type) => (params[type] === undefined ? [] : [[type, params[type]] as [QuotaType, number]]))

export const userParam = { user: Type.String({ maxLength: 64, minLength: 1 }) }

export async function requireUser(db: Queryable, userId: string): Promise<void> {
  if (!(await findUser(db, userId))) throw new ApiError('ResourceNotFound', `user [${userId}] not found`)
}

/** Per type: the quota in force, where it comes from, the platform default, what is used and left. */
export async function userQuotaView(db: Queryable, userId: string, zone: string) {
  const defaults = await quotaDefaults(db)
  const overrides = await userOverrides(db, userId, zone)
  const usage = await usageFor(db, userId, zone)
  return {
    user_id: userId,
    zone_id: zone,
    quota_set: QUOTA_TYPES.map((resource_type) => {
      const quota = overrides[resource_type] ?? defaults[resource_type]
      return {
        resource_type,
        quota,
        default_quota: defaults[resource_type],
        overridden: overrides[resource_type] === undefined ? 0 : 1,
        usage: usage[resource_type],
        left: leftOf(quota, usage[resource_type]),
      }
    }),
  }
}
