// DeleteImages: the caller's available, idle images go `deleting`, then `deleted` (still
// describable by id; the recycle bin sweep makes them `ceased` two hours later). Instances already
// launched from an image keep running: their disks are their own once created.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { requireOwnImages } from '../image-guards.ts'
import { lockImages, updateImages } from '../image-repo.ts'

export const deleteImages = defineAction({
  name: 'DeleteImages',
  params: Type.Object({
    images: List(Str()),
  }),
  async handle(params, ctx) {
    const ids = params.images
    // `images.1=` arrives as an empty list: the parameter was given but names nothing
    if (ids.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter images')
    requireDistinct('images', ids)
    const rows = requireOwnImages(await lockImages(ctx.db, ctx.caps, ctx.zone, ids), ids, ctx.caller, 'can not be deleted')
    for (const row of rows) {
      requireIdle('image', row.image_id, row)
      if (row.status !== 'available') throw stateRule('image', row.image_id, 'is not available', 'can not be deleted')
    }
    await updateImages(ctx.db, ctx.zone, ids, { transition_status: 'deleting' })
    const job_id = await ctx.jobs.start({ resource_ids: ids })
    return { job_id }
  },
  async settle(job, { db, clock }) {
    await updateImages(db, job.zone_id, job.resource_ids, { status: 'deleted', transition_status: '', status_time: formatTime(clock.now()) })
    // a deleted image is out of the user's lists, and so out of their tags
    await untagResources(db, job.resource_ids)
  },
})
