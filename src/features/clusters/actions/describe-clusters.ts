// DescribeClusters: the caller's clusters in the zone. Deleted and ceased ones are left out unless
// asked for by id or status; verbose=1 adds each cluster's nodes.
import Type from 'typebox'
import { sql, type SqlBool } from 'kysely'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Flag, List, Optional, page, Str } from '../../../protocol/params.ts'
import { contains } from '../../../store/search.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { clusterViews } from '../cluster-view.ts'

export const describeClusters = defineAction({
  name: 'DescribeClusters',
  params: Type.Object({
    clusters: Optional(List(Str())),
    apps: Optional(List(Str())),
    app_versions: Optional(List(Str())),
    status: Optional(List(Str())),
    name: Optional(Str({ maxLength: 64 })),
    cluster_name: Optional(Str({ maxLength: 64 })),
    vxnet: Optional(Str()),
    scope: Optional(Str()),
    role: Optional(Str()),
    tags: Optional(List(Str())),
    reverse: Optional(Flag()),
    sort_key: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, cluster_set: [] }
      let q = ctx.db.selectFrom('clusters').where('owner', '=', owner).where('zone_id', '=', ctx.zone)
      if (params.clusters?.length) q = q.where('cluster_id', 'in', params.clusters)
      if (params.status?.length) q = q.where('status', 'in', params.status)
      else if (!params.clusters?.length) q = q.where('status', 'not in', ['deleted', 'ceased'])
      if (params.apps?.length) q = q.where('app_id', 'in', params.apps)
      if (params.app_versions?.length) q = q.where('version_id', 'in', params.app_versions)
      const name = params.name ?? params.cluster_name
      if (name !== undefined) q = q.where('name', '=', name)
      if (params.vxnet) q = q.where('vxnet_id', '=', params.vxnet)
      if (params.role !== undefined) q = q.where('cluster_id', 'in', ctx.db.selectFrom('cluster_nodes').select('cluster_id').where('role', '=', params.role))
      // every cluster here is an app cluster; configuration-management clusters do not exist
      if (params.scope === 'cfgmgmt') return { total_count: 0, cluster_set: [] }
      if (params.search_word) q = q.where(sql<SqlBool>`(${contains('cluster_id', params.search_word)} or ${contains('name', params.search_word)})`)
      // clusters carry no tags yet: a tag filter matches none
      if (params.tags?.length) return { total_count: 0, cluster_set: [] }

      const { offset, limit } = page(params)
      const order = params.reverse === 1 ? 'asc' : 'desc'
      const [{ n }, rows] = await Promise.all([q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(), q.selectAll().orderBy('create_time', order).orderBy('cluster_id', order).offset(offset).limit(limit).execute()])
      return { total_count: Number(n), cluster_set: await clusterViews(ctx.db, rows, { verbose: params.verbose === 1 }) }
    })
  },
})
