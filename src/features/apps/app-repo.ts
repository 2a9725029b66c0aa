// Apps, versions and role images. Apps are the platform's, visible to every user; only an
// administrator publishes them (CreateApp, CreateAppVersion).
import type { Queryable } from '../../store/database.ts'
import type { AppTable, AppVersionTable } from '../../store/database.ts'
import { contains } from '../../store/search.ts'
import { sql, type SqlBool } from 'kysely'
import { readTemplate, type RoleImage } from './template.ts'

export interface AppFilter {
  apps?: string[] | undefined
  app_name?: string | undefined
  category?: string | undefined
  app_type?: string[] | undefined
  status?: string[] | undefined
  search_word?: string | undefined
}

export async function listApps(db: Queryable, f: AppFilter, window: { offset: number; limit: number }, reverse: boolean) {
  let q = db.selectFrom('apps')
  if (f.apps?.length) q = q.where('app_id', 'in', f.apps)
  if (f.app_name) q = q.where('app_name', '=', f.app_name)
  if (f.category) q = q.where('category', '=', f.category)
  if (f.app_type?.length) q = q.where('app_type', 'in', f.app_type)
  if (f.status?.length) q = q.where('status', 'in', f.status)
  if (f.search_word) q = q.where(sql<SqlBool>`(${contains('app_id', f.search_word)} or ${contains('app_name', f.search_word)})`)
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('create_time', reverse ? 'asc' : 'desc')
      .orderBy('app_id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
  ])
  return { total: Number(n), rows }
}

export interface VersionFilter {
  app_ids?: string[] | undefined
  version_ids?: string[] | undefined
  name?: string | undefined
  status?: string[] | undefined
}

export async function listVersions(db: Queryable, f: VersionFilter, window: { offset: number; limit: number }, reverse: boolean) {
  let q = db.selectFrom('app_versions')
  if (f.app_ids?.length) q = q.where('app_id', 'in', f.app_ids)
  if (f.version_ids?.length) q = q.where('version_id', 'in', f.version_ids)
  if (f.name) q = q.where('name', '=', f.name)
  if (f.status?.length) q = q.where('status', 'in', f.status)
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('create_time', reverse ? 'asc' : 'desc')
      .orderBy('version_id', reverse ? 'asc' : 'desc')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
  ])
  return { total: Number(n), rows }
}

export async function findApp(db: Queryable, appId: string): Promise<AppTable | undefined> {
  return db.selectFrom('apps').selectAll().where('app_id', '=', appId).executeTakeFirst()
}

export async function findVersion(db: Queryable, versionId: string): Promise<AppVersionTable | undefined> {
  return db.selectFrom('app_versions').selectAll().where('version_id', '=', versionId).executeTakeFirst()
}

export async function findAppsById(db: Queryable, appIds: readonly string[]): Promise<AppTable[]> {
  if (appIds.length === 0) return []
  return db.selectFrom('apps').selectAll().where('app_id', 'in', appIds).execute()
}

export async function findVersionsById(db: Queryable, versionIds: readonly string[]): Promise<AppVersionTable[]> {
  if (versionIds.length === 0) return []
  return db.selectFrom('app_versions').selectAll().where('version_id', 'in', versionIds).execute()
}

/** Every role image of these versions, by version id. */
export async function imagesOf(db: Queryable, versionIds: readonly string[]): Promise<Map<string, RoleImage[]>> {
  const out = new Map<string, RoleImage[]>()
  if (versionIds.length === 0) return out
  const rows = await db.selectFrom('app_version_images').selectAll().where('version_id', 'in', versionIds).orderBy('role').orderBy('zone_id').execute()
  for (const { version_id, ...image } of rows) out.set(version_id, [...(out.get(version_id) ?? []), image])
  return out
}

export function appView(row: AppTable) {
  return {
    app_id: row.app_id,
    app_name: row.app_name,
    app_type: row.app_type,
    category: row.category,
    status: row.status,
    visibility: row.visibility,
    description: row.description,
    abstraction: row.abstraction,
    icon: '',
    cover_img: '',
    // lists, as the Go SDK's App decodes screenshots ([]string) and the docs print edition (objects)
    screenshots: [],
    tags: [],
    edition: [],
    contact: '',
    company_url: '',
    owner: row.owner,
    create_time: row.create_time,
    status_time: row.status_time,
  }
}

/** A version item; verbose adds QingLocal's `template` and `images` (where each role can run). */
export function versionView(row: AppVersionTable, images: readonly RoleImage[] | undefined, verbose: boolean) {
  const view: Record<string, unknown> = {
    version_id: row.version_id,
    app_id: row.app_id,
    name: row.name,
    description: row.description,
    status: row.status,
    resource_kit: '',
    visibility: 'public',
    owner: row.owner,
    console_id: 'qingcloud',
    create_time: row.create_time,
    status_time: row.status_time,
  }
  if (verbose) {
    view.template = readTemplate(row.template)
    view.images = images ?? []
  }
  return view
}
