// Key pair rows and their bindings to instances (keypair_instances). Key pairs live in one zone
// and have no status: deleting one removes its row for good. Ownership is checked by the callers
// (guards.ts), so another user's id answers 1400 while an unknown one answers 2100.
import { formatTime } from '../../lib/clock.ts'
import type { KeyPairTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { instanceIdsWhere } from '../instances/instance-repo.ts'
import { kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { keypairKind } from './keypair-kind.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockKeyPairs(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('keypairs').selectAll().where('zone_id', '=', zone).where('keypair_id', 'in', ids)).execute()
}

export async function findKeyPair(db: Queryable, id: string): Promise<KeyPairTable | undefined> {
  return db.selectFrom('keypairs').selectAll().where('keypair_id', '=', id).executeTakeFirst()
}

export async function insertKeyPair(db: Queryable, row: KeyPairTable): Promise<void> {
  await db.insertInto('keypairs').values(row).execute()
}

export async function updateKeyPair(db: Queryable, id: string, change: Partial<Pick<KeyPairTable, 'keypair_name' | 'description'>>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('keypairs').set(change).where('keypair_id', '=', id).execute()
}

/** Removes key pairs for good, with their bindings (tags are the caller's business). */
export async function deleteKeyPairs(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('keypair_instances').where('keypair_id', 'in', ids).execute()
  await db.deleteFrom('keypairs').where('keypair_id', 'in', ids).execute()
}

export interface KeyPairFilter {
  owner: string
  zone_id: string
  keypairs?: readonly string[] | undefined
  instance_id?: string | undefined
  encrypt_method?: string | undefined
  search_word?: string | undefined
  tags?: readonly string[] | undefined
}

export async function listKeyPairs(db: Queryable, f: KeyPairFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('keypairs').where('keypairs.owner', '=', f.owner).where('keypairs.zone_id', '=', f.zone_id)
  q = withCommonFilters(q, keypairKind, { ids: f.keypairs, search_word: f.search_word, tags: f.tags })
  if (f.encrypt_method) q = q.where('keypairs.encrypt_method', '=', f.encrypt_method)
  if (f.instance_id) {
    const instanceId = f.instance_id
    q = q.where('keypairs.keypair_id', 'in', (eb) => eb.selectFrom('keypair_instances').select('keypair_id').where('instance_id', '=', instanceId))
  }
  // total_count from the kept counts unless a filter needs the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const filter = { ids: f.keypairs, search_word: f.search_word, tags: f.tags, otherFilters: Boolean(f.encrypt_method) || Boolean(f.instance_id) }
  const total = await kindTotal(db, keypairKind, { owner: f.owner, zone: f.zone_id }, filter, scan)
  const rows = await q.selectAll('keypairs').orderBy('keypairs.create_time', 'desc').orderBy('keypairs.keypair_id', 'desc').offset(page.offset).limit(page.limit).execute()
  return { total, rows }
}

// ── bindings ───────────────────────────────────────────────────────────────────────────────────

/** keypair id → the instances it is bound to (every id present, sorted). */
export async function instanceIdsOf(db: Queryable, keypairIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(keypairIds.map((id) => [id, []]))
  if (keypairIds.length === 0) return out
  const rows = await db.selectFrom('keypair_instances').select(['keypair_id', 'instance_id']).where('keypair_id', 'in', keypairIds).orderBy('instance_id').execute()
  for (const r of rows) out.get(r.keypair_id)?.push(r.instance_id)
  return out
}

/** instance id → the key pairs bound to it (for DescribeInstances' keypair_ids). */
export async function keyPairIdsOf(db: Queryable, instanceIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(instanceIds.map((id) => [id, []]))
  if (instanceIds.length === 0) return out
  const rows = await db.selectFrom('keypair_instances').select(['keypair_id', 'instance_id']).where('instance_id', 'in', instanceIds).orderBy('keypair_id').execute()
  for (const r of rows) out.get(r.instance_id)?.push(r.keypair_id)
  return out
}

/** Binds every key pair to every instance; bindings that exist already are kept as they are. */
export async function bindKeyPairs(db: Queryable, keypairIds: readonly string[], instanceIds: readonly string[], now: Date): Promise<void> {
  const values = keypairIds.flatMap((keypair_id) => instanceIds.map((instance_id) => ({ keypair_id, instance_id, create_time: formatTime(now) })))
  if (values.length === 0) return
  await db
    .insertInto('keypair_instances')
    .values(values)
    .onConflict((oc) => oc.columns(['keypair_id', 'instance_id']).doNothing())
    .execute()
}

/** Drops every binding of these instances (terminated, never launched, or reset with new login settings). */
export async function unbindAllFromInstances(db: Queryable, instanceIds: readonly string[]): Promise<void> {
  if (instanceIds.length === 0) return
  await db.deleteFrom('keypair_instances').where('instance_id', 'in', instanceIds).execute()
}

export async function unbindKeyPairs(db: Queryable, keypairIds: readonly string[], instanceIds: readonly string[]): Promise<void> {
  if (keypairIds.length === 0 || instanceIds.length === 0) return
  await db.deleteFrom('keypair_instances').where('keypair_id', 'in', keypairIds).where('instance_id', 'in', instanceIds).execute()
}

/** The first binding of these key pairs to an instance that still exists (not terminated or ceased). */
export async function firstLiveBinding(db: Queryable, keypairIds: readonly string[]) {
  if (keypairIds.length === 0) return undefined
  return db
    .selectFrom('keypair_instances')
    .select(['keypair_id', 'instance_id'])
    .where('keypair_id', 'in', keypairIds)
    .where('instance_id', 'in', instanceIdsWhere(db, { live: true }))
    .orderBy('keypair_id')
    .orderBy('instance_id')
    .executeTakeFirst()
}
