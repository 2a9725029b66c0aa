// ModifyTagAttributes: renames a tag (onto a name another of the caller's tags has → 2110), or
// changes its description or colour. Empty values count as "not given".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireOwned } from '../../resources/guards.ts'
import { lockTags, saveTagName, updateTag } from '../tag-repo.ts'
import { COLOR, TAG_NAME } from '../tag.ts'

export const modifyTagAttributes = defineAction({
  name: 'ModifyTagAttributes',
  zone: 'none',
  params: Type.Object({
    tag: Str(),
    tag_name: Optional(TAG_NAME),
    description: Optional(Str({ maxLength: 1024 })),
    color: Optional(COLOR),
  }),
  async handle({ tag, tag_name, description, color }, ctx) {
    requireOwned(await lockTags(ctx.db, ctx.caps, [tag]), [tag], (t) => t.tag_id, ctx.caller)
    const change = { ...(description !== undefined && { description }), ...(color !== undefined && { color }) }
    if (tag_name === undefined) await updateTag(ctx.db, tag, change)
    else await saveTagName(ctx.db, ctx.caps, ctx.caller.user_id, tag_name, tag, () => updateTag(ctx.db, tag, { ...change, tag_name }))
    return {}
  },
})
