// DetachVolumes: in-use volumes off the instance they are attached to; they become available.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { getTargetInstance, targetParams } from '../attach-target.ts'
import { finishTransition, getVolumesForUpdate, setVolumeTransition } from '../volume-repo.ts'

export const detachVolumes = defineAction({
  name: 'DetachVolumes',
  params: Type.Object({ volumes: List(Str()), ...targetParams }),
  job: { payload: Type.Object({ instance: Type.String() }) },
  async handle(params, ctx) {
    const instance = await getTargetInstance(ctx, params)
    const volumes = await getVolumesForUpdate(ctx, 'volumes', params.volumes)
    for (const v of volumes) {
      requireIdle('volume', v.volume_id, v)
      if (v.status !== 'in-use') throw stateRule('volume', v.volume_id, 'is not in-use', 'can not be detached')
      if (v.instance_id !== instance.instance_id) throw stateRule('volume', v.volume_id, `is not attached to instance [${instance.instance_id}]`, 'can not be detached')
    }
    await setVolumeTransition(ctx.db, params.volumes, 'detaching')
    return { job_id: await ctx.jobs.start({ resource_ids: params.volumes, payload: { instance: instance.instance_id } }) }
  },
  async settle(job, jctx) {
    await finishTransition(jctx.db, job.resource_ids, 'detaching', { status: 'available', instance_id: '', device: '' }, jctx.clock.now(), job.payload.instance)
  },
})
