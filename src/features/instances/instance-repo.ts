// Instance rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts)
// so that another user's id answers 1400 while an unknown one answers 2100.
// Only the instances feature names the instances table: other features (hosts, images, security
// groups, snapshots, vxnets, clusters, key pairs) read and change instances through this file.
import type { InstanceTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { formatTime } from '../../lib/clock.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import { withCommonFilters } from '../resources/describe-filters.ts'
import { listingCaches, MARKS_PER_LISTING, type PageMark, REMEMBERED_IDS } from '../resources/listing-cache.ts'
import { instanceKind } from './instance-kind.ts'

/** Statuses of instances that are gone: they hold no image, group or key pair in use any more. */
const GONE = instanceKind.goneStatuses

/** Beyond this offset a page is found by its ids first (below). */
const DEEP_OFFSET = 100

/** Which listing a page belongs to, for remembering where its deep pages start (listing-cache.ts). */
export interface PageMemo {
  key: string
  version: number
  /** The listing version now: marks are remembered only if it did not move while the page was read. */
  versionNow: () => Promise<number>
}

/** What DescribeInstances filters by: the caller's instances in one zone, then each filter given. */
export interface InstanceListFilter {
  owner: string
  zone: string
  ids?: readonly string[] | undefined
  status?: readonly string[] | undefined
  search_word?: string | undefined
  tags?: readonly string[] | undefined
  image_id?: readonly string[] | undefined
  instance_type?: readonly string[] | undefined
  instance_class?: number | undefined
  vcpus_current?: number | undefined
  memory_current?: number | undefined
  os_disk_size?: number | undefined
}

/** The filter as positional values, for the reusable queries below (store/reusable-query.ts). */
type FilterArgs = [
  owner: string,
  zone: string,
  ids: readonly string[] | undefined,
  status: readonly string[] | undefined,
  searchWord: string | undefined,
  tags: readonly string[] | undefined,
  imageIds: readonly string[] | undefined,
  types: readonly string[] | undefined,
  instanceClass: number | undefined,
  vcpus: number | undefined,
  memory: number | undefined,
  osDisk: number | undefined,
]
const filterArgs = (f: InstanceListFilter): FilterArgs => [f.owner, f.zone, f.ids, f.status, f.search_word, f.tags, f.image_id, f.instance_type, f.instance_class, f.vcpus_current, f.memory_current, f.os_disk_size]

// the values decide only whether a filter is there (and a list's length), as reusableQuery requires
function filtered(db: Queryable, ...[owner, zone, ids, status, searchWord, tags, imageIds, types, instanceClass, vcpus, memory, osDisk]: FilterArgs) {
  let q = db.selectFrom('instances').where('instances.owner', '=', owner).where('instances.zone_id', '=', zone)
  q = withCommonFilters(q, instanceKind, { ids, status, search_word: searchWord, tags })
  if (imageIds?.length) q = q.where('image_id', 'in', imageIds)
  if (types?.length) q = q.where('instance_type', 'in', types)
  if (instanceClass !== undefined) q = q.where('instance_class', '=', instanceClass)
  if (vcpus !== undefined) q = q.where('vcpus_current', '=', vcpus)
  if (memory !== undefined) q = q.where('memory_current', '=', memory)
  if (osDisk !== undefined) q = q.where('os_disk_size', '=', osDisk)
  return q.orderBy('create_time', 'desc').orderBy('instance_id', 'desc')
}

const shallowPage = reusableQuery((db: Queryable, offset: number, limit: number, ...f: FilterArgs) =>
  filtered(db, ...f)
    .selectAll()
    .offset(offset)
    .limit(limit),
)
const matching = reusableQuery((db: Queryable, ...f: FilterArgs) =>
  filtered(db, ...f)
    .clearOrderBy()
    .select((eb) => eb.fn.countAll().as('n')),
)

/** How many instances pass the filter (counted: for filters the kept counts do not follow). */
export async function countInstances(db: Queryable, f: InstanceListFilter): Promise<number> {
  return Number((await matching(db, ...filterArgs(f)))[0]?.n ?? 0)
}

/**
 * One page of a filtered instance query, newest first. A deep page first finds its ids over the
 * (owner, zone_id, create_time, instance_id, status, instance_type) index alone, then reads those
 * rows by key (migration 0020). With `memo`, it starts from the nearest remembered row at or
 * before `offset` of the same listing version (a seek on (create_time, instance_id)) instead of
 * skipping `offset` index entries, and remembers where this page and the next one start.
 */
export async function pageOf(db: Queryable, f: InstanceListFilter, offset: number, limit: number, memo?: PageMemo): Promise<InstanceTable[]> {
  if (offset <= DEEP_OFFSET) return shallowPage(db, offset, limit, ...filterArgs(f))
  const marks = memo ? listingCaches(db).pageMarks.get(memo.key, memo.version) : undefined
  let from = 0
  let seek: PageMark | undefined
  for (const [at, mark] of marks ?? []) {
    if (at <= offset && at > from) [from, seek] = [at, mark]
  }
  let keys = filtered(db, ...filterArgs(f)).select(['instances.instance_id', 'instances.create_time'])
  if (seek) keys = keys.where((eb) => eb(eb.refTuple('instances.create_time', 'instances.instance_id'), '<=', eb.tuple(seek.time, seek.id)))
  // one more than the page: where the next page starts
  const found = await keys
    .offset(offset - from)
    .limit(limit + 1)
    .execute()
  if (memo && found.length > 0 && (await memo.versionNow()) === memo.version) {
    const kept = marks ?? new Map<number, PageMark>()
    for (const [at, row] of [
      [offset, found[0]],
      [offset + limit, found[limit]],
    ] as const)
      if (row) kept.set(at, { time: row.create_time, id: row.instance_id })
    while (kept.size > MARKS_PER_LISTING) kept.delete(kept.keys().next().value as number)
    listingCaches(db).pageMarks.set(memo.key, memo.version, kept)
  }
  return rowsInOrder(
    db,
    found.slice(0, limit).map((r) => r.instance_id),
  )
}

const rowsById = reusableQuery((db: Queryable, ids: readonly string[]) => db.selectFrom('instances').selectAll().where('instance_id', 'in', ids))

/** The rows of these ids, in the order given (one primary-key read each; an id gone since is left out). */
export async function rowsInOrder(db: Queryable, ids: readonly string[]): Promise<InstanceTable[]> {
  if (ids.length === 0) return []
  const byId = new Map((await rowsById(db, ids)).map((r) => [r.instance_id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * Every id a filtered instance query selects, newest first: for a selective filter (tags.N), whose
 * rows are found by key rather than read in index order. Remembered against `memo`'s version when
 * there are at most REMEMBERED_IDS and the version did not move while they were read.
 */
export async function selectedIds(db: Queryable, f: InstanceListFilter, memo: PageMemo): Promise<readonly string[]> {
  const caches = listingCaches(db)
  const remembered = caches.selectedIds.get(memo.key, memo.version)
  if (remembered) return remembered
  const rows = await filtered(db, ...filterArgs(f))
    .select('instances.instance_id')
    .execute()
  const ids = rows.map((r) => r.instance_id)
  if (ids.length <= REMEMBERED_IDS && (await memo.versionNow()) === memo.version) caches.selectedIds.set(memo.key, memo.version, ids)
  return ids
}

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockInstances(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('instances').selectAll().where('zone_id', '=', zone).where('instance_id', 'in', ids)).execute()
}

export async function findInstancesById(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db.selectFrom('instances').selectAll().where('instance_id', 'in', ids).execute()
}

/**
 * Starts a transition: the instance is busy until its job settles. With `from`, only instances in
 * that transition change (a job ending its own).
 */
export async function setInstanceTransition(db: Queryable, ids: readonly string[], transition: string, change: { status_time?: string } = {}, from?: string): Promise<void> {
  if (ids.length === 0) return
  let q = db
    .updateTable('instances')
    .set({ transition_status: transition, ...change })
    .where('instance_id', 'in', ids)
  if (from !== undefined) q = q.where('transition_status', '=', from)
  await q.execute()
}

/** Ends a transition in a resting status. */
export async function settleInstances(db: Queryable, ids: readonly string[], status: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('instances')
    .set({ status, transition_status: '', status_time: formatTime(now) })
    .where('instance_id', 'in', ids)
    .execute()
}

/** ResizeCluster's settle: the nodes take the role's new instance class. */
export async function setInstanceClass(db: Queryable, ids: readonly string[], instanceClass: number): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('instances').set({ instance_class: instanceClass }).where('instance_id', 'in', ids).execute()
}

export interface InstanceIdFilter {
  owner?: string
  /** Only these ids (no filter when empty). */
  ids?: readonly string[]
  /** In any of these statuses (no filter when empty). */
  statuses?: readonly string[]
  /** Not terminated or ceased. */
  live?: boolean
  instance_type?: string
  image_id?: string
}

/**
 * A subquery of the ids of the instances matching `f`, for another feature's own query
 * (`where('x.instance_id', 'in', instanceIdsWhere(db, f))`): it keeps one query, and its paging,
 * while the instance rows stay this feature's to read.
 */
export function instanceIdsWhere(db: Queryable, f: InstanceIdFilter) {
  let q = db.selectFrom('instances').select('instance_id')
  if (f.owner !== undefined) q = q.where('owner', '=', f.owner)
  if (f.ids?.length) q = q.where('instance_id', 'in', f.ids)
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses)
  if (f.live) q = q.where('status', 'not in', GONE)
  if (f.instance_type !== undefined) q = q.where('instance_type', '=', f.instance_type)
  if (f.image_id !== undefined) q = q.where('image_id', '=', f.image_id)
  return q
}

/** Instances each host carries (any status until terminated: termination clears host_machine). */
export async function instancesOnHosts(db: Queryable, hostIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(hostIds.map((id) => [id, []]))
  if (hostIds.length === 0) return out
  const rows = await db
    .selectFrom('instances')
    .select(['instance_id', 'host_machine'])
    .where('host_machine', 'in', [...hostIds])
    .orderBy('instance_id')
    .execute()
  for (const row of rows) out.get(row.host_machine)?.push(row.instance_id)
  return out
}

/** Per image id: the owner's live instances (not terminated or ceased) launched from it, newest first. */
export async function instancesUsingImages(db: Queryable, zone: string, owner: string, imageIds: readonly string[]): Promise<Map<string, string[]>> {
  const byImage = new Map<string, string[]>(imageIds.map((id) => [id, []]))
  if (imageIds.length === 0) return byImage
  const rows = await db
    .selectFrom('instances')
    .select(['instance_id', 'image_id'])
    .where('zone_id', '=', zone)
    .where('owner', '=', owner)
    .where('image_id', 'in', imageIds)
    .where('status', 'not in', GONE)
    .orderBy('create_time', 'desc')
    .orderBy('instance_id', 'desc')
    .execute()
  for (const row of rows) byImage.get(row.image_id)?.push(row.instance_id)
  return byImage
}

// ── security groups (instances.security_group_id) ─────────────────────────────────────────────────

export interface GroupMember {
  instance_id: string
  instance_name: string
}

/** group id → the instances in it that still exist (not terminated or ceased), by id. */
export async function instancesInGroups(db: Queryable, groupIds: readonly string[]): Promise<Map<string, GroupMember[]>> {
  const out = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]))
  if (groupIds.length === 0) return out
  const rows = await db.selectFrom('instances').select(['security_group_id', 'instance_id', 'instance_name']).where('security_group_id', 'in', groupIds).where('status', 'not in', GONE).orderBy('instance_id').execute()
  for (const { security_group_id, ...member } of rows) out.get(security_group_id)?.push(member)
  return out
}

/** Moves instances into a group (ApplySecurityGroup, or a deleted group's recycled instances). */
export async function setInstanceGroup(db: Queryable, instanceIds: readonly string[], groupId: string): Promise<void> {
  if (instanceIds.length === 0) return
  await db.updateTable('instances').set({ security_group_id: groupId }).where('instance_id', 'in', instanceIds).execute()
}

/** Instances of any status still pointing at these groups (the recycle bin's included). */
export async function instancesPointingAtGroups(db: Queryable, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return []
  return (await db.selectFrom('instances').select('instance_id').where('security_group_id', 'in', groupIds).execute()).map((r) => r.instance_id)
}
