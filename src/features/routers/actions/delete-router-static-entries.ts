// DeleteRouterStaticEntries: removes entries of the caller's statics and echoes their ids; each
// router that lost an entry becomes is_applied=0.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { deleteEntries, findEntries, getStaticsForUpdate, lockEntries, markRouterUnapplied } from '../router-statics-repo.ts'

export const deleteRouterStaticEntries = defineAction({
  name: 'DeleteRouterStaticEntries',
  params: Type.Object({ router_static_entries: List(Str()) }),
  async handle({ router_static_entries: ids }, ctx) {
    if (ids.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter router_static_entries')
    requireDistinct('router_static_entries', ids)
    const seen = requireOwned(await findEntries(ctx.db, ctx.zone, ids), ids, (e) => e.router_static_entry_id, ctx.caller)
    const { routers } = await getStaticsForUpdate(ctx, [...new Set(seen.map((e) => e.router_static_id))])
    requireOwned(await lockEntries(ctx.db, ctx.caps, ctx.zone, ids), ids, (e) => e.router_static_entry_id, ctx.caller)
    await deleteEntries(ctx.db, ids)
    await markRouterUnapplied(ctx.db, [...routers.keys()])
    return { router_static_entries: ids }
  },
})
