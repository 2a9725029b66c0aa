// DisarmFaults (admin): removes the faults named by `faults.N`, or every armed fault when none is
// named. All or nothing: an id that is not armed (never was, used up, already disarmed) is 2100
// and nothing is removed. Answers the ids removed.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'

export const disarmFaults = defineAction({
  name: 'DisarmFaults',
  zone: 'none',
  params: Type.Object({ faults: Optional(List(Str({ maxLength: 64 }))) }),
  async handle(params, ctx) {
    const named = params.faults?.length ? [...new Set(params.faults)] : undefined
    let q = ctx.db.selectFrom('faults').select('fault_id')
    if (named) q = q.where('fault_id', 'in', named)
    const found = (await q.orderBy('create_time').orderBy('fault_id').execute()).map((r) => r.fault_id)
    const missing = named?.find((id) => !found.includes(id))
    if (missing) throw new ApiError('ResourceNotFound', `fault [${missing}] is not armed (unknown, used up or disarmed already)`)
    if (found.length > 0) await ctx.db.deleteFrom('faults').where('fault_id', 'in', found).execute()
    return { fault_ids: found }
  },
})
