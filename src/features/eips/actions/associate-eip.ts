// AssociateEip: binds an available, idle EIP to a running or stopped instance of the caller that
// holds no EIP yet. The instance is reserved when the request is accepted (the EIP is `available`
// + `associating` with its instance_id set); the job makes it `associated`. A failed job leaves the
// EIP available and the instance free again.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Optional, Str } from '../../../protocol/params.ts'
import { lockInstances } from '../../instances/instance-repo.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { eipOfInstance, finishEipTransition, getEipsForUpdate, setEipTransition } from '../eip-repo.ts'

export const associateEip = defineAction({
  name: 'AssociateEip',
  params: Type.Object({
    eip: Str(),
    instance: Str(),
    // QingCloud's override for a holder that does not answer; QingLocal's instances always do
    force: Optional(Flag()),
  }),
  job: { payload: Type.Object({ instance: Type.String() }) },
  async handle(params, ctx) {
    // the instance first, then the EIP: the order instance termination uses too
    const [instance] = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, [params.instance]), [params.instance], (i) => i.instance_id, ctx.caller)
    const [eip] = await getEipsForUpdate(ctx, 'eip', [params.eip])
    requireIdle('eip', eip!.eip_id, eip!)
    if (eip!.status !== 'available') throw stateRule('eip', eip!.eip_id, 'is not available', 'can not be associated')
    requireIdle('instance', instance!.instance_id, instance!)
    if (instance!.status !== 'running' && instance!.status !== 'stopped') {
      throw stateRule('instance', instance!.instance_id, 'is not running or stopped', 'can not associate eip')
    }
    const held = await eipOfInstance(ctx.db, instance!.instance_id)
    if (held) throw stateRule('instance', instance!.instance_id, `already has eip [${held.eip_id}]`, 'can not associate another one')
    await setEipTransition(ctx.db, [eip!.eip_id], 'associating', { instance_id: instance!.instance_id })
    return { job_id: await ctx.jobs.start({ resource_ids: [eip!.eip_id], payload: { instance: instance!.instance_id } }) }
  },
  async settle(job, jctx) {
    await finishEipTransition(jctx.db, job.resource_ids, 'associating', { status: 'associated' }, jctx.clock.now(), job.payload.instance)
  },
  // the reservation is given back; the EIP stays available
  async onFailure(job, jctx) {
    await finishEipTransition(jctx.db, job.resource_ids, 'associating', { instance_id: '' }, jctx.clock.now(), job.payload.instance)
  },
})
