// CreateAppVersion (admin): publishes a version of an app with its configuration template
// (apps/template.ts; 1100 naming the first field in error). Roles may name their image per zone
// (`"images": {"pek3a": "img-…"}`); whether the image exists is checked at each deployment (8002),
// since an image can be deleted after the version is published.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { findApp } from '../app-repo.ts'
import { parseTemplate } from '../template.ts'
import { zoneIds } from '../../zones/zone-repo.ts'

export const createAppVersion = defineAction({
  name: 'CreateAppVersion',
  zone: 'none',
  params: Type.Object({
    app: Str({ maxLength: 64 }),
    name: Str({ maxLength: 128 }),
    description: Optional(Str({ maxLength: 2048 })),
    template: Str({ maxLength: 256 * 1024 }),
  }),
  async handle(params, ctx) {
    const app = await findApp(ctx.db, params.app)
    if (!app) throw new ApiError('ResourceNotFound', `resource [${params.app}] not found`)
    const zones = await zoneIds(ctx.db)
    const { template, images } = parseTemplate(params.template, zones)
    const time = formatTime(ctx.clock.now())
    const version_id = ctx.ids.resource('appv')
    await ctx.db
      .insertInto('app_versions')
      .values({ version_id, app_id: app.app_id, name: params.name, description: params.description ?? '', template: JSON.stringify(template), owner: ctx.caller.user_id, status: 'active', create_time: time, status_time: time })
      .execute()
    if (images.length)
      await ctx.db
        .insertInto('app_version_images')
        .values(images.map((image) => ({ version_id, ...image })))
        .execute()
    return { version_id, app_id: app.app_id }
  },
})
