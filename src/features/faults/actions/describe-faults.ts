// DescribeFaults (admin): the faults still armed, oldest first, with the uses left. `faults.N` and
// `kind` (reply | job) narrow the list. `fault_access_key` is '' for a fault that hits every caller.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, List, OneOf, Optional, page, Str } from '../../../protocol/params.ts'
import type { FaultTable } from '../../../store/database.ts'
import { faultView } from '../fault.ts'

export const describeFaults = defineAction({
  name: 'DescribeFaults',
  zone: 'none',
  params: Type.Object({
    faults: Optional(List(Str({ maxLength: 64 }))),
    kind: Optional(OneOf(['reply', 'job'] as const)),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      let q = ctx.db.selectFrom('faults')
      if (params.faults?.length) q = q.where('fault_id', 'in', params.faults)
      if (params.kind) q = q.where('kind', '=', params.kind as FaultTable['kind'])
      const total = await q.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
      const { offset, limit } = page(params)
      const rows = await q.selectAll().orderBy('create_time').orderBy('fault_id').limit(limit).offset(offset).execute()
      return { fault_set: rows.map(faultView), total_count: Number(total.count) }
    })
  },
})
