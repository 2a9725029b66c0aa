// DescribeUserQuotas (admin): one user's quotas in a zone, per type: the quota in force, the
// platform default, whether it is overridden, the usage and what is left (-1 while unlimited).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { requireUser, userParam, userQuotaView } from '../quota-params.ts'

export const describeUserQuotas = defineAction({
  name: 'DescribeUserQuotas',
  params: Type.Object(userParam),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      await requireUser(ctx.db, params.user)
      return userQuotaView(ctx.db, params.user, ctx.zone)
    })
  },
})
