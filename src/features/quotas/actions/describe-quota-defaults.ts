// DescribeQuotaDefaults (admin): the platform's default quota per resource type, for every user and
// zone without an override of their own.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { quotaDefaults } from '../quota-repo.ts'

export const describeQuotaDefaults = defineAction({
  name: 'DescribeQuotaDefaults',
  zone: 'none',
  params: Type.Object({}),
  async query(_params, ctx) {
    return { quota_set: await quotaDefaults(ctx.db) }
  },
})
