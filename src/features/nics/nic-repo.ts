// NIC rows (`nics`, migration 0027): the network interfaces of features/nics, and every instance's
// interfaces in its vxnets (written by vxnets/membership.ts at launch and by JoinVxnet). Other
// features reach them through these functions; vxnets/vxnet-repo.ts re-exports the ones its
// callers use. Ownership is checked by the callers (resources/guards.ts): another user's NIC answers
// 1400 and an unknown one 2100.
import { formatTime } from '../../lib/clock.ts'
import type { NicTable, Queryable, Tx } from '../../store/database.ts'
import { reusableQuery } from '../../store/reusable-query.ts'
import type { Capabilities } from '../../store/dialects.ts'
import type { instanceIdsWhere } from '../instances/instance-repo.ts'
import { type CommonFilter, kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { untagResources } from '../tags/tag-repo.ts'
import { LOAD_BALANCER_ID_PREFIX } from './nic-holder.ts'
import { nicKind } from './nic-kind.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockNics(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<NicTable[]> {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('nics').selectAll().where('zone_id', '=', zone).where('nic_id', 'in', ids)).execute()
}

export async function findNicsById(db: Queryable, zone: string, ids: readonly string[]): Promise<NicTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('nics').selectAll().where('zone_id', '=', zone).where('nic_id', 'in', ids).execute()
}

/** Which of these ids a NIC has already, in any zone (MAC addresses are unique platform-wide). */
export async function takenNicIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  return (await db.selectFrom('nics').select('nic_id').where('nic_id', 'in', ids).execute()).map((r) => r.nic_id)
}

/** New NICs; a unique violation (an address or an instance's vxnet taken meanwhile) is the caller's to answer. */
export async function insertNics(db: Queryable, rows: readonly NicTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('nics')
      .values([...rows])
      .execute()
}

export async function updateNics(db: Queryable, ids: readonly string[], change: Partial<Omit<NicTable, 'nic_id' | 'owner' | 'zone_id' | 'create_time'>>): Promise<void> {
  if (ids.length === 0 || Object.keys(change).length === 0) return
  await db.updateTable('nics').set(change).where('nic_id', 'in', ids).execute()
}

export async function deleteNicRows(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('nics').where('nic_id', 'in', ids).execute()
}

export interface NicFilter extends CommonFilter {
  owner: string
  zone_id: string
  nic_name?: string | undefined
  vxnets?: readonly string[] | undefined
  instances?: readonly string[] | undefined
}

/** One page of a user's NICs in a zone, newest first, and how many match before paging. */
export async function listNics(db: Queryable, f: NicFilter, page: { offset: number; limit: number }) {
  let q = withCommonFilters(db.selectFrom('nics').where('owner', '=', f.owner).where('zone_id', '=', f.zone_id), nicKind, f)
  if (f.nic_name !== undefined) q = q.where('nic_name', '=', f.nic_name)
  if (f.vxnets?.length) q = q.where('vxnet_id', 'in', f.vxnets)
  if (f.instances?.length) q = q.where('instance_id', 'in', f.instances)
  const otherFilters = f.nic_name !== undefined || !!f.vxnets?.length || !!f.instances?.length
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const [total, rows] = await Promise.all([
    kindTotal(db, nicKind, { owner: f.owner, zone: f.zone_id }, { ...f, otherFilters }, scan),
    page.limit > 0 ? q.selectAll().orderBy('create_time', 'desc').orderBy('nic_id', 'desc').offset(page.offset).limit(page.limit).execute() : [],
  ])
  return { total, rows }
}

// ── instances' interfaces ──────────────────────────────────────────────────────────────────────

/** The NICs attached (or being attached) to these instances, in their order on each instance. */
export async function nicRowsOfInstances(db: Queryable, instanceIds: readonly string[]): Promise<NicTable[]> {
  if (instanceIds.length === 0) return []
  return nicRowsOfInstancesQuery(db, instanceIds)
}
// compiled once per page size (store/reusable-query.ts): every DescribeInstances page runs it
const nicRowsOfInstancesQuery = reusableQuery((db: Queryable, instanceIds: readonly string[]) =>
  db.selectFrom('nics').selectAll().where('instance_id', 'in', instanceIds).orderBy('instance_id').orderBy('sequence').orderBy('create_time').orderBy('nic_id'),
)

/** How many NICs each of these networks of the zone has, attached or not (every id present). */
export async function memberCounts(db: Queryable, zone: string, vxnetIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(vxnetIds.map((id) => [id, 0]))
  if (vxnetIds.length === 0) return out
  const rows = await db
    .selectFrom('nics')
    .select(['vxnet_id', (eb) => eb.fn.countAll().as('n')])
    .where('zone_id', '=', zone)
    .where('vxnet_id', 'in', vxnetIds)
    .groupBy('vxnet_id')
    .execute()
  for (const r of rows) out.set(r.vxnet_id, Number(r.n))
  return out
}

