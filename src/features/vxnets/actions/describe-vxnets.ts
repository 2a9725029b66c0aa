// DescribeVxnets: the caller's vxnets in the zone, newest first, followed by the base network
// vxnet-0, which every user sees (it is the platform's: owner `system`, no create_time, no tags).
// vxnet-0 is listed unless the filters leave it out: vxnets.N not naming it, vxnet_type 0,
// tags.N, or a search_word matching neither its id nor its name. verbose=1 adds instance_ids
// (the caller's instances only, in vxnet-0 too); available_ip_count counts every member. A vxnet
// joined to a router shows it (`vpc_router_id`, `router` with the router's name, read through
// routers/router-repo.ts); available_ip_count then counts its DHCP range.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { findRouters } from '../../routers/router-repo.ts'
import { BASE_VXNET } from '../vxnet-kind.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { BASE_NAME } from '../network.ts'
import { listVxnets, memberCounts, memberIdsOf } from '../vxnet-repo.ts'
import { baseVxnetView, vxnetView } from '../vxnet-view.ts'

export const describeVxnets = defineAction({
  name: 'DescribeVxnets',
  params: Type.Object({
    vxnets: Optional(List(Str())),
    vxnet_type: Optional(Int({ minimum: 0, maximum: 2 })),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, vxnet_set: [] }
      const word = params.search_word?.toLowerCase()
      const withBase =
        (!params.vxnets?.length || params.vxnets.includes(BASE_VXNET)) && (params.vxnet_type === undefined || params.vxnet_type === 1) && !params.tags?.length && (!word || BASE_VXNET.includes(word) || BASE_NAME.includes(word))
      const { offset, limit } = page(params)
      const filter = { ...params, vxnets: params.vxnets?.filter((id) => id !== BASE_VXNET), owner, zone_id: ctx.zone }
      // vxnets.N naming only vxnet-0: no user row can match
      const onlyBase = params.vxnets?.length && filter.vxnets!.length === 0
      const { total, rows } = onlyBase ? { total: 0, rows: [] } : await listVxnets(ctx.db, filter, { offset, limit })
      const showBase = withBase && offset <= total && total < offset + limit
      const ids = [...rows.map((r) => r.vxnet_id), ...(showBase ? [BASE_VXNET] : [])]
      const routerIds = [...new Set(rows.map((r) => r.router_id).filter((id) => id !== ''))]
      const [counts, tags, members, routers] = await Promise.all([
        memberCounts(ctx.db, ctx.zone, ids),
        tagsOf(
          ctx.db,
          owner,
          rows.map((r) => r.vxnet_id),
        ),
        params.verbose === 1 ? memberIdsOf(ctx.db, ctx.zone, owner, ids) : undefined,
        findRouters(ctx.db, ctx.zone, routerIds),
      ])
      const routerName = new Map(routers.map((r) => [r.router_id, r.router_name]))
      const extras = (id: string, routerId = '') => ({ members: counts.get(id) ?? 0, tags: tags.get(id) ?? [], instance_ids: members?.get(id), router_name: routerName.get(routerId) })
      const vxnet_set: unknown[] = rows.map((r) => vxnetView(r, extras(r.vxnet_id, r.router_id)))
      if (showBase) vxnet_set.push(baseVxnetView(ctx.zone, extras(BASE_VXNET)))
      return { total_count: total + (withBase ? 1 : 0), vxnet_set }
    })
  },
})
