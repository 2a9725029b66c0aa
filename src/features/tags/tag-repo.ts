// Tags and their bindings to resources. Tags belong to a user, not a zone, and their names are
// unique per user (CreateTag on a used name → 2110 ResourceAlreadyExisted).
import type { Queryable } from '../../store/database.ts'

/** The tag objects listed on a resource (`tags` in every Describe), per resource id. */
export interface ResourceTag {
  tag_id: string
  tag_name: string
  color: string
  description: string | null
}

export async function tagsOf(db: Queryable, resourceIds: readonly string[]): Promise<Map<string, ResourceTag[]>> {
  const byResource = new Map<string, ResourceTag[]>(resourceIds.map((id) => [id, []]))
  if (resourceIds.length === 0) return byResource
  const rows = await db
    .selectFrom('resource_tags')
    .innerJoin('tags', 'tags.tag_id', 'resource_tags.tag_id')
    .select(['resource_tags.resource_id', 'tags.tag_id', 'tags.tag_name', 'tags.color', 'tags.description'])
    .where('resource_tags.resource_id', 'in', resourceIds)
    .orderBy('tags.tag_name')
    .execute()
  for (const { resource_id, ...tag } of rows) byResource.get(resource_id)?.push(tag)
  return byResource
}

/** Removes every binding of the given resources (a resource that is gone for good keeps no tags). */
export async function untagResources(db: Queryable, resourceIds: readonly string[]): Promise<void> {
  if (resourceIds.length > 0) await db.deleteFrom('resource_tags').where('resource_id', 'in', resourceIds).execute()
}
