// DescribeLoadBalancers: the caller's load balancers in the zone, newest first (`owner` may name
// only the caller, or any user for an admin). Deleted and ceased ones are left out of plain
// listings but stay describable by id or status: terraform reads a load balancer by id after
// DeleteLoadBalancers until it says `deleted`. Every item carries `cluster` and `eips` (its EIPs),
// `private_ips`, `vxnet_id`, `node_count`, `loadbalancer_type`, `tags` and `is_applied` at every
// verbose level (the CCM's and terraform's waits read verbose 0); verbose ≥ 1 adds `listeners`,
// each with its certificates and its `backends` (status: backend-status.ts). verbose 2 shows
// nothing more (the CCM sends it; QingLocal has no cluster health data).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import type { LoadBalancerTable, Queryable } from '../../../store/database.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { eipSummaries } from '../../eips/eip-repo.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { eipBindingsOf, listLoadBalancers } from '../lb-repo.ts'
import { type ListenerItem, type LoadBalancerEip, loadBalancerItem } from '../lb-view.ts'
import { listenerItems } from '../listener-items.ts'
import { listenersOf } from '../listener-repo.ts'

export const LOADBALANCER_STATUSES = ['pending', 'active', 'stopped', 'suspended', 'deleted', 'ceased'] as const

/**
 * Each load balancer's EIPs as it lists them, in the order they were bound. An EIP still being
 * associated is not listed yet (DescribeEips shows no holder for it either); one being dissociated
 * still is, until its job settles.
 */
async function eipsOf(db: Queryable, lbIds: readonly string[]): Promise<Map<string, LoadBalancerEip[]>> {
  const bindings = new Map([...(await eipBindingsOf(db, lbIds))].map(([lb, rows]) => [lb, rows.filter((b) => b.transition_status !== 'associating')]))
  const summaries = new Map(
    (
      await eipSummaries(
        db,
        [...bindings.values()].flat().map((b) => b.eip_id),
      )
    ).map((e) => [e.eip_id, e]),
  )
  return new Map(
    [...bindings].map(([lb, rows]) => [
      lb,
      rows.map((b) => {
        const e = summaries.get(b.eip_id)
        return { eip_id: b.eip_id, eip_name: e?.eip_name ?? '', eip_addr: e?.eip_addr ?? '' }
      }),
    ]),
  )
}

/** Each load balancer's listeners with their certificates and backends (verbose ≥ 1). */
async function listenerItemsOf(db: Queryable, lbs: readonly LoadBalancerTable[]): Promise<Map<string, ListenerItem[]>> {
  const rows = [
    ...(
      await listenersOf(
        db,
        lbs.map((lb) => lb.loadbalancer_id),
      )
    ).values(),
  ].flat()
  const items = await listenerItems(db, rows, lbs)
  const byLb = new Map<string, ListenerItem[]>(lbs.map((lb) => [lb.loadbalancer_id, []]))
  for (const item of items) byLb.get(item.loadbalancer_id)?.push(item)
  return byLb
}

export const describeLoadBalancers = defineAction({
  name: 'DescribeLoadBalancers',
  params: Type.Object({
    loadbalancers: Optional(List(Str())),
    status: Optional(List(Type.Union(LOADBALANCER_STATUSES.map((s) => Type.Literal(s))))),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, loadbalancer_set: [] }
      const { total, rows } = await listLoadBalancers(ctx.db, { ...params, ids: params.loadbalancers, owner, zone_id: ctx.zone }, page(params))
      const ids = rows.map((r) => r.loadbalancer_id)
      const [eips, tags, listeners] = await Promise.all([eipsOf(ctx.db, ids), tagsOf(ctx.db, owner, ids), (params.verbose ?? 0) >= 1 ? listenerItemsOf(ctx.db, rows) : undefined])
      return {
        total_count: total,
        loadbalancer_set: rows.map((r) => loadBalancerItem(r, eips.get(r.loadbalancer_id) ?? [], tags.get(r.loadbalancer_id) ?? [], listeners && (listeners.get(r.loadbalancer_id) ?? []))),
      }
    })
  },
})
