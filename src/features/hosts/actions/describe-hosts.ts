// DescribeHosts (admin): hypervisor hosts with their capacity, what is used of it and how many
// instances each carries. Filters: `zone` (one zone; without it every zone), `hosts.N`,
// `status.N` (active, draining). Works without a license. Global, so `zone` is only a filter.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, List, OneOf, Optional, page, Str } from '../../../protocol/params.ts'
import { HOST_STATUSES, hostViews, listHosts } from '../host-repo.ts'

export const describeHosts = defineAction({
  name: 'DescribeHosts',
  zone: 'none',
  params: Type.Object({
    zone: Optional(Str({ maxLength: 64 })),
    hosts: Optional(List(Str({ maxLength: 64 }))),
    status: Optional(List(OneOf(HOST_STATUSES))),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const { total, rows } = await listHosts(ctx.db, params, page(params))
      return { total_count: total, host_set: await hostViews(ctx.db, rows) }
    })
  },
})
