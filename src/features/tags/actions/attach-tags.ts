// AttachTags: binds tags to resources, synchronously. Binding a pair twice is harmless.
import { defineAction } from '../../../protocol/action.ts'
import { bindingParams, requireBindablePairs } from '../tag-binding.ts'
import { tagResources } from '../tag-repo.ts'

export const attachTags = defineAction({
  name: 'AttachTags',
  zone: 'none',
  params: bindingParams,
  async handle({ resource_tag_pairs }, ctx) {
    await requireBindablePairs(ctx, resource_tag_pairs)
    await tagResources(ctx.db, ctx.caller.user_id, resource_tag_pairs, ctx.clock.now())
    return {}
  },
})
