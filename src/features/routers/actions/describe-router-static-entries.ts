// DescribeRouterStaticEntries: the caller's static entries in the zone (an admin names another user
// with `owner`), of one static (`router_static`) or by id: the docs call the id filter
// `router_static_entry_id`, the Go SDK sends one id as `router_static_entries`, the Python SDK a
// list as `router_static_entries.N`; all three are accepted. search_word matches id or name. Oldest
// first.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listEntries } from '../router-statics-repo.ts'
import { entryItem } from '../static-view.ts'
import { blank } from '../../resources/wire-values.ts'

export const describeRouterStaticEntries = defineAction({
  name: 'DescribeRouterStaticEntries',
  params: Type.Object({
    // a single id (Go SDK) or a list (router_static_entries.N): both arrive here, told apart below
    router_static_entries: Optional(Type.Union([Str(), List(Str())])),
    router_static_entry_id: Optional(Str()),
    router_static: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    const ids = [params.router_static_entries ?? [], params.router_static_entry_id ?? []].flat()
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, router_static_entry_set: [] }
      const { total, rows } = await listEntries(ctx.db, { owner, zone_id: ctx.zone, ids, router_static: blank(params.router_static) || undefined, search_word: params.search_word }, page(params))
      return { total_count: total, router_static_entry_set: rows.map(entryItem) }
    })
  },
})
