// SetUserQuotas (admin): a user's own quotas in a zone, overriding the platform defaults (-1
// unlimited). `tag` is user-wide, so setting it in one zone sets it for all. Types not given keep
// what they had; lowering a quota below current usage only refuses further creation.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { setUserQuota } from '../quota-repo.ts'
import { givenQuotas, quotaValueParams, requireUser, userParam, userQuotaView } from '../quota-params.ts'

export const setUserQuotas = defineAction({
  name: 'SetUserQuotas',
  params: Type.Object({ ...userParam, ...quotaValueParams }),
  async handle(params, ctx) {
    const given = givenQuotas(params)
    if (given.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter, name at least one resource type (instance, cpu, …) and its quota')
    await requireUser(ctx.db, params.user)
    const now = ctx.clock.now()
    for (const [type, quota] of given) await setUserQuota(ctx.db, params.user, ctx.zone, type, quota, now)
    return userQuotaView(ctx.db, params.user, ctx.zone)
  },
})
