// DescribeClusterNodes: the nodes of the caller's cluster (`cluster`), or the nodes named
// (`nodes.N`, which the reference also calls `cluster_nodes.N`), or every node of the caller in the
// zone. A node's status follows its instance: active, stopped, suspended, deleted, ceased.
import Type from 'typebox'
import { sql, type SqlBool } from 'kysely'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Flag, List, Optional, page, Str } from '../../../protocol/params.ts'
import { contains } from '../../../store/search.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { instanceIdsWhere } from '../../instances/instance-repo.ts'
import { instanceStatusesFor, nodeViews } from '../cluster-view.ts'

export const describeClusterNodes = defineAction({
  name: 'DescribeClusterNodes',
  params: Type.Object({
    cluster: Optional(Str()),
    nodes: Optional(List(Str())),
    cluster_nodes: Optional(List(Str())),
    role: Optional(Str()),
    status: Optional(Str()),
    reverse: Optional(Flag()),
    sort_key: Optional(Str()),
    console: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, node_set: [] }
      const nodeIds = [...(params.nodes ?? []), ...(params.cluster_nodes ?? [])]
      let q = ctx.db.selectFrom('cluster_nodes').innerJoin('clusters', 'clusters.cluster_id', 'cluster_nodes.cluster_id').where('clusters.owner', '=', owner).where('clusters.zone_id', '=', ctx.zone)
      if (params.cluster) q = q.where('cluster_nodes.cluster_id', '=', params.cluster)
      if (nodeIds.length) q = q.where('cluster_nodes.node_id', 'in', nodeIds)
      if (params.role !== undefined) q = q.where('cluster_nodes.role', '=', params.role)
      if (params.status) {
        const statuses = instanceStatusesFor([params.status])
        if (statuses.length === 0) return { total_count: 0, node_set: [] }
        q = q.where('cluster_nodes.instance_id', 'in', instanceIdsWhere(ctx.db, { statuses }))
      }
      if (params.search_word) q = q.where(sql<SqlBool>`(${contains('cluster_nodes.node_id', params.search_word)} or ${contains('cluster_nodes.name', params.search_word)})`)

      const { offset, limit } = page(params)
      const order = params.reverse === 1 ? 'desc' : 'asc'
      const [{ n }, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('cluster_nodes').orderBy('cluster_nodes.create_time', order).orderBy('cluster_nodes.node_id', order).offset(offset).limit(limit).execute(),
      ])
      const clusterIds = [...new Set(rows.map((r) => r.cluster_id))]
      const clusters = clusterIds.length ? await ctx.db.selectFrom('clusters').selectAll().where('cluster_id', 'in', clusterIds).execute() : []
      return { total_count: Number(n), node_set: await nodeViews(ctx.db, rows, new Map(clusters.map((c) => [c.cluster_id, c]))) }
    })
  },
})
