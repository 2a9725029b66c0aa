// ModifyQuotaDefaults (admin): changes platform defaults (-1 unlimited); types not given keep theirs.
// Lowering a default below what a user holds removes nothing: it only refuses further creation.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { quotaDefaults, setQuotaDefault } from '../quota-repo.ts'
import { givenQuotas, quotaValueParams } from '../quota-params.ts'

export const modifyQuotaDefaults = defineAction({
  name: 'ModifyQuotaDefaults',
  zone: 'none',
  params: Type.Object(quotaValueParams),
  async handle(params, ctx) {
    for (const [type, quota] of givenQuotas(params)) await setQuotaDefault(ctx.db, type, quota)
    return { quota_set: await quotaDefaults(ctx.db) }
  },
})
