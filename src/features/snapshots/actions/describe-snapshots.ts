// DescribeSnapshots: CSI finds snapshots by id (total_count 0 = gone) and by exact snapshot_name,
// and reads snapshot_id, snapshot_name, status and resource.resource_id on every item without nil
// checks: those are always strings. Deleted snapshots stay describable by id or status.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { snapshotItem } from '../snapshot.ts'
import { chainStats, listSnapshots, resourceNames } from '../snapshot-repo.ts'

export const describeSnapshots = defineAction({
  name: 'DescribeSnapshots',
  params: Type.Object({
    snapshots: Optional(List(Str())),
    resource_id: Optional(Str()),
    snapshot_type: Optional(Int({ minimum: 0, maximum: 1 })),
    status: Optional(List(Str())),
    snapshot_name: Optional(Str({ maxLength: 255 })),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, snapshot_set: [] }
      const { total, rows } = await listSnapshots(ctx.db, { ...params, ids: params.snapshots, owner, zone_id: ctx.zone }, page(params))
      const chains = await chainStats(
        ctx.db,
        rows.map((r) => r.root_id),
      )
      const names = await resourceNames(ctx.db, [...new Set(rows.map((r) => r.resource_id))])
      const tags = await tagsOf(
        ctx.db,
        owner,
        rows.map((r) => r.snapshot_id),
      )
      return {
        total_count: total,
        snapshot_set: rows.map((r) => snapshotItem(r, chains.get(r.root_id), names.get(r.resource_id) ?? r.resource_name, tags.get(r.snapshot_id) ?? [])),
      }
    })
  },
})
