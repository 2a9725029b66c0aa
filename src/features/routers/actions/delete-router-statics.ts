// DeleteRouterStatics: removes statics of the caller's routers, with their entries, and echoes
// their ids; each router that lost a static becomes is_applied=0.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { deleteStatics, getStaticsForUpdate, markRouterUnapplied } from '../router-statics-repo.ts'

export const deleteRouterStatics = defineAction({
  name: 'DeleteRouterStatics',
  params: Type.Object({ router_statics: List(Str()) }),
  async handle({ router_statics }, ctx) {
    if (router_statics.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter router_statics')
    requireDistinct('router_statics', router_statics)
    const { routers } = await getStaticsForUpdate(ctx, router_statics)
    await deleteStatics(ctx.db, router_statics)
    await markRouterUnapplied(ctx.db, [...routers.keys()])
    return { router_statics }
  },
})
