// Image rows: the seeded system catalogue (public, owner `system`) and users' captured images.
import { formatTime } from '../../lib/clock.ts'
import type { ImageTable, Queryable, Tx } from '../../store/database.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import { type CacheEpoch, SnapshotEpochCache } from '../../store/cache-epoch.ts'
import type { MaybePromise } from '../../lib/maybe-promise.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { withCommonFilters, type CommonFilter } from '../resources/describe-filters.ts'
import { imageKind } from './image-kind.ts'
import { SYSTEM_IMAGES, SYSTEM_OWNER } from './image.ts'

/** Adds the system catalogue to zones that lack it; images already there keep their state. */
export async function seedSystemImages(db: Queryable, zones: readonly string[], now: Date): Promise<void> {
  const time = formatTime(now)
  const rows = zones.flatMap((zone_id) =>
    SYSTEM_IMAGES.map((image) => ({
      ...image,
      zone_id,
      description: null,
      owner: SYSTEM_OWNER,
      provider: 'system',
      visibility: 'public',
      default_passwd: '',
      ui_type: image.platform === 'windows' ? 'gui' : 'tui',
      source_instance_id: '',
      warehouse_file: '',
      status: 'available',
      transition_status: '',
      create_time: time,
      status_time: time,
    })),
  )
  if (rows.length > 0)
    await db
      .insertInto('images')
      .values(rows)
      .onConflict((oc) => oc.columns(['zone_id', 'image_id']).doNothing())
      .execute()
}

/** An image the user may launch from: a public one, or their own. Undefined otherwise. */
export async function findUsableImage(db: Queryable, zone: string, imageId: string, owner: string) {
  return db
    .selectFrom('images')
    .selectAll()
    .where('zone_id', '=', zone)
    .where('image_id', '=', imageId)
    .where((eb) => eb.or([eb('visibility', '=', 'public'), eb('owner', '=', owner)]))
    .executeTakeFirst()
}

export type ImageRow = ImageTable

export interface ImageFilter extends CommonFilter {
  /** The user whose private images are listed. */
  owner: string
  /** True when the request named an `owner`: only that owner's images, no public ones. */
  ownerOnly: boolean
  processor_type?: string | undefined
  os_family?: string | undefined
  visibility?: string | undefined
  provider?: string | undefined
}

/**
 * The images a user sees in a zone (public ones and their own), filtered, newest first. The
 * catalogue is seeded when the zone is, so a user's captured images come before the system ones.
 */
export async function listImages(db: Queryable, zone: string, f: ImageFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('images').where('zone_id', '=', zone)
  q = f.ownerOnly ? q.where('owner', '=', f.owner) : q.where((eb) => eb.or([eb('visibility', '=', 'public'), eb('owner', '=', f.owner)]))
  if (f.processor_type) q = q.where('processor_type', '=', f.processor_type)
  if (f.os_family) q = q.where('os_family', '=', f.os_family)
  if (f.visibility) q = q.where('visibility', '=', f.visibility)
  if (f.provider) q = q.where('provider', '=', f.provider)
  q = withCommonFilters(q, imageKind, f)
  const [{ n }, rows] = await Promise.all([q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(), q.selectAll().orderBy('create_time', 'desc').orderBy('image_id', 'desc').offset(page.offset).limit(page.limit).execute()])
  return { total: Number(n), rows }
}

/** The rows for these ids in the zone, whoever owns them, locked for the transaction (PostgreSQL). */
export async function lockImages(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('images').selectAll().where('zone_id', '=', zone).where('image_id', 'in', ids)).execute()
}

/** One image of the zone, whoever owns it and whatever its status. */
export async function findImage(db: Queryable, zone: string, imageId: string): Promise<ImageRow | undefined> {
  return db.selectFrom('images').selectAll().where('zone_id', '=', zone).where('image_id', '=', imageId).executeTakeFirst()
}

/** Ceased images (gone for good) whose warehouse file has not been removed yet. */
export async function ceasedImagesWithFiles(db: Queryable): Promise<Pick<ImageRow, 'zone_id' | 'image_id' | 'warehouse_file'>[]> {
  return db.selectFrom('images').select(['zone_id', 'image_id', 'warehouse_file']).where('status', '=', 'ceased').where('warehouse_file', '!=', '').execute()
}

/** The ceased image's file is gone: its row forgets it. */
export async function forgetCeasedImageFile(db: Queryable, zone: string, imageId: string): Promise<void> {
  await db.updateTable('images').set({ warehouse_file: '' }).where('zone_id', '=', zone).where('image_id', '=', imageId).where('status', '=', 'ceased').execute()
}

