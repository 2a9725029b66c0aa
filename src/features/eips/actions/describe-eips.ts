// DescribeEips: the caller's EIPs in the zone. CCM and terraform find EIPs by id (total_count 0 =
// gone) and read `eip_addr`, `status` and `resource.resource_id` (an instance, or a VPC router);
// `instance_id` lists the EIP associated with that instance.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { eipItem } from '../eip.ts'
import { eipHolders, listEips } from '../eip-repo.ts'

export const describeEips = defineAction({
  name: 'DescribeEips',
  params: Type.Object({
    eips: Optional(List(Str())),
    instance_id: Optional(Str()),
    status: Optional(List(Str())),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, eip_set: [] }
      const { total, rows } = await listEips(ctx.db, { ...params, ids: params.eips, owner, zone_id: ctx.zone }, page(params))
      const holders = await eipHolders(ctx.db, rows)
      const tags = await tagsOf(
        ctx.db,
        owner,
        rows.map((r) => r.eip_id),
      )
      return { total_count: total, eip_set: rows.map((r) => eipItem(r, holders.get(r.eip_id), tags.get(r.eip_id) ?? [])) }
    })
  },
})
