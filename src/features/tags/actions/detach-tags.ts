// DetachTags: removes bindings, synchronously. A pair that is not bound is skipped without error
// (the caller gets the state it asked for; a retried request does not fail), but the tag and the
// resource must still be the caller's, as for AttachTags.
import { defineAction } from '../../../protocol/action.ts'
import { bindingParams, requireBindablePairs } from '../tag-binding.ts'
import { untagPairs } from '../tag-repo.ts'

export const detachTags = defineAction({
  name: 'DetachTags',
  zone: 'none',
  params: bindingParams,
  async handle({ resource_tag_pairs }, ctx) {
    await requireBindablePairs(ctx, resource_tag_pairs)
    await untagPairs(ctx.db, resource_tag_pairs)
    return {}
  },
})
