// DeleteTags: removes tags and every binding they have (the resources themselves stay).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { deleteTags as removeTags, lockTags } from '../tag-repo.ts'

export const deleteTags = defineAction({
  name: 'DeleteTags',
  zone: 'none',
  params: Type.Object({ tags: List(Str()) }),
  async handle({ tags }, ctx) {
    if (tags.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter tags')
    requireDistinct('tags', tags)
    requireOwned(await lockTags(ctx.db, ctx.caps, tags), tags, (t) => t.tag_id, ctx.caller)
    await removeTags(ctx.db, tags)
    return { tags }
  },
})
