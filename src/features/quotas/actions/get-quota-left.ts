// GetQuotaLeft (reference 3.12): how much more of each resource type the caller may create in the
// zone; -1 for an unlimited type. Without `resource_types` every type of the catalogue is listed.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { List, OneOf, Optional } from '../../../protocol/params.ts'
import { leftOf, QUOTA_TYPES } from '../quota.ts'
import { quotasFor, usageFor } from '../quota-repo.ts'

export const getQuotaLeft = defineAction({
  name: 'GetQuotaLeft',
  params: Type.Object({
    resource_types: Optional(List(OneOf(QUOTA_TYPES))),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const wanted = new Set<string>(params.resource_types ?? QUOTA_TYPES)
      const types = QUOTA_TYPES.filter((type) => wanted.has(type))
      const quotas = await quotasFor(ctx.db, ctx.caller.user_id, ctx.zone)
      const usage = await usageFor(ctx.db, ctx.caller.user_id, ctx.zone, types)
      return { quota_left_set: types.map((resource_type) => ({ resource_type, left: leftOf(quotas[resource_type], usage[resource_type]) })) }
    })
  },
})
