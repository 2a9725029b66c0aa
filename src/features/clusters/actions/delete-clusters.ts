// DeleteClusters: an active or stopped cluster → (deleting) → deleted, its nodes' instances
// terminated with it (their leases end now: 2300 while a prepaid term runs). A deleted cluster
// stays describable by id for two hours, then the recycle bin ceases it; `direct_cease=1` ceases
// cluster and nodes at once. One job per cluster (`job_ids`).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { TRANSITIONS } from '../../instances/instance.ts'
import { takeDownInstances } from '../../instances/teardown.ts'
import { CLUSTER_TRANSITIONS, liveInstanceIds, lockClusters, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, instanceIdsOf, queueClusterJobs, restClusters } from '../cluster-jobs.ts'

export const deleteClusters = defineAction({
  name: 'DeleteClusters',
  locks: ['wallet'],
  jobLocks: ['hosts'],
  params: Type.Object({ clusters: List(Str()), direct_cease: Optional(Flag()), force: Optional(Flag()) }),
  job: { payload: Type.Object({ direct_cease: Type.Boolean() }) },
  async handle({ clusters, direct_cease }, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const locked = await lockClusters(ctx, clusters, ['active', 'stopped'], 'can not be deleted')
    // every lease ends now, or nothing happens (a prepaid term still running → 2300)
    await endLeases(ctx, wallet, locked.flatMap(liveInstanceIds), 'delete')
    const job_ids = await queueClusterJobs(ctx, locked, { cluster: CLUSTER_TRANSITIONS.delete, instances: TRANSITIONS.terminate }, (resource_ids) => ctx.jobs.start({ resource_ids, payload: { direct_cease: direct_cease === 1 } }))
    return { job_ids }
  },
  async settle(job, ctx) {
    const now = ctx.clock.now()
    const gone = job.payload.direct_cease ? 'ceased' : 'terminated'
    await takeDownInstances(ctx, instanceIdsOf(job), now, gone)
    await setClusterState(ctx.db, clusterIdsOf(job), { status: job.payload.direct_cease ? 'ceased' : 'deleted', transition_status: '' }, now)
  },
  onFailure: restClusters,
})
