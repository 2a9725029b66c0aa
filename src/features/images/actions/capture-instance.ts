// CaptureInstance: a stopped instance of the caller's becomes a private image. The image exists at
// once (`pending`, `creating`) so the reply's image_id can be described right away; the job makes
// it `available`.
//
// While the copy runs the instance must not start, be resized or be terminated. Other features only
// look at the instance's transition_status, so the instance is marked busy there. The word is
// `updating`, not `capturing`: terraform polls instances until transition_status is "" and fails
// with "unexpected state" on any value outside its list, and `updating` is on it.
//
// Captured images live in the image warehouse, so the warehouse must be on (5500 otherwise, before
// anything is looked at or changed). The image's file there is a JSON descriptor of the disk
// (warehouse/warehouse-files.ts: QingLocal has no disk data to copy), written as the handler's last
// step so that a refused request leaves no file behind (and removed if the transaction still rolls
// back). A failed job ceases the image, and the recycle-bin sweep then removes the file.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { lockInstances, setInstanceTransition } from '../../instances/instance-repo.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { IMAGE_NAME_MAX } from '../image.ts'
import { findImage, insertImage, updateImages } from '../image-repo.ts'
import { requireWarehouse } from '../../warehouse/warehouse.ts'
import { imageDescriptor, imageFileOf, removeWarehouseFile, writeWarehouseFile } from '../../warehouse/warehouse-files.ts'

export const CAPTURE_TRANSITION = 'updating'

export const captureInstance = defineAction({
  name: 'CaptureInstance',
  params: Type.Object({
    instance: Str(),
    image_name: Optional(Str({ maxLength: IMAGE_NAME_MAX })),
  }),
  job: { payload: Type.Object({ instance: Type.String(), image: Type.String() }) },
  // copying a disk is the slowest thing QingLocal pretends to do, yet well inside a 5 s poll
  workMs: 3000,
  async handle(params, ctx) {
    await requireWarehouse(ctx.db, 'CaptureInstance')
    const id = params.instance
    const [instance] = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, [id]), [id], (i) => i.instance_id, ctx.caller)
    requireIdle('instance', id, instance!)
    if (instance!.status !== 'stopped') throw stateRule('instance', id, 'is not stopped', 'can not be captured')
    // the launch image row outlives the image's deletion, so it is always there
    const source = await findImage(ctx.db, ctx.zone, instance!.image_id)
    if (!source) throw new Error(`image ${instance!.image_id} of instance ${id} is missing from zone ${ctx.zone}`)

    const image_id = ctx.ids.resource('img')
    const time = formatTime(ctx.clock.now())
    const image_name = params.image_name ?? (instance!.instance_name || id)
    const warehouse_file = imageFileOf(ctx.zone, image_id, 'descriptor')
    await insertImage(ctx.db, {
      zone_id: ctx.zone,
      image_id,
      image_name,
      description: null,
      owner: ctx.caller.user_id,
      provider: 'self',
      visibility: 'private',
      // what the disk holds is what the instance was launched from
      platform: source.platform,
      os_family: source.os_family,
      processor_type: source.processor_type,
      features: source.features,
      recommended_type: source.recommended_type,
      default_user: source.default_user,
      default_passwd: '',
      ui_type: source.ui_type,
      size: instance!.os_disk_size,
      source_instance_id: id,
      warehouse_file,
      status: 'pending',
      transition_status: 'creating',
      create_time: time,
      status_time: time,
    })
    await setInstanceTransition(ctx.db, [id], CAPTURE_TRANSITION)
    const job_id = await ctx.jobs.start({ resource_ids: [id, image_id], payload: { instance: id, image: image_id } })
    // a transaction that still rolls back (the request's deadline) takes the descriptor with it
    ctx.afterRollback(() => removeWarehouseFile(ctx.settings.warehouseDir, warehouse_file))
    await writeWarehouseFile(
      ctx.settings.warehouseDir,
      warehouse_file,
      imageDescriptor({
        image_id,
        zone_id: ctx.zone,
        owner: ctx.caller.user_id,
        image_name,
        source_instance_id: id,
        source_image_id: source.image_id,
        platform: source.platform,
        os_family: source.os_family,
        processor_type: source.processor_type,
        size: instance!.os_disk_size,
        captured_time: time,
      }),
    )
    return { image_id, job_id }
  },
  async settle(job, { db, clock }) {
    const { instance, image } = job.payload
    // only an image this job is still creating may become available
    const row = await findImage(db, job.zone_id, image)
    if (row?.transition_status !== 'creating') throw new Error(`image ${image} is no longer being created`)
    await updateImages(db, job.zone_id, [image], { status: 'available', transition_status: '', status_time: formatTime(clock.now()) })
    await setInstanceTransition(db, [instance], '')
  },
  // the copy never finished: there is no image to keep, and the instance is free again
  async onFailure(job, { db, clock }) {
    const { instance, image } = job.payload
    await updateImages(db, job.zone_id, [image], { status: 'ceased', transition_status: '', status_time: formatTime(clock.now()) })
    await setInstanceTransition(db, [instance], '')
  },
})
