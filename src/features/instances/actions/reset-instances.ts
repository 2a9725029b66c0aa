// ResetInstances: reinstalls the system disk from the instance's image, with new login settings;
// running or stopped, and the instance keeps its status.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { bindKeyPairs, findKeyPair, lockKeyPairs, unbindAllFromInstances } from '../../keypairs/keypair-repo.ts'
import { requireOwned } from '../../resources/guards.ts'
import { setInstanceTransition } from '../instance-repo.ts'
import { checkLoginPassword, TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

export const resetInstances = defineAction({
  name: 'ResetInstances',
  params: Type.Object({
    instances: List(Str()),
    login_mode: OneOf(['passwd', 'keypair'] as const),
    login_keypair: Optional(Str()),
    login_passwd: Optional(Str({ maxLength: 64 })),
    need_newsid: Optional(Flag()),
  }),
  // login_keypair: '' for a password login
  job: { payload: Type.Object({ login_mode: OneOf(['passwd', 'keypair'] as const), login_keypair: Type.String() }) },
  async handle(params, ctx) {
    const rows = await ownedIdleInstances(ctx, params.instances)
    for (const row of rows) requireStatus(row, ['running', 'stopped'], `is [${row.status}]`, 'can not be reset')
    if (params.login_mode === 'keypair') {
      if (!params.login_keypair) throw new ApiError('InvalidRequestFormat', 'missing parameter login_keypair, required when login_mode is keypair')
      const found = await lockKeyPairs(ctx.db, ctx.caps, ctx.zone, [params.login_keypair])
      requireOwned(found, [params.login_keypair], (k) => k.keypair_id, ctx.caller)
    } else {
      checkLoginPassword(params.login_passwd)
    }
    await setInstanceTransition(ctx.db, params.instances, TRANSITIONS.reset)
    return { job_id: await ctx.jobs.start({ resource_ids: params.instances, payload: { login_mode: params.login_mode, login_keypair: params.login_keypair ?? '' } }) }
  },
  async settle(job, ctx) {
    const now = formatTime(ctx.clock.now())
    const { login_mode, login_keypair } = job.payload
    for (const instance_id of job.resource_ids) {
      await ctx.db.updateTable('instances').set({ login_mode, transition_status: '', status_time: now }).where('instance_id', '=', instance_id).execute()
      // a new system disk carries only the key pair it was reset with
      await unbindAllFromInstances(ctx.db, [instance_id])
      // skipped when the key pair was deleted while the job waited (nothing bound it then)
      const still = login_keypair ? await findKeyPair(ctx.db, login_keypair) : undefined
      if (still) await bindKeyPairs(ctx.db, [still.keypair_id], [instance_id], ctx.clock.now())
    }
  },
})
