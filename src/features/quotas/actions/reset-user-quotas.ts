// ResetUserQuotas (admin): drops a user's overrides in a zone, for the types named or for all, so
// the platform defaults apply again.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, OneOf, Optional } from '../../../protocol/params.ts'
import { isQuotaType, QUOTA_TYPES } from '../quota.ts'
import { removeUserQuotas } from '../quota-repo.ts'
import { requireUser, userParam, userQuotaView } from '../quota-params.ts'

export const resetUserQuotas = defineAction({
  name: 'ResetUserQuotas',
  params: Type.Object({ ...userParam, resource_types: Optional(List(OneOf(QUOTA_TYPES))) }),
  async handle(params, ctx) {
    await requireUser(ctx.db, params.user)
    await removeUserQuotas(ctx.db, params.user, ctx.zone, (params.resource_types ?? QUOTA_TYPES).filter(isQuotaType))
    return userQuotaView(ctx.db, params.user, ctx.zone)
  },
})
