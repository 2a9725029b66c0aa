// DescribeQuotas (reference 3.12): the caller's quotas in the zone as a map from resource type to
// quota (-1 for unlimited), the shape the documentation prints.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { quotasFor } from '../quota-repo.ts'

export const describeQuotas = defineAction({
  name: 'DescribeQuotas',
  params: Type.Object({}),
  async query(_params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      return { user_id: ctx.caller.user_id, quota_set: await quotasFor(ctx.db, ctx.caller.user_id, ctx.zone) }
    })
  },
})
