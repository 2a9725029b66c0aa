// DescribeLoadBalancerListeners: the caller's listeners in the zone (an admin names another user
// with `owner`), by id and/or of one load balancer, oldest first, with total_count.
// `server_certificate_id` is always a JSON array (the Go SDK decodes []*string); verbose=1 (or 2)
// embeds each listener's `backends` with their `port` and `loadbalancer_backend_name`, which the CCM
// reads as the NodePort and the node. `search_word` matches the id or the name, ignoring case. An
// id that is unknown or someone else's matches nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { findLoadBalancers } from '../lb-repo.ts'
import { listenerItems } from '../listener-items.ts'
import { listListeners } from '../listener-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const describeLoadBalancerListeners = defineAction({
  name: 'DescribeLoadBalancerListeners',
  params: Type.Object({
    loadbalancer_listeners: Optional(List(Str())),
    loadbalancer: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, loadbalancer_listener_set: [] }
      const { total, rows } = await listListeners(ctx.db, { owner, zone_id: ctx.zone, ids: params.loadbalancer_listeners, loadbalancer: blank(params.loadbalancer) || undefined, search_word: params.search_word }, page(params))
      // verbose=1 embeds the backends (the CCM reads the first one's port), with their load balancers' status
      const lbs = params.verbose ? await findLoadBalancers(ctx.db, ctx.zone, [...new Set(rows.map((r) => r.loadbalancer_id))]) : undefined
      return { total_count: total, loadbalancer_listener_set: await listenerItems(ctx.db, rows, lbs) }
    })
  },
})
