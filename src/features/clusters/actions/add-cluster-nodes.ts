// AddClusterNodes: `node_count` more nodes of one role in an active cluster, up to the role's
// maximum (8003 beyond). New nodes take the shape and storage of the role's existing nodes (the
// role's defaults when it has none) and the version's image, and are billed by the hour.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Optional, Str } from '../../../protocol/params.ts'
import { planOf } from '../../billing/contract.ts'
import { Wallet } from '../../billing/wallet.ts'
import { abandonInstances, bringUpInstances, instanceDemand } from '../../instances/launch.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { CLUSTER_TRANSITIONS, liveInstanceIds, lockClusters, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, instanceIdsOf } from '../cluster-jobs.ts'
import { requireCount, storageSize } from '../conf.ts'
import { clusterNetwork, imageHere, instanceShape, launchNodes, roleImage } from '../nodes.ts'
import { clusterRole } from '../role.ts'

export const addClusterNodes = defineAction({
  name: 'AddClusterNodes',
  locks: ['wallet', 'quota', 'hosts'],
  jobLocks: ['wallet', 'hosts'],
  params: Type.Object({
    cluster: Str(),
    node_count: Int({ minimum: 1, maximum: 100 }),
    node_role: Optional(Str({ maxLength: 32 })),
    node_name: Optional(Str({ maxLength: 64 })),
    private_ips: Optional(List(Str())),
    resource_conf: Optional(Str()),
  }),
  workMs: 3000,
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const [locked] = await lockClusters(ctx, [params.cluster], ['active'], 'can not take new nodes', 'cluster')
    const { cluster, nodes } = locked!
    const role = await clusterRole(ctx.db, cluster, params.node_role)
    const live = new Set(liveInstanceIds(locked!))
    const members = nodes.filter((n) => n.role === role.role && live.has(n.instance_id))
    requireCount(role, members.length + params.node_count)

    const sample = members[0] ? locked!.instances.get(members[0].instance_id) : undefined
    const shape = sample ? { cpu: sample.vcpus_current, memory: sample.memory_current } : role.shapes[0]!
    // the image the role's nodes already run (the conf may have chosen it), else the version's
    const image = sample ? await imageHere(ctx, role.role, sample.image_id, 'anyone') : await roleImage(ctx, cluster.version_id, role.role, undefined)
    // the new nodes join the cluster's network (locked after the declared locks: protocol/locks.ts)
    const network = await clusterNetwork(ctx, cluster.vxnet_id)
    await requireQuota(ctx, ctx.zone, instanceDemand(params.node_count, instanceShape(shape)))
    const added = await launchNodes(ctx, wallet, {
      network,
      cluster_id: cluster.cluster_id,
      role: role.role,
      count: params.node_count,
      shape,
      storage_size: members[0]?.storage_size ?? storageSize(role, undefined),
      instance_class: sample?.instance_class ?? 0,
      image,
      plan: planOf({}),
    })
    if (params.node_name)
      await ctx.db
        .updateTable('cluster_nodes')
        .set({ name: params.node_name })
        .where(
          'node_id',
          'in',
          added.map((n) => n.node_id),
        )
        .execute()
    await setClusterState(ctx.db, [cluster.cluster_id], { transition_status: CLUSTER_TRANSITIONS.update })
    const job_id = await ctx.jobs.start({ resource_ids: [cluster.cluster_id, ...added.map((n) => n.instance_id)] })
    return { cluster_id: cluster.cluster_id, new_node_ids: added.map((n) => n.node_id), job_id }
  },
  async settle(job, ctx) {
    await bringUpInstances(ctx.db, instanceIdsOf(job), ctx.clock.now())
    await setClusterState(ctx.db, clusterIdsOf(job), { transition_status: '' })
  },
  // the new nodes never came up: refunded, ceased and no longer counted as nodes
  async onFailure(job, ctx) {
    const instances = instanceIdsOf(job)
    await abandonInstances(ctx, instances)
    await ctx.db.deleteFrom('cluster_nodes').where('instance_id', 'in', instances).execute()
    await setClusterState(ctx.db, clusterIdsOf(job), { transition_status: '' })
  },
})
