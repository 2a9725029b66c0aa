// DescribeTags: the caller's tags (tags are not zoned), with how many resources of each type carry
// them. `resource_tag_pairs` lists the bindings with verbose=1 and is [] otherwise, so clients
// can always index it. The Go SDK sends limit=0, which page() reads as the default.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { bindingsOf, listTags, type TagBinding } from '../tag-repo.ts'

function countByType(bindings: readonly TagBinding[]): Array<{ resource_type: string; count: number }> {
  const counts = new Map<string, number>()
  for (const b of bindings) counts.set(b.resource_type, (counts.get(b.resource_type) ?? 0) + 1)
  return [...counts].map(([resource_type, count]) => ({ resource_type, count }))
}

export const describeTags = defineAction({
  name: 'DescribeTags',
  zone: 'none',
  params: Type.Object({
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async handle(params, ctx) {
    const owner = ownerScope(ctx.caller, params.owner)
    if (owner === undefined) return { total_count: 0, tag_set: [] }
    const { total, rows } = await listTags(ctx.db, { ...params, owner }, page(params))
    const bindings = await bindingsOf(
      ctx.db,
      rows.map((r) => r.tag_id),
    )
    const tag_set = rows.map((r) => {
      const mine = bindings.get(r.tag_id) ?? []
      return {
        tag_id: r.tag_id,
        tag_name: r.tag_name,
        tag_key: '',
        description: r.description,
        color: r.color,
        owner: r.owner,
        create_time: r.create_time,
        resource_count: mine.length,
        resource_type_count: countByType(mine),
        resource_tag_pairs: params.verbose === 1 ? mine : [],
      }
    })
    return { total_count: total, tag_set }
  },
})
