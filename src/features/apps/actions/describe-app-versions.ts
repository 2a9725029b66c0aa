// DescribeAppVersions: the versions of apps (app_ids.N) or the versions named (version_ids.N); at
// least one of the two. verbose=1 adds each version's configuration template and role images.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Flag, List, Optional, page, Str } from '../../../protocol/params.ts'
import { imagesOf, listVersions, versionView } from '../app-repo.ts'

export const describeAppVersions = defineAction({
  name: 'DescribeAppVersions',
  zone: 'none',
  params: Type.Object({
    app_ids: Optional(List(Str())),
    version_ids: Optional(List(Str())),
    name: Optional(Str({ maxLength: 128 })),
    status: Optional(List(Str())),
    reverse: Optional(Flag()),
    sort_key: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      if (!params.app_ids?.length && !params.version_ids?.length) throw new ApiError('InvalidRequestFormat', 'missing parameter app_ids or version_ids, at least one is required')
      const { total, rows } = await listVersions(ctx.db, params, page(params), params.reverse === 1)
      const verbose = params.verbose === 1
      const images = verbose
        ? await imagesOf(
            ctx.db,
            rows.map((r) => r.version_id),
          )
        : new Map()
      return { total_count: total, version_set: rows.map((row) => versionView(row, images.get(row.version_id), verbose)) }
    })
  },
})
