// Tags and their bindings to resources. Tags belong to a user, not a zone, and their names are
// unique per user (CreateTag on a used name → 2110 ResourceAlreadyExisted).
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { Queryable, TagTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import { contains } from '../../store/search.ts'

/** The tag objects listed on a resource (`tags` in every Describe), per resource id. */
export interface ResourceTag {
  tag_id: string
  tag_name: string
  color: string
  description: string | null
}

/**
 * The tags `owner` put on each resource. Only the owner's bindings count: system image ids are
 * shared by every user, and one user's labels on centos79x64 are nobody else's business.
 */
const tagsOfQuery = reusableQuery((db: Queryable, owner: string, resourceIds: readonly string[]) =>
  db
    .selectFrom('resource_tags')
    .innerJoin('tags', 'tags.tag_id', 'resource_tags.tag_id')
    .select(['resource_tags.resource_id', 'tags.tag_id', 'tags.tag_name', 'tags.color', 'tags.description'])
    .where('resource_tags.resource_id', 'in', resourceIds)
    .where('resource_tags.owner', '=', owner)
    .orderBy('tags.tag_name'),
)

export async function tagsOf(db: Queryable, owner: string, resourceIds: readonly string[]): Promise<Map<string, ResourceTag[]>> {
  const byResource = new Map<string, ResourceTag[]>(resourceIds.map((id) => [id, []]))
  if (resourceIds.length === 0) return byResource
  const rows = await tagsOfQuery(db, owner, resourceIds)
  for (const { resource_id, ...tag } of rows) byResource.get(resource_id)?.push(tag)
  return byResource
}

/** How many bindings each owner has (the kept counts' exactness tests, migration 0021). */
export async function bindingsPerOwner(db: Queryable): Promise<Array<{ owner: string; n: number }>> {
  const rows = await db
    .selectFrom('resource_tags')
    .select(['owner', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('owner')
    .execute()
  return rows.map((r) => ({ owner: r.owner, n: Number(r.n) }))
}

/** Removes every binding of the given resources (a resource that is gone for good keeps no tags). */
export async function untagResources(db: Queryable, resourceIds: readonly string[]): Promise<void> {
  if (resourceIds.length > 0) await db.deleteFrom('resource_tags').where('resource_id', 'in', resourceIds).execute()
}

// ── tags themselves ────────────────────────────────────────────────────────────────────────────

/** The tags with these ids (any owner: callers tell unknown from someone else's), locked for the transaction. */
export async function lockTags(db: Tx, caps: Capabilities, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('tags').selectAll().where('tag_id', 'in', ids)).execute()
}

/** The caller's tag with this name, if any other than `except` (for the 2110 check). */
export async function findTagByName(db: Queryable, owner: string, tag_name: string, except?: string) {
  let q = db.selectFrom('tags').select('tag_id').where('owner', '=', owner).where('tag_name', '=', tag_name)
  if (except) q = q.where('tag_id', '!=', except)
  return q.executeTakeFirst()
}

/**
 * Inserts or updates a tag, turning a name another tag of the same user already has into 2110.
 * The unique index (tags_owner_name) is what makes this safe against concurrent requests; the
 * look-up before it only gives the common case a clean error without a failed statement.
 */
export async function saveTagName<T>(db: Queryable, caps: Capabilities, owner: string, tag_name: string, except: string | undefined, write: () => Promise<T>): Promise<T> {
  const taken = () => new ApiError('ResourceAlreadyExisted', `tag name [${tag_name}] already existed`)
  if (await findTagByName(db, owner, tag_name, except)) throw taken()
  try {
    return await write()
  } catch (error) {
    if (caps.isUniqueViolation(error)) throw taken()
    throw error
  }
}

export async function insertTag(db: Queryable, row: TagTable): Promise<void> {
  await db.insertInto('tags').values(row).execute()
}

export async function updateTag(db: Queryable, id: string, change: Partial<Pick<TagTable, 'tag_name' | 'description' | 'color'>>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('tags').set(change).where('tag_id', '=', id).execute()
}

/** Deletes tags and every binding they have. */
export async function deleteTags(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('resource_tags').where('tag_id', 'in', ids).execute()
  await db.deleteFrom('tags').where('tag_id', 'in', ids).execute()
}

export interface TagFilter {
  owner: string
  tags?: readonly string[] | undefined
  search_word?: string | undefined
}

export async function listTags(db: Queryable, f: TagFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('tags').where('owner', '=', f.owner)
  if (f.tags?.length) q = q.where('tag_id', 'in', f.tags)
  if (f.search_word) q = q.where(contains('tag_name', f.search_word)) // names only (reference 1.7)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('create_time', 'desc').orderBy('tag_id', 'desc').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}

// ── bindings ───────────────────────────────────────────────────────────────────────────────────

export interface TagBinding {
  tag_id: string
  resource_type: string
  resource_id: string
}

/** Binds resources to tags; a binding that exists already is left as it is. */
export async function tagResources(db: Queryable, owner: string, pairs: readonly TagBinding[], now: Date): Promise<void> {
  if (pairs.length === 0) return
  const create_time = formatTime(now)
  await db
    .insertInto('resource_tags')
    .values(pairs.map((p) => ({ ...p, owner, create_time })))
    .onConflict((oc) => oc.columns(['tag_id', 'resource_id']).doNothing())
    .execute()
}

export async function untagPairs(db: Queryable, pairs: readonly TagBinding[]): Promise<void> {
  for (const { tag_id, resource_id } of pairs) {
    await db.deleteFrom('resource_tags').where('tag_id', '=', tag_id).where('resource_id', '=', resource_id).execute()
  }
}

/** Every binding of these tags, per tag, ordered by resource type then id. */
export async function bindingsOf(db: Queryable, tagIds: readonly string[]): Promise<Map<string, TagBinding[]>> {
  const out = new Map<string, TagBinding[]>(tagIds.map((id) => [id, []]))
  if (tagIds.length === 0) return out
  const rows = await db.selectFrom('resource_tags').select(['tag_id', 'resource_type', 'resource_id']).where('tag_id', 'in', tagIds).orderBy('resource_type').orderBy('resource_id').execute()
  for (const r of rows) out.get(r.tag_id)?.push(r)
  return out
}