/** How many images, of any status and zone, have a file in the warehouse. */
export async function countImagesInWarehouse(db: Queryable): Promise<number> {
  const { n } = await db
    .selectFrom('images')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('warehouse_file', '!=', '')
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** What DescribeInstances shows of an instance's image: the columns whose changes move the cache epoch (migration 0024). */
export type ImageSummary = Pick<ImageTable, 'zone_id' | 'image_id' | 'image_name' | 'size' | 'os_family' | 'platform' | 'processor_type' | 'provider' | 'features'>

/** One cache of image summaries per store's cache epoch, keyed `${zone_id} ${image_id}`. */
const summaryCaches = new WeakMap<CacheEpoch, SnapshotEpochCache<string, ImageSummary>>()

/**
 * The images of these keys (zone, id) by `${zone_id} ${image_id}`; undefined for a key with no
 * image. From memory while the cache epoch stays (migration 0024's triggers move it with every
 * change of these columns); `db` may be a query's snapshot.
 */
export function imageSummaries(db: Queryable, epoch: CacheEpoch, keys: ReadonlyArray<{ zone_id: string; image_id: string }>): MaybePromise<ReadonlyMap<string, ImageSummary | undefined>> {
  let cache = summaryCaches.get(epoch)
  if (!cache) {
    cache = new SnapshotEpochCache(epoch)
    summaryCaches.set(epoch, cache)
  }
  const byKey = new Map(keys.map((k) => [`${k.zone_id} ${k.image_id}`, k]))
  return cache.getMany(db, [...byKey.keys()], async (missing) => {
    const rows = await imagesByKeyQuery(
      db,
      missing.map((key) => byKey.get(key)?.zone_id ?? ''),
      missing.map((key) => byKey.get(key)?.image_id ?? ''),
    )
    return new Map(
      rows.map(({ zone_id, image_id, image_name, size, os_family, platform, processor_type, provider, features }) => [
        `${zone_id} ${image_id}`,
        Object.freeze({ zone_id, image_id, image_name, size, os_family, platform, processor_type, provider, features }),
      ]),
    )
  })
}

const imagesByKeyQuery = reusableQuery((db: Queryable, zones: readonly string[], ids: readonly string[]) =>
  db
    .selectFrom('images')
    .selectAll()
    .where((eb) => eb.or(zones.map((zone, i) => eb.and([eb('zone_id', '=', zone), eb('image_id', '=', ids[i] as string)])))),
)

export async function insertImage(db: Queryable, row: ImageRow): Promise<void> {
  await db.insertInto('images').values(row).execute()
}

export async function updateImages(db: Queryable, zone: string, ids: readonly string[], change: Partial<Omit<ImageRow, 'zone_id' | 'image_id'>>): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('images').set(change).where('zone_id', '=', zone).where('image_id', 'in', ids).execute()
}

/**
 * Per image: the system image it descends from (`root_id`), found by walking from each captured
 * image to the image its source instance was launched from. '' when the chain is broken.
 */
export async function rootImageIds(db: Queryable, zone: string, rows: readonly ImageRow[]): Promise<Map<string, string>> {
  const roots = new Map<string, string>()
  // image id → the image currently reached on its way to the root
  let pending = new Map<string, ImageRow>()
  for (const row of rows) {
    if (row.provider === 'system') roots.set(row.image_id, row.image_id)
    else pending.set(row.image_id, row)
  }
  for (let depth = 0; pending.size > 0 && depth < 16; depth++) {
    const sources = [...new Set([...pending.values()].map((r) => r.source_instance_id).filter(Boolean))]
    const instances = await findInstancesById(db, sources)
    const imageOf = new Map(instances.map((i) => [i.instance_id, i.image_id]))
    const parentIds = [...new Set(instances.map((i) => i.image_id))]
    const parents = parentIds.length ? await db.selectFrom('images').selectAll().where('zone_id', '=', zone).where('image_id', 'in', parentIds).execute() : []
    const parentById = new Map(parents.map((p) => [p.image_id, p]))
    const next = new Map<string, ImageRow>()
    for (const [id, reached] of pending) {
      const parent = parentById.get(imageOf.get(reached.source_instance_id) ?? '')
      if (!parent) roots.set(id, '')
      else if (parent.provider === 'system') roots.set(id, parent.image_id)
      else next.set(id, parent)
    }
    pending = next
  }
  for (const id of pending.keys()) roots.set(id, '')
  return roots
}
