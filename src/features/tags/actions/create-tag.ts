// CreateTag: a tag belongs to its user, not to a zone, and its name is unique per user (2110).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { insertTag, saveTagName } from '../tag-repo.ts'
import { COLOR, DEFAULT_COLOR, TAG_NAME } from '../tag.ts'

export const createTag = defineAction({
  name: 'CreateTag',
  locks: ['quota'],
  zone: 'none',
  params: Type.Object({
    tag_name: TAG_NAME,
    color: Optional(COLOR),
    description: Optional(Str({ maxLength: 1024 })),
  }),
  async handle(params, ctx) {
    await requireQuota(ctx, ctx.zone, { tag: 1 })
    const tag_id = ctx.ids.resource('tag')
    const owner = ctx.caller.user_id
    await saveTagName(ctx.db, ctx.caps, owner, params.tag_name, undefined, () =>
      insertTag(ctx.db, {
        tag_id,
        owner,
        tag_name: params.tag_name,
        description: params.description ?? null,
        color: params.color ?? DEFAULT_COLOR,
        create_time: formatTime(ctx.clock.now()),
      }),
    )
    return { tag_id }
  },
})
