// Which resources tags can be put on, and how to find them. A `resource_type` is taggable when its
// kind in the resource registry (src/resource-kinds.ts) says so, so a family added there is
// taggable with no change here. Other types answer 1100.
import { type RawBuilder, sql } from 'kysely'
import { ApiError } from '../../errors.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { ownersQuery } from '../resources/kind-queries.ts'
import { isStateful, type ResourceKind } from '../resources/resource-kind.ts'

const byType = new Map<string, ResourceKind>(resourceKinds.filter((k) => k.taggable).map((k) => [k.type, k]))

/** The kind a `resource_type` names, or 1100 naming the parameter. */
export function taggableKind(resourceType: string, parameter: string): ResourceKind {
  const kind = byType.get(resourceType)
  if (!kind) throw new ApiError('InvalidRequestFormat', `unsupported parameter ${parameter} value ${resourceType}, taggable types are ${[...byType.keys()].join(', ')}`)
  return kind
}

/**
 * The owners of these resources of one kind, in any zone, locked so that a resource being deleted
 * for good (which drops its tags) cannot get a new binding at the same time. System images appear
 * with their owner `system`, so they are another user's to the caller.
 */
export async function lockResourceOwners(db: Tx, caps: Capabilities, kind: ResourceKind, ids: readonly string[]): Promise<Array<{ id: string; owner: string }>> {
  if (ids.length === 0) return []
  return caps.forUpdate(ownersQuery(db, kind, ids)).execute()
}

/** The taggable families that can reach `ceased`. */
const taggableStatefulKinds = resourceKinds.filter((k) => k.taggable).filter(isStateful)

/**
 * A resource gone for good keeps no tags (however it got to ceased: bin, direct_cease, failure).
 * Each binding looks its resource up by key: the work grows with the bindings, not with every
 * resource that ever ceased (`id in (select … where status = 'ceased')` read all of those, 165 ms
 * with 26,000 ceased instances, on the event loop, once a minute).
 */
export async function dropTagsOfCeased(db: Queryable): Promise<void> {
  if (taggableStatefulKinds.length === 0) return
  await db
    .deleteFrom('resource_tags')
    .where((eb) =>
      eb.or(
        taggableStatefulKinds.map((kind) =>
          eb.exists(
            eb
              .selectFrom(kind.table)
              .select(sql.lit(1).as('one'))
              .where(sql.ref(`${kind.table}.${kind.idColumn}`), '=', eb.ref('resource_tags.resource_id'))
              .where('status', '=', 'ceased'),
          ),
        ),
      ),
    )
    .execute()
}

/** The ids of resources bound to any of these tags, as a subquery (DescribeX's `tags.N` filter). */
export function resourcesTagged(tagIds: readonly string[]): RawBuilder<unknown> {
  return sql`select resource_id from resource_tags where resource_tags.tag_id in (${sql.join(tagIds.map((id) => sql`${id}`))})`
}
