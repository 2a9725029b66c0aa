// DescribeVolumes: CSI finds volumes by id (total_count 0 = gone) and by exact name through
// search_word, and reads `instance.instance_id` / `instance.device` on every item.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { findInstancesById } from '../../instances/instance-repo.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { volumeItem } from '../volume.ts'
import { listVolumes } from '../volume-repo.ts'

export const describeVolumes = defineAction({
  name: 'DescribeVolumes',
  params: Type.Object({
    volumes: Optional(List(Str())),
    volume_type: Optional(Int()),
    status: Optional(List(Str())),
    tags: Optional(List(Str())),
    instance_id: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, volume_set: [] }
      const { total, rows } = await listVolumes(ctx.db, { ...params, ids: params.volumes, owner, zone_id: ctx.zone }, page(params))
      const instanceIds = [...new Set(rows.map((r) => r.instance_id).filter(Boolean))]
      const names = new Map((await findInstancesById(ctx.db, instanceIds)).map((i) => [i.instance_id, i.instance_name]))
      const tags = await tagsOf(
        ctx.db,
        owner,
        rows.map((r) => r.volume_id),
      )
      return { total_count: total, volume_set: rows.map((r) => volumeItem(r, names.get(r.instance_id) ?? '', tags.get(r.volume_id) ?? [])) }
    })
  },
})
