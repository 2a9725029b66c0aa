// StopClusters: active → (stopping) → stopped, every node with it; one job per cluster (`job_ids`).
// `force` (a hard power-off) is accepted; nodes stop the same way either way.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { settleInstances } from '../../instances/instance-repo.ts'
import { TRANSITIONS } from '../../instances/instance.ts'
import { CLUSTER_TRANSITIONS, lockClusters, requireNodesIn, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, instanceIdsOf, queueClusterJobs, restClusters } from '../cluster-jobs.ts'

export const stopClusters = defineAction({
  name: 'StopClusters',
  params: Type.Object({ clusters: List(Str()), force: Optional(Flag()) }),
  async handle({ clusters }, ctx) {
    const locked = await lockClusters(ctx, clusters, ['active'], 'can not be stopped')
    for (const one of locked) requireNodesIn(one, ['running'], 'stopped')
    const job_ids = await queueClusterJobs(ctx, locked, { cluster: CLUSTER_TRANSITIONS.stop, instances: TRANSITIONS.stop }, (resource_ids) => ctx.jobs.start({ resource_ids }))
    return { job_ids }
  },
  async settle(job, ctx) {
    const now = ctx.clock.now()
    await settleInstances(ctx.db, instanceIdsOf(job), 'stopped', now)
    await setClusterState(ctx.db, clusterIdsOf(job), { status: 'stopped', transition_status: '' }, now)
  },
  onFailure: restClusters,
})
