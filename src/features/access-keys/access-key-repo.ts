// Access keys: the credentials of the signed API. The secret is sealed at rest (lib/secret-box.ts).
import type { AccessKeyTable, Queryable } from '../../store/database.ts'
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { SecretBox } from '../../lib/secret-box.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { contains } from '../../store/search.ts'
import { standingColumns } from '../accounts/user-repo.ts'

export type AccessKeyRow = AccessKeyTable

export interface NewAccessKey {
  access_key_id: string
  secret_access_key: string
}

export async function createAccessKey(
  db: Queryable,
  deps: { ids: IdGenerator; box: Pick<SecretBox, 'seal'>; now: Date },
  input: { owner: string; access_key_name: string; description?: string | null; given?: NewAccessKey },
): Promise<NewAccessKey> {
  const time = formatTime(deps.now)
  // `given`: the bootstrap user's fixed key (QINGLOCAL_ACCESS_KEY_ID…), validated by config.ts
  const key = input.given ?? { access_key_id: deps.ids.accessKeyId(), secret_access_key: deps.ids.secretAccessKey() }
  await db
    .insertInto('access_keys')
    .values({
      access_key_id: key.access_key_id,
      secret_sealed: deps.box.seal(key.secret_access_key),
      owner: input.owner,
      access_key_name: input.access_key_name,
      description: input.description ?? null,
      status: 'active',
      ip_white_list: '',
      create_time: time,
      status_time: time,
    })
    .execute()
  return key
}

/** The key with its owner's role and status, for authenticating a request; undefined without both. */
export async function findKeyForAuth(db: Queryable, accessKeyId: string) {
  // the owner's standing is the accounts feature's to read; its subqueries keep this one query
  const row = await db
    .selectFrom('access_keys')
    .select((eb) => ['access_key_id', 'secret_sealed', 'status', 'owner', ...standingColumns(db, eb.ref('access_keys.owner'))])
    .where('access_key_id', '=', accessKeyId)
    .executeTakeFirst()
  if (!row) return undefined
  const { owner_role: role, owner_status: user_status, ...key } = row
  return role === null || user_status === null ? undefined : { ...key, role, user_status }
}

export async function findKey(db: Queryable, accessKeyId: string): Promise<AccessKeyRow | undefined> {
  return db.selectFrom('access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst()
}

export interface AccessKeyFilter {
  owner: string
  access_keys?: string[]
  status?: string[]
  search_word?: string
}

export async function listKeys(db: Queryable, filter: AccessKeyFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('access_keys').where('owner', '=', filter.owner)
  if (filter.access_keys?.length) q = q.where('access_key_id', 'in', filter.access_keys)
  if (filter.status?.length) q = q.where('status', 'in', filter.status)
  if (filter.search_word) {
    const word = filter.search_word
    q = q.where((eb) => eb.or([contains('access_key_id', word), contains('access_key_name', word)]))
  }
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q.select(['access_key_id', 'access_key_name', 'description', 'owner', 'status', 'status_time', 'create_time', 'ip_white_list']).orderBy('create_time', 'desc').orderBy('access_key_id').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total: Number(n), rows }
}

/** The keys with these ids, whatever their owner, locked for a change of state. */
export async function lockKeys(db: Queryable, caps: Capabilities, ids: readonly string[]): Promise<AccessKeyRow[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('access_keys').selectAll().where('access_key_id', 'in', ids)).execute()
}

/** Moves keys to `status`; keys already there keep their status_time. */
export async function setKeyStatus(db: Queryable, ids: readonly string[], status: 'active' | 'disabled', now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('access_keys')
    .set({ status, status_time: formatTime(now) })
    .where('access_key_id', 'in', ids)
    .where('status', '!=', status)
    .execute()
}

/** Removes keys for good: the sealed secret goes with the row, so a deleted key can never sign again. */
export async function deleteKeys(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('access_keys').where('access_key_id', 'in', ids).execute()
}
