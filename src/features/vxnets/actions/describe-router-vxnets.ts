// DescribeRouterVxnets: the caller's vxnets joined to a router, oldest join first (reference
// routers-nics §1). `router` names the router; absent or `*` means every router (the docs mark it
// required, the Python SDK sends it only when given: §8.9). `vxnet` narrows to one vxnet. Like
// every Describe, an unknown router, or another user's, answers an empty set. Items are the Go
// SDK's RouterVxNet with the docs' `vxnet_name`: `features` an int, `create_time` the time of
// joining. Vxnets still joining or leaving are listed (their job has not settled).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listRouterVxnets } from '../vxnet-repo.ts'

export const describeRouterVxnets = defineAction({
  name: 'DescribeRouterVxnets',
  params: Type.Object({
    router: Optional(Str({ maxLength: 64 })),
    vxnet: Optional(Str({ maxLength: 64 })),
    offset: describeParams.offset,
    limit: describeParams.limit,
    verbose: describeParams.verbose,
    owner: describeParams.owner,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, router_vxnet_set: [] }
      const router = params.router === undefined || params.router === '*' ? undefined : params.router
      const { total, rows } = await listRouterVxnets(ctx.db, { owner, zone_id: ctx.zone, router, vxnet: params.vxnet }, page(params))
      const router_vxnet_set = rows.map((r) => ({
        router_id: r.router_id,
        vxnet_id: r.vxnet_id,
        vxnet_name: r.vxnet_name,
        manager_ip: r.manager_ip,
        ip_network: r.ip_network,
        dyn_ip_start: r.dyn_ip_start,
        dyn_ip_end: r.dyn_ip_end,
        features: r.features,
        owner: r.owner,
        create_time: r.join_time,
      }))
      return { total_count: total, router_vxnet_set }
    })
  },
})
