// CreateApp (admin): a new app in the platform's catalogue; its versions follow (CreateAppVersion).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'

export const createApp = defineAction({
  name: 'CreateApp',
  zone: 'none',
  params: Type.Object({
    app_name: Str({ maxLength: 128 }),
    category: Optional(Str({ maxLength: 64 })),
    description: Optional(Str({ maxLength: 2048 })),
    abstraction: Optional(Str({ maxLength: 256 })),
  }),
  async handle(params, ctx) {
    const time = formatTime(ctx.clock.now())
    const app_id = ctx.ids.resource('app')
    await ctx.db
      .insertInto('apps')
      .values({
        app_id,
        app_name: params.app_name,
        app_type: 'cluster',
        category: params.category ?? 'other',
        description: params.description ?? '',
        abstraction: params.abstraction ?? '',
        owner: ctx.caller.user_id,
        visibility: 'public',
        status: 'active',
        create_time: time,
        status_time: time,
      })
      .execute()
    return { app_id }
  },
})
