// What cluster jobs share: their resource ids name the cluster (`cl-…`) and its node instances
// (`i-…`); a failed job puts both back to rest where they were.
import type { JobContext, RunningJob } from '../../protocol/action.ts'
import { setInstanceTransition } from '../instances/instance-repo.ts'
import { setClusterState } from './cluster-repo.ts'

export const clusterIdsOf = (job: RunningJob): string[] => job.resource_ids.filter((id) => id.startsWith('cl-'))
export const instanceIdsOf = (job: RunningJob): string[] => job.resource_ids.filter((id) => id.startsWith('i-'))

/** The default undo of a failed cluster job: nothing changed, nothing is in transition any more. */
export async function restClusters(job: RunningJob, ctx: JobContext): Promise<void> {
  await setInstanceTransition(ctx.db, instanceIdsOf(job), '')
  await setClusterState(ctx.db, clusterIdsOf(job), { transition_status: '' })
}
