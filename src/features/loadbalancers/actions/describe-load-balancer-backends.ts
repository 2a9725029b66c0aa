// DescribeLoadBalancerBackends: the caller's backends in the zone (an admin names another user with
// `owner`), by id, of one listener and/or of one load balancer, oldest first, with total_count. Each
// carries `loadbalancer_id` and `loadbalancer_listener_id` at every verbose level (terraform reads
// the first at verbose=1) and a derived `status` (backend-status.ts: up, or down when the load
// balancer is not active, the backend is disabled or its instance is not running, terminated ones
// included). `search_word` matches the id or the name, ignoring case. An id that is unknown or
// someone else's matches nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listBackends } from '../backend-repo.ts'
import { backendStatuses } from '../backend-status.ts'
import { findLoadBalancers } from '../lb-repo.ts'
import { backendItem } from '../lb-view.ts'
import { blank } from '../../resources/wire-values.ts'

export const describeLoadBalancerBackends = defineAction({
  name: 'DescribeLoadBalancerBackends',
  params: Type.Object({
    loadbalancer_backends: Optional(List(Str())),
    loadbalancer_listener: Optional(Str()),
    loadbalancer: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, loadbalancer_backend_set: [] }
      const { total, rows } = await listBackends(
        ctx.db,
        { owner, zone_id: ctx.zone, ids: params.loadbalancer_backends, listener: blank(params.loadbalancer_listener) || undefined, loadbalancer: blank(params.loadbalancer) || undefined, search_word: params.search_word },
        page(params),
      )
      const statuses = await backendStatuses(ctx.db, await findLoadBalancers(ctx.db, ctx.zone, [...new Set(rows.map((r) => r.loadbalancer_id))]), rows)
      return { total_count: total, loadbalancer_backend_set: rows.map((r) => backendItem(r, statuses.get(r.loadbalancer_backend_id) ?? 'down')) }
    })
  },
})
