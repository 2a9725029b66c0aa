// AttachVolumes: available, idle volumes onto a running or stopped instance of the same user and
// zone. Each volume gets the instance's first free device name when the request is accepted.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { findUsableImage } from '../../images/image-repo.ts'
import { supports } from '../../images/image.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { failAttachments, requireAttachable, reserveAttachments, settleAttachments } from '../attachment.ts'
import { getTargetInstance, targetParams } from '../attach-target.ts'
import { getVolumesForUpdate } from '../volume-repo.ts'

export const attachVolumes = defineAction({
  name: 'AttachVolumes',
  params: Type.Object({ volumes: List(Str()), ...targetParams }),
  job: { payload: Type.Object({ instance: Type.String() }) },
  async handle(params, ctx) {
    const instance = await getTargetInstance(ctx, params)
    const volumes = await getVolumesForUpdate(ctx, 'volumes', params.volumes)

    requireIdle('instance', instance.instance_id, instance)
    if (instance.status !== 'running' && instance.status !== 'stopped') {
      throw stateRule('instance', instance.instance_id, 'is not running or stopped', 'can not attach volumes')
    }
    for (const v of volumes) requireAttachable(v)
    const encrypted = volumes.find((v) => v.encryption)
    if (encrypted) {
      const image = await findUsableImage(ctx.db, ctx.zone, instance.image_id, instance.owner)
      if (!image || !supports(image, 'encryptedDisk')) {
        throw new ApiError('UnsupportedVolumeType', `volume [${encrypted.volume_id}] is encrypted and instance [${instance.instance_id}] (image [${instance.image_id}]) can not use encrypted disks`)
      }
    }
    await reserveAttachments(
      ctx.db,
      instance.instance_id,
      volumes.map((v) => v.volume_id),
    )
    return { job_id: await ctx.jobs.start({ resource_ids: params.volumes, payload: { instance: instance.instance_id } }) }
  },
  async settle(job, jctx) {
    await settleAttachments(jctx.db, job.resource_ids, job.payload.instance, jctx.clock.now())
  },
  // the reserved devices are given back; the volumes stay available
  async onFailure(job, jctx) {
    await failAttachments(jctx.db, job.resource_ids, job.payload.instance, jctx.clock.now())
  },
})
