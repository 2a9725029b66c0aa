// StopInstances: running → (stopping) → stopped. `force=1` is a hard power-off with no guest
// shutdown, so its job works for FORCED_STOP_MS instead of the usual 1.5 s (at realistic job speed);
// the Go SDK always sends force=0.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { setInstanceTransition, settleInstances } from '../instance-repo.ts'
import { TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

/** How long a forced stop's job works (the job runner's default, for a clean shutdown, is 1500 ms). */
export const FORCED_STOP_MS = 300

export const stopInstances = defineAction({
  name: 'StopInstances',
  params: Type.Object({ instances: List(Str()), force: Optional(Flag()) }),
  async handle({ instances, force }, ctx) {
    for (const row of await ownedIdleInstances(ctx, instances)) requireStatus(row, ['running'], 'is not running', 'can not be stopped')
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.stop)
    return { job_id: await ctx.jobs.start({ resource_ids: instances, ...(force === 1 && { work_ms: FORCED_STOP_MS }) }) }
  },
  async settle(job, ctx) {
    await settleInstances(ctx.db, job.resource_ids, 'stopped', ctx.clock.now())
  },
})
