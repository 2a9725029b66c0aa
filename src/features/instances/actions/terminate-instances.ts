// TerminateInstances: running, stopped or suspended → (terminating) → terminated, recoverable for
// two hours and describable by id, then ceased by the recycle bin; `direct_cease=1` skips the bin.
// Terminating gives the host capacity back, detaches data volumes and drops key-pair bindings.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { releaseAll } from '../../hosts/host-repo.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { detachAllFromInstances } from '../../volumes/volume-repo.ts'
import { setInstanceTransition } from '../instance-repo.ts'
import { TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

export const terminateInstances = defineAction({
  name: 'TerminateInstances',
  params: Type.Object({ instances: List(Str()), direct_cease: Optional(Flag()) }),
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
    const now = ctx.clock.now()
    const rows = await ctx.db.selectFrom('instances').selectAll().where('instance_id', 'in', job.resource_ids).execute()
    await releaseAll(ctx.db, rows)
    await detachAllFromInstances(ctx.db, job.resource_ids, now)
    await ctx.db.deleteFrom('keypair_instances').where('instance_id', 'in', job.resource_ids).execute()
    await ctx.db
      .updateTable('instances')
      .set({ status: job.payload.direct_cease ? 'ceased' : 'terminated', transition_status: '', host_machine: '', status_time: formatTime(now) })
      .where('instance_id', 'in', job.resource_ids)
      .execute()
  },
})
