// DescribeImages: the zone's public (system) images and the caller's own captured ones. Other
// users' private images are simply absent, even when asked for by id.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, OneOf, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { imageView } from '../image.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { instancesUsingImages } from '../../instances/instance-repo.ts'
import { listImages, rootImageIds } from '../image-repo.ts'

export const describeImages = defineAction({
  name: 'DescribeImages',
  params: Type.Object({
    images: Optional(List(Str())),
    processor_type: Optional(OneOf(['64bit', '32bit'])),
    os_family: Optional(Str({ maxLength: 64 })),
    visibility: Optional(OneOf(['public', 'private'])),
    provider: Optional(OneOf(['system', 'self'])),
    status: Optional(List(Str())),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, image_set: [] }
      const { total, rows } = await listImages(ctx.db, ctx.zone, { ...params, ids: params.images, owner, ownerOnly: params.owner !== undefined }, page(params))
      const ids = rows.map((r) => r.image_id)
      const [tags, instances, roots] = await Promise.all([tagsOf(ctx.db, owner, ids), instancesUsingImages(ctx.db, ctx.zone, owner, ids), rootImageIds(ctx.db, ctx.zone, rows)])
      const image_set = rows.map((row) => imageView(row, { tags: tags.get(row.image_id) ?? [], instance_ids: instances.get(row.image_id) ?? [], root_id: roots.get(row.image_id) ?? '' }))
      return { total_count: total, image_set }
    })
  },
})
