// DeleteVolumes: detached volumes go to the recycle bin (`deleted`, still describable by id, ceased
// after two hours) or, with direct_cease=1, straight to `ceased`. Their tag bindings go with them.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { finishTransition, getVolumesForUpdate, setVolumeTransition } from '../volume-repo.ts'

export const deleteVolumes = defineAction({
  name: 'DeleteVolumes',
  locks: ['wallet'],
  params: Type.Object({ volumes: List(Str()), direct_cease: Optional(Flag()) }),
  job: { payload: Type.Object({ direct_cease: Type.Integer() }) },
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const volumes = await getVolumesForUpdate(ctx, 'volumes', params.volumes)
    for (const v of volumes) {
      requireIdle('volume', v.volume_id, v)
      if (v.status === 'in-use') throw stateRule('volume', v.volume_id, 'is in use', 'can not be deleted')
      // a volume suspended for arrears may be deleted once it is not attached
      if (v.status === 'suspended' && v.instance_id !== '') throw stateRule('volume', v.volume_id, 'is attached', 'can not be deleted')
      if (v.status !== 'available' && v.status !== 'suspended') throw stateRule('volume', v.volume_id, 'is not available', 'can not be deleted')
    }
    // the lease ends now (2300 for a prepaid term still running); the job only removes the volume
    await endLeases(ctx, wallet, params.volumes, 'delete')
    await setVolumeTransition(ctx.db, params.volumes, 'deleting')
    return { job_id: await ctx.jobs.start({ resource_ids: params.volumes, payload: { direct_cease: params.direct_cease ?? 0 } }) }
  },
  async settle(job, jctx) {
    const status = job.payload.direct_cease ? 'ceased' : 'deleted'
    const deleted = await finishTransition(jctx.db, job.resource_ids, 'deleting', { status }, jctx.clock.now())
    await untagResources(jctx.db, deleted)
  },
})
