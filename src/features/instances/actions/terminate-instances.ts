// TerminateInstances: running, stopped or suspended → (terminating) → terminated, recoverable for
// two hours and describable by id, then ceased by the recycle bin; `direct_cease=1` skips the bin.
// Terminating gives the host capacity back, detaches data volumes and drops key-pair bindings.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { setInstanceTransition } from '../instance-repo.ts'
import { takeDownInstances } from '../teardown.ts'
import { TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

export const terminateInstances = defineAction({
  name: 'TerminateInstances',
  locks: ['wallet'],
  jobLocks: ['hosts'],
  params: Type.Object({ instances: List(Str()), direct_cease: Optional(Flag()) }),
  job: { payload: Type.Object({ direct_cease: Type.Boolean() }) },
  async handle({ instances, direct_cease }, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    for (const row of await ownedIdleInstances(ctx, instances)) {
      requireStatus(row, ['running', 'stopped', 'suspended'], `is [${row.status}]`, 'can not be terminated')
    }
    // the lease ends now (2300 for a prepaid term still running); the job only takes the instance down
    await endLeases(ctx, wallet, instances, 'delete')
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.terminate)
    return { job_id: await ctx.jobs.start({ resource_ids: instances, payload: { direct_cease: direct_cease === 1 } }) }
  },
  async settle(job, ctx) {
    await takeDownInstances(ctx, job.resource_ids, ctx.clock.now(), job.payload.direct_cease ? 'ceased' : 'terminated')
  },
})
