// DescribeRouterStatics: the caller's statics in the zone (an admin names another user with
// `owner`), of one router (`router`, optional as in the docs and the Python SDK) or by id, of a
// vxnet or a static_type, or whose id or name contains search_word, oldest first, each with its entries (entry_set). An id that is unknown or
// someone else's matches nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { entriesOfStatics, listStatics } from '../router-statics-repo.ts'
import { staticItem } from '../static-view.ts'
import { blank } from '../../resources/wire-values.ts'

export const describeRouterStatics = defineAction({
  name: 'DescribeRouterStatics',
  params: Type.Object({
    router_statics: Optional(List(Str())),
    router: Optional(Str()),
    vxnet: Optional(Str()),
    static_type: Optional(Int()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, router_static_set: [] }
      const { total, rows } = await listStatics(
        ctx.db,
        { owner, zone_id: ctx.zone, ids: params.router_statics, router: blank(params.router) || undefined, vxnet: blank(params.vxnet) || undefined, static_type: params.static_type, search_word: params.search_word },
        page(params),
      )
      const entries = await entriesOfStatics(
        ctx.db,
        rows.map((r) => r.router_static_id),
      )
      return {
        total_count: total,
        router_static_set: rows.map((r) =>
          staticItem(
            r,
            entries.filter((e) => e.router_static_id === r.router_static_id),
          ),
        ),
      }
    })
  },
})
