// RestartInstances: running → (restarting) → running.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { setInstanceTransition, settleInstances } from '../instance-repo.ts'
import { TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

export const restartInstances = defineAction({
  name: 'RestartInstances',
  params: Type.Object({ instances: List(Str()) }),
  async handle({ instances }, ctx) {
    for (const row of await ownedIdleInstances(ctx, instances)) requireStatus(row, ['running'], 'is not running', 'can not be restarted')
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.restart)
    return { job_id: await ctx.jobs.start({ resource_ids: instances }) }
  },
  async settle(job, ctx) {
    await settleInstances(ctx.db, job.resource_ids, 'running', ctx.clock.now())
  },
})
