// ModifyImageAttributes: renames or re-describes one of the caller's images. Allowed in any state
// but the gone ones; system images belong to the platform.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { stateRule } from '../../resources/guards.ts'
import { imageKind } from '../image-kind.ts'
import { IMAGE_DESCRIPTION_MAX, IMAGE_NAME_MAX } from '../image.ts'
import { requireOwnImages } from '../image-guards.ts'
import { lockImages, updateImages } from '../image-repo.ts'

export const modifyImageAttributes = defineAction({
  name: 'ModifyImageAttributes',
  params: Type.Object({
    image: Str(),
    image_name: Optional(Str({ maxLength: IMAGE_NAME_MAX })),
    // an empty description clears it
    description: Optional(Str({ maxLength: IMAGE_DESCRIPTION_MAX, keepEmpty: true })),
  }),
  async handle(params, ctx) {
    const [image] = requireOwnImages(await lockImages(ctx.db, ctx.caps, ctx.zone, [params.image]), [params.image], ctx.caller, 'can not be modified')
    if (imageKind.goneStatuses.includes(image!.status)) throw stateRule('image', params.image, `has been ${image!.status}`, 'can not be modified')
    const change = {
      ...(params.image_name !== undefined && { image_name: params.image_name }),
      ...(params.description !== undefined && { description: params.description === '' ? null : params.description }),
    }
    if (Object.keys(change).length > 0) await updateImages(ctx.db, ctx.zone, [params.image], change)
    return { image_id: params.image }
  },
})