/** vxnet id → the ids of `owner`'s instances in it, sorted (vxnet-0 is shared: only theirs count; load balancers' addresses are not instances). */
export async function memberIdsOf(db: Queryable, zone: string, owner: string, vxnetIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(vxnetIds.map((id) => [id, []]))
  if (vxnetIds.length === 0) return out
  const rows = await db
    .selectFrom('nics')
    .select(['vxnet_id', 'instance_id'])
    .where('zone_id', '=', zone)
    .where('vxnet_id', 'in', vxnetIds)
    .where('owner', '=', owner)
    .where('instance_id', '<>', '')
    .where('instance_id', 'not like', `${LOAD_BALANCER_ID_PREFIX}%`)
    .orderBy('instance_id')
    .execute()
  for (const r of rows) out.get(r.vxnet_id)?.push(r.instance_id)
  return out
}

/**
 * One page of a vxnet's members (DescribeVxnetInstances): the interfaces of the instances
 * `members` selects (a subquery of instance ids), joined first come first; within one second, by
 * address (numerically: length, then text).
 */
export async function vxnetMembersPage(db: Queryable, zone: string, vxnetId: string, members: ReturnType<typeof instanceIdsWhere>, page: { offset: number; limit: number }) {
  const q = db.selectFrom('nics').where('zone_id', '=', zone).where('vxnet_id', '=', vxnetId).where('instance_id', 'in', members)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q
    .select(['instance_id', 'vxnet_id', 'private_ip', 'nic_id', 'transition_status', 'sequence'])
    .orderBy('create_time')
    .orderBy((eb) => eb.fn('length', ['private_ip']))
    .orderBy('private_ip')
    .orderBy('nic_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  return { total: Number(n), rows }
}

/** The addresses in use in one network of a zone (NICs attached or not). */
export async function addressesIn(db: Queryable, zone: string, vxnetId: string): Promise<string[]> {
  const rows = await db.selectFrom('nics').select('private_ip').where('zone_id', '=', zone).where('vxnet_id', '=', vxnetId).where('private_ip', '<>', '').execute()
  return rows.map((r) => r.private_ip)
}

/** The first NIC left in any of these networks (DeleteVxnets refuses then): an instance's or a load balancer's (nic-holder.ts), or a detached one. */
export async function firstMember(db: Queryable, zone: string, vxnetIds: readonly string[]) {
  if (vxnetIds.length === 0) return undefined
  return db.selectFrom('nics').select(['vxnet_id', 'instance_id', 'nic_id']).where('zone_id', '=', zone).where('vxnet_id', 'in', vxnetIds).orderBy('vxnet_id').orderBy('instance_id', 'desc').orderBy('nic_id').executeTakeFirst()
}

/** What a NIC made by CreateNics becomes when its instance lets go of it without DetachNics. */
const detached = (now: Date) => ({ status: 'available', instance_id: '', sequence: 0, role: 0, transition_status: '', status_time: formatTime(now) })

/**
 * The NICs of these instances when the instances go (terminated, ceased, never came up): their own
 * interfaces go with them, addresses and tags too; NICs made by CreateNics are detached and stay
 * their owner's, `available`, as a volume outlives its instance.
 */
export async function releaseNics(db: Queryable, instanceIds: readonly string[], now: Date): Promise<void> {
  if (instanceIds.length === 0) return
  await db.updateTable('nics').set(detached(now)).where('instance_id', 'in', instanceIds).where('standalone', '=', 1).execute()
  const gone = await db.deleteFrom('nics').where('instance_id', 'in', instanceIds).returning('nic_id').execute()
  await untagResources(
    db,
    gone.map((n) => n.nic_id),
  )
}

export async function setNicTransition(db: Queryable, vxnetId: string, instanceIds: readonly string[], transition: string): Promise<void> {
  if (instanceIds.length === 0) return
  await db.updateTable('nics').set({ transition_status: transition }).where('vxnet_id', '=', vxnetId).where('instance_id', 'in', instanceIds).execute()
}

/**
 * LeaveVxnet (or a failed JoinVxnet): the instances' own interfaces in that vxnet go, their
 * addresses and tags with them; a NIC made by CreateNics is detached instead (releaseNics).
 */
export async function removeNics(db: Queryable, vxnetId: string, instanceIds: readonly string[], now: Date): Promise<void> {
  if (instanceIds.length === 0) return
  await db.updateTable('nics').set(detached(now)).where('vxnet_id', '=', vxnetId).where('instance_id', 'in', instanceIds).where('standalone', '=', 1).execute()
  const gone = await db.deleteFrom('nics').where('vxnet_id', '=', vxnetId).where('instance_id', 'in', instanceIds).returning('nic_id').execute()
  await untagResources(
    db,
    gone.map((n) => n.nic_id),
  )
}
