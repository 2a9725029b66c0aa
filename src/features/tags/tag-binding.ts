// The checks AttachTags and DetachTags share: every pair names a taggable type, and both the tag
// and the resource exist and are the caller's (unknown → 2100, another user's → 1400), wherever
// the resource's zone. Everything is checked before anything is written.
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import { List, Str } from '../../protocol/params.ts'
import { requireOwned } from '../resources/guards.ts'
import type { ResourceKind } from '../resources/resource-kind.ts'
import { lockTags, type TagBinding } from './tag-repo.ts'
import { lockResourceOwners, taggableKind } from './taggable.ts'

export const bindingParams = Type.Object({
  resource_tag_pairs: List(Type.Object({ tag_id: Str(), resource_type: Str(), resource_id: Str() })),
})

export async function requireBindablePairs(ctx: ActionContext, pairs: readonly TagBinding[]): Promise<void> {
  if (pairs.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter resource_tag_pairs')
  const idsByKind = new Map<ResourceKind, string[]>()
  pairs.forEach((pair, i) => {
    const kind = taggableKind(pair.resource_type, `resource_tag_pairs.${i + 1}.resource_type`)
    idsByKind.set(kind, [...(idsByKind.get(kind) ?? []), pair.resource_id])
  })
  const tagIds = [...new Set(pairs.map((p) => p.tag_id))]
  requireOwned(await lockTags(ctx.db, ctx.caps, tagIds), tagIds, (t) => t.tag_id, ctx.caller)
  for (const [kind, ids] of idsByKind) {
    const distinct = [...new Set(ids)]
    requireOwned(await lockResourceOwners(ctx.db, ctx.caps, kind, distinct), distinct, (r) => r.id, ctx.caller)
  }
}
