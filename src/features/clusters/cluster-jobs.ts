// What cluster jobs share: their resource ids name the cluster (`cl-…`) and its node instances
// (`i-…`); the whole-cluster actions queue one job per cluster (`job_ids`); a failed job puts
// both back to rest where they were.
import type { ActionContext, JobContext, RunningJob } from '../../protocol/action.ts'
import { setInstanceTransition } from '../instances/instance-repo.ts'
import { liveInstanceIds, setClusterState, type LockedCluster } from './cluster-repo.ts'

export const clusterIdsOf = (job: RunningJob): string[] => job.resource_ids.filter((id) => id.startsWith('cl-'))
export const instanceIdsOf = (job: RunningJob): string[] => job.resource_ids.filter((id) => id.startsWith('i-'))

/**
 * Puts each cluster and its live node instances in transition and queues one job for each
 * cluster, over the cluster and those instances, with `queue` (the action's own `ctx.jobs.start`,
 * typed by its payload). Answers the `job_ids` map clients expect.
 */
export async function queueClusterJobs(ctx: ActionContext, locked: readonly LockedCluster[], transition: { cluster: string; instances: string }, queue: (resource_ids: string[]) => Promise<string>): Promise<Record<string, string>> {
  const job_ids: Record<string, string> = {}
  for (const one of locked) {
    const instances = liveInstanceIds(one)
    await setClusterState(ctx.db, [one.cluster.cluster_id], { transition_status: transition.cluster })
    await setInstanceTransition(ctx.db, instances, transition.instances)
    job_ids[one.cluster.cluster_id] = await queue([one.cluster.cluster_id, ...instances])
  }
  return job_ids
}

/** The default undo of a failed cluster job: nothing changed, nothing is in transition any more. */
export async function restClusters(job: RunningJob, ctx: JobContext): Promise<void> {
  await setInstanceTransition(ctx.db, instanceIdsOf(job), '')
  await setClusterState(ctx.db, clusterIdsOf(job), { transition_status: '' })
}
