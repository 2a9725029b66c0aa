// ApplySnapshots: rolls each snapshot's resource back to that point. The snapshots must be the
// caller's and `available`, one per resource; their resource must still exist, be the caller's
// and idle (a volume available or in-use, an instance running or stopped). The resource is
// `updating` (a transition terraform waits through) until the job settles; a running instance is
// restarted by the rollback and comes back running. The snapshots themselves do not change, and a
// volume keeps its current size.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { BUSY_LABEL } from '../snapshot.ts'
import { getSnapshotsForUpdate } from '../snapshot-repo.ts'
import { IDLE_STATUSES, labelOf, lockSources, setSourceTransition } from '../source.ts'

const ROLLING_BACK = 'updating'

export const applySnapshots = defineAction({
  name: 'ApplySnapshots',
  params: Type.Object({ snapshots: List(Str()) }),
  async handle(params, ctx) {
    // the resources are locked before the snapshots, as CreateSnapshots does, so the two never deadlock
    requireDistinct('snapshots', params.snapshots)
    const named = await ctx.db.selectFrom('snapshots').select(['snapshot_id', 'owner', 'resource_id']).where('zone_id', '=', ctx.zone).where('snapshot_id', 'in', params.snapshots).execute()
    const resources = requireOwned(named, params.snapshots, (s) => s.snapshot_id, ctx.caller).map((s) => s.resource_id)
    const seen = new Set<string>()
    for (const [i, resource] of resources.entries()) {
      if (seen.has(resource)) throw new ApiError('InvalidRequestFormat', `parameter snapshots names more than one snapshot of resource [${resource}] (snapshots.${i + 1})`)
      seen.add(resource)
    }
    const sources = await lockSources(ctx, resources)
    const snapshots = await getSnapshotsForUpdate(ctx, 'snapshots', params.snapshots)
    for (const [i, s] of snapshots.entries()) {
      requireIdle(BUSY_LABEL, s.snapshot_id, s)
      if (s.status !== 'available') throw stateRule('snapshot', s.snapshot_id, 'is not available', 'can not be applied')
      const source = sources[i]!
      const label = labelOf(source.resource_type)
      if (!IDLE_STATUSES[source.resource_type].includes(source.status)) {
        throw stateRule(label, source.resource_id, `is [${source.status}]`, `snapshot [${s.snapshot_id}] can not be applied to it`)
      }
      requireIdle(label, source.resource_id, source)
    }
    await setSourceTransition(ctx.db, resources, ROLLING_BACK)
    return { job_id: await ctx.jobs.start({ resource_ids: resources }) }
  },
  // the disks now hold the snapshots' data; a running instance was restarted on it and runs again
  async settle(job, jctx) {
    await setSourceTransition(jctx.db, job.resource_ids, '', { status_time: formatTime(jctx.clock.now()) }, ROLLING_BACK)
  },
})
