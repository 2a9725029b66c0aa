// Which resources tags can be put on, and how to find them. A `resource_type` is taggable when the
// resource registry (resource-kinds.ts) knows it, so a family added there is taggable with no change
// here. Other types answer 1100.
import { sql } from 'kysely'
import { ApiError } from '../../errors.ts'
import type { Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { kinds, type ResourceKind } from '../resources/resource-kinds.ts'

const byType = new Map<string, ResourceKind>(Object.values(kinds).map((k) => [k.type, k]))

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
  const query = db
    .selectFrom(kind.table)
    .select([sql.ref<string>(kind.idColumn).as('id'), 'owner'])
    .where(sql.ref(kind.idColumn), 'in', ids)
  return caps.forUpdate(query).execute()
}
