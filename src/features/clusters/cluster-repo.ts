// Clusters and their nodes. A changing action locks the cluster rows first, then the node
// instances: resource rows, after the declared locks (protocol/locks.ts).
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { ClusterNodeTable, ClusterTable, InstanceTable, Queryable } from '../../store/database.ts'
import { lockInstances } from '../instances/instance-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../resources/guards.ts'

export const LABEL = 'cluster'

/** Transition values; `updating` covers resizes and node changes, as QingCloud shows them. */
export const CLUSTER_TRANSITIONS = {
  create: 'creating',
  start: 'starting',
  stop: 'stopping',
  delete: 'deleting',
  update: 'updating',
} as const

/** A cluster locked for change, with its node rows and their instances (locked too). */
export interface LockedCluster {
  cluster: ClusterTable
  nodes: ClusterNodeTable[]
  instances: Map<string, InstanceTable>
}

/**
 * The caller's clusters, locked, in the order named, each idle and in one of `allowed` statuses
 * (1400 otherwise, and for a node instance in transition); 2100 for an unknown id.
 */
export async function lockClusters(ctx: ActionContext, ids: readonly string[], allowed: readonly string[], consequence: string, parameter = 'clusters'): Promise<LockedCluster[]> {
  requireDistinct(parameter, ids)
  const rows = await ctx.caps.forUpdate(ctx.db.selectFrom('clusters').selectAll().where('zone_id', '=', ctx.zone).where('cluster_id', 'in', ids)).execute()
  const clusters = requireOwned(rows, ids, (r) => r.cluster_id, ctx.caller)
  for (const cluster of clusters) {
    requireIdle(LABEL, cluster.cluster_id, cluster)
    if (!allowed.includes(cluster.status)) throw stateRule(LABEL, cluster.cluster_id, `is [${cluster.status}]`, consequence)
  }
  const nodes = await ctx.db.selectFrom('cluster_nodes').selectAll().where('cluster_id', 'in', ids).orderBy('create_time').orderBy('node_id').execute()
  const instanceIds = nodes.map((n) => n.instance_id)
  // nodes are launched in their cluster's zone
  const instances = await lockInstances(ctx.db, ctx.caps, ctx.zone, instanceIds)
  const byId = new Map(instances.map((i) => [i.instance_id, i]))
  return clusters.map((cluster) => {
    const mine = nodes.filter((n) => n.cluster_id === cluster.cluster_id)
    for (const node of mine) {
      const instance = byId.get(node.instance_id)
      if (instance?.transition_status) {
        throw new ApiError('PermissionDenied', `instance [${instance.instance_id}] of cluster [${cluster.cluster_id}] is [${instance.transition_status}], please try later`)
      }
    }
    return { cluster, nodes: mine, instances: new Map(mine.flatMap((n) => (byId.has(n.instance_id) ? [[n.instance_id, byId.get(n.instance_id)!] as const] : []))) }
  })
}

/** Node instances that are not gone (a node deleted from a cluster keeps its row until the job settles). */
export function liveInstanceIds(locked: LockedCluster): string[] {
  return locked.nodes.map((n) => n.instance_id).filter((id) => !['terminated', 'ceased'].includes(locked.instances.get(id)?.status ?? 'ceased'))
}

/** Every live node instance must be in `status` (1400 naming the first that is not). */
export function requireNodesIn(locked: LockedCluster, statuses: readonly string[], consequence: string): void {
  for (const id of liveInstanceIds(locked)) {
    const instance = locked.instances.get(id)!
    if (!statuses.includes(instance.status)) {
      throw new ApiError('PermissionDenied', `instance [${id}] of cluster [${locked.cluster.cluster_id}] is [${instance.status}], the cluster can not be ${consequence}`)
    }
  }
}

export async function setClusterState(db: Queryable, ids: readonly string[], change: { status?: string; transition_status: string }, now?: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('clusters')
    .set({ ...change, ...(change.status && now ? { status_time: formatTime(now) } : {}) })
    .where('cluster_id', 'in', ids)
    .execute()
}

export async function nodesOfClusters(db: Queryable, clusterIds: readonly string[]): Promise<ClusterNodeTable[]> {
  if (clusterIds.length === 0) return []
  return db.selectFrom('cluster_nodes').selectAll().where('cluster_id', 'in', clusterIds).orderBy('create_time').orderBy('node_id').execute()
}

/** The first of these instances that is a cluster's node, if any (instances/lifecycle.ts refuses it). */
export async function clusterNodeAmong(db: Queryable, instanceIds: readonly string[]): Promise<Pick<ClusterNodeTable, 'instance_id' | 'cluster_id'> | undefined> {
  if (instanceIds.length === 0) return undefined
  return db.selectFrom('cluster_nodes').select(['instance_id', 'cluster_id']).where('instance_id', 'in', instanceIds).executeTakeFirst()
}
