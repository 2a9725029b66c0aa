// DescribeApps: the platform's AppCenter catalogue, the same for every user.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Flag, List, Optional, page, Str } from '../../../protocol/params.ts'
import { appView, listApps } from '../app-repo.ts'

export const describeApps = defineAction({
  name: 'DescribeApps',
  zone: 'none',
  params: Type.Object({
    app: Optional(List(Str())),
    app_name: Optional(Str({ maxLength: 128 })),
    category: Optional(Str({ maxLength: 64 })),
    app_type: Optional(List(Str())),
    status: Optional(List(Str())),
    reverse: Optional(Flag()),
    sort_key: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const { total, rows } = await listApps(ctx.db, { ...params, apps: params.app }, page(params), params.reverse === 1)
      return { total_count: total, app_set: rows.map(appView) }
    })
  },
})
