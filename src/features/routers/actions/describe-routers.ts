// DescribeRouters: the caller's VPC routers in the zone (an admin may name another `owner`).
// Deleted and ceased routers are left out of plain listings but stay describable by id or status:
// terraform polls a router by id after DeleteRouters until it reads `deleted`. `eip` is always an
// object; `vxnets` (the vxnets joined to the router, each with the router's interface in it) only
// with verbose=1. `vxnet` finds the router that vxnet is joined to. Joins are the vxnets feature's.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { eipSummaries } from '../../eips/eip-repo.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { joinedVxnetsOf, routerOfVxnet } from '../../vxnets/vxnet-repo.ts'
import { listRouters } from '../router-repo.ts'
import { routerItem } from '../router-view.ts'

export const ROUTER_STATUSES = ['pending', 'active', 'poweroffed', 'suspended', 'deleted', 'ceased'] as const

export const describeRouters = defineAction({
  name: 'DescribeRouters',
  params: Type.Object({
    routers: Optional(List(Str())),
    vxnet: Optional(Str()),
    status: Optional(List(Type.Union(ROUTER_STATUSES.map((s) => Type.Literal(s))))),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, router_set: [] }
      let ids = params.routers
      if (params.vxnet !== undefined) {
        const router = await routerOfVxnet(ctx.db, ctx.zone, params.vxnet)
        if (router === undefined || (ids !== undefined && !ids.includes(router))) return { total_count: 0, router_set: [] }
        ids = [router]
      }
      const { total, rows } = await listRouters(ctx.db, { ...params, ids, owner, zone_id: ctx.zone }, page(params))
      const eips = new Map(
        (
          await eipSummaries(
            ctx.db,
            rows.map((r) => r.eip_id),
          )
        ).map((e) => [e.eip_id, e]),
      )
      const tags = await tagsOf(
        ctx.db,
        owner,
        rows.map((r) => r.router_id),
      )
      const joined =
        params.verbose === 1
          ? await joinedVxnetsOf(
              ctx.db,
              rows.map((r) => r.router_id),
            )
          : undefined
      return { total_count: total, router_set: rows.map((r) => routerItem(r, eips.get(r.eip_id), tags.get(r.router_id) ?? [], joined && (joined.get(r.router_id) ?? []))) }
    })
  },
})
