// StartClusters: stopped → (starting) → active, every node with it; one job per cluster (`job_ids`).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { settleInstances } from '../../instances/instance-repo.ts'
import { TRANSITIONS } from '../../instances/instance.ts'
import { CLUSTER_TRANSITIONS, lockClusters, requireNodesIn, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, instanceIdsOf, queueClusterJobs, restClusters } from '../cluster-jobs.ts'

export const startClusters = defineAction({
  name: 'StartClusters',
  params: Type.Object({ clusters: List(Str()) }),
  async handle({ clusters }, ctx) {
    const locked = await lockClusters(ctx, clusters, ['stopped'], 'can not be started')
    for (const one of locked) requireNodesIn(one, ['stopped'], 'started')
    const job_ids = await queueClusterJobs(ctx, locked, { cluster: CLUSTER_TRANSITIONS.start, instances: TRANSITIONS.start }, (resource_ids) => ctx.jobs.start({ resource_ids }))
    return { job_ids }
  },
  async settle(job, ctx) {
    const now = ctx.clock.now()
    await settleInstances(ctx.db, instanceIdsOf(job), 'running', now)
    await setClusterState(ctx.db, clusterIdsOf(job), { status: 'active', transition_status: '' }, now)
  },
  onFailure: restClusters,
})
