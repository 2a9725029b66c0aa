// DeleteClusterNodes: removes nodes (`nodes.N`) from an active or stopped cluster, as long as each
// role keeps its minimum (8003 otherwise). Their leases end now (2300 while a prepaid term runs);
// the job takes their instances down for good and drops them from the cluster.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { setInstanceTransition } from '../../instances/instance-repo.ts'
import { TRANSITIONS } from '../../instances/instance.ts'
import { takeDownInstances } from '../../instances/teardown.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { CLUSTER_TRANSITIONS, liveInstanceIds, lockClusters, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, instanceIdsOf, restClusters } from '../cluster-jobs.ts'
import { requireCount } from '../conf.ts'
import { clusterRole } from '../role.ts'

export const deleteClusterNodes = defineAction({
  name: 'DeleteClusterNodes',
  locks: ['wallet'],
  jobLocks: ['hosts'],
  params: Type.Object({ cluster: Str(), nodes: List(Str()), force: Optional(Flag()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    requireDistinct('nodes', params.nodes)
    const [locked] = await lockClusters(ctx, [params.cluster], ['active', 'stopped'], 'can not lose nodes', 'cluster')
    const { cluster } = locked!
    const live = new Set(liveInstanceIds(locked!))
    const nodes = locked!.nodes.filter((n) => live.has(n.instance_id))
    const doomed = params.nodes.map((id) => {
      const node = nodes.find((n) => n.node_id === id)
      if (!node) throw new ApiError('ResourceNotFound', `resource [${id}] not found in cluster [${cluster.cluster_id}]`)
      return node
    })
    for (const roleName of new Set(doomed.map((n) => n.role))) {
      const role = await clusterRole(ctx.db, cluster, roleName)
      requireCount(role, nodes.filter((n) => n.role === roleName).length - doomed.filter((n) => n.role === roleName).length)
    }
    if (doomed.length === nodes.length) throw new ApiError('InvalidClusterSetting', `cluster [${cluster.cluster_id}] would have no node left: delete the cluster instead`)

    const instances = doomed.map((n) => n.instance_id)
    await endLeases(ctx, wallet, instances, 'delete')
    await setClusterState(ctx.db, [cluster.cluster_id], { transition_status: CLUSTER_TRANSITIONS.update })
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.terminate)
    const job_id = await ctx.jobs.start({ resource_ids: [cluster.cluster_id, ...instances] })
    return { cluster_id: cluster.cluster_id, deleted_node_ids: doomed.map((n) => n.node_id), job_id }
  },
  async settle(job, ctx) {
    const instances = instanceIdsOf(job)
    await takeDownInstances(ctx, instances, ctx.clock.now(), 'ceased')
    await ctx.db.deleteFrom('cluster_nodes').where('instance_id', 'in', instances).execute()
    await setClusterState(ctx.db, clusterIdsOf(job), { transition_status: '' })
  },
  onFailure: restClusters,
})
