// StartInstances: stopped → (starting) → running.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { setInstanceTransition, settleInstances } from '../instance-repo.ts'
import { TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

export const startInstances = defineAction({
  name: 'StartInstances',
  params: Type.Object({ instances: List(Str()) }),
  async handle({ instances }, ctx) {
    for (const row of await ownedIdleInstances(ctx, instances)) requireStatus(row, ['stopped'], 'is not stopped', 'can not be started')
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.start)
    return { job_id: await ctx.jobs.start({ resource_ids: instances }) }
  },
  async settle(job, ctx) {
    await settleInstances(ctx.db, job.resource_ids, 'running', ctx.clock.now())
  },
})
