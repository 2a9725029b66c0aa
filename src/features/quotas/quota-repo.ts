// Quota rows (platform defaults, per-user overrides), the per-(user, zone) lock, and usage counted
// from the resource tables themselves, so usage can never drift from what exists.
import { formatTime } from '../../lib/clock.ts'
import { sql, type SqlBool } from 'kysely'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { ACTIVE_JOB_STATUSES } from '../jobs/job-repo.ts'
import { kinds } from '../resources/resource-kinds.ts'
import { QUOTA_TYPES, quotaZone, type QuotaType } from './quota.ts'

export type Quotas = Record<QuotaType, number>

/** Every type's platform default. A type without a row is a broken migration, not "unlimited". */
export async function quotaDefaults(db: Queryable): Promise<Quotas> {
  const rows = await db.selectFrom('quota_defaults').select(['resource_type', 'quota']).execute()
  const stored = new Map(rows.map((r) => [r.resource_type, Number(r.quota)]))
  return Object.fromEntries(
    QUOTA_TYPES.map((type) => {
      const quota = stored.get(type)
      if (quota === undefined) throw new Error(`quota_defaults has no row for [${type}]`)
      return [type, quota]
    }),
  ) as Quotas
}

export async function setQuotaDefault(db: Queryable, type: QuotaType, quota: number): Promise<void> {
  await db
    .insertInto('quota_defaults')
    .values({ resource_type: type, quota })
    .onConflict((oc) => oc.column('resource_type').doUpdateSet({ quota }))
    .execute()
}

/** The administrator's overrides for a user in a zone (user-wide types under zone ''). */
export async function userOverrides(db: Queryable, userId: string, zone: string): Promise<Partial<Quotas>> {
  const rows = await db.selectFrom('user_quotas').select(['zone_id', 'resource_type', 'quota']).where('user_id', '=', userId).where('zone_id', 'in', [zone, '']).execute()
  const overrides: Partial<Quotas> = {}
  for (const row of rows) {
    const type = QUOTA_TYPES.find((t) => t === row.resource_type)
    if (type && quotaZone(type, zone) === row.zone_id) overrides[type] = Number(row.quota)
  }
  return overrides
}

export async function setUserQuota(db: Queryable, userId: string, zone: string, type: QuotaType, quota: number, now: Date): Promise<void> {
  const row = { user_id: userId, zone_id: quotaZone(type, zone), resource_type: type, quota, update_time: formatTime(now) }
  await db
    .insertInto('user_quotas')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'zone_id', 'resource_type']).doUpdateSet({ quota, update_time: row.update_time }))
    .execute()
}

export async function removeUserQuotas(db: Queryable, userId: string, zone: string, types: readonly QuotaType[]): Promise<void> {
  for (const type of types) {
    await db.deleteFrom('user_quotas').where('user_id', '=', userId).where('zone_id', '=', quotaZone(type, zone)).where('resource_type', '=', type).execute()
  }
}

/** Each type's quota for the user in the zone: the override, else the platform default. */
export async function quotasFor(db: Queryable, userId: string, zone: string): Promise<Quotas> {
  return { ...(await quotaDefaults(db)), ...(await userOverrides(db, userId, zone)) }
}

/**
 * Holds the (user, zone) lock row until the transaction ends. Checks that hold it count usage one
 * after another, and each sees the resources the previous one committed (PostgreSQL reads committed
 * data per statement). The row is created on first use; a concurrent creator simply waits.
 */
export async function lockQuota(db: Tx, caps: Capabilities, userId: string, zone: string): Promise<void> {
  await db
    .insertInto('quota_locks')
    .values({ user_id: userId, zone_id: zone })
    .onConflict((oc) => oc.columns(['user_id', 'zone_id']).doNothing())
    .execute()
  await caps.forUpdate(db.selectFrom('quota_locks').select('user_id').where('user_id', '=', userId).where('zone_id', '=', zone)).execute()
}

/**
 * What the user holds in the zone, per type. Resources that are gone (terminated, deleted, ceased)
 * count no more. A pending resize counts at its larger size from the moment it is accepted, since
 * the new size is only written when its job settles.
 */
export async function usageFor(db: Queryable, userId: string, zone: string, types: readonly QuotaType[] = QUOTA_TYPES): Promise<Quotas> {
  const wanted = new Set(types)
  const usage = Object.fromEntries(QUOTA_TYPES.map((t) => [t, 0])) as Quotas
  const pending = wanted.has('cpu') || wanted.has('memory') || wanted.has('volume_size') ? await pendingGrowth(db, userId, zone) : { cpu: 0, memory: 0, volume_size: 0 }

  if (wanted.has('instance') || wanted.has('cpu') || wanted.has('memory')) {
    const row = await db
      .selectFrom('instances')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('vcpus_current').as('cpu'), eb.fn.sum('memory_current').as('memory')])
      .where('owner', '=', userId)
      .where('zone_id', '=', zone)
      .where('status', 'not in', kinds.instance.goneStatuses)
      .executeTakeFirstOrThrow()
    usage.instance = Number(row.n)
    usage.cpu = Number(row.cpu ?? 0) + pending.cpu
    usage.memory = Number(row.memory ?? 0) + pending.memory
  }
  if (wanted.has('volume') || wanted.has('volume_size')) {
    const row = await db
      .selectFrom('volumes')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('size').as('size')])
      .where('owner', '=', userId)
      .where('zone_id', '=', zone)
      .where('status', 'not in', kinds.volume.goneStatuses)
      .executeTakeFirstOrThrow()
    usage.volume = Number(row.n)
    usage.volume_size = Number(row.size ?? 0) + pending.volume_size
  }
  if (wanted.has('keypair')) {
    const row = await db
      .selectFrom('keypairs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', userId)
      .where('zone_id', '=', zone)
      .executeTakeFirstOrThrow()
    usage.keypair = Number(row.n)
  }
  // EIPs, security groups, vxnets, snapshots: one count each, in the zone
  for (const [type, kind] of [
    ['eip', kinds.eip],
    ['security_group', kinds.security_group],
    ['vxnet', kinds.vxnet],
    ['snapshot', kinds.snapshot],
  ] as const) {
    if (!wanted.has(type)) continue
    let q = db
      .selectFrom(kind.table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', userId)
      .where('zone_id', '=', zone)
    const gone: readonly string[] = kind.goneStatuses
    // kysely cannot see that the tables with gone statuses (eips, snapshots) have a status column
    if (gone.length) q = q.where(sql<SqlBool>`status not in (${sql.join(gone.map((g) => sql`${g}`))})`)
    usage[type] = Number((await q.executeTakeFirstOrThrow()).n)
  }
  if (wanted.has('tag')) {
    const row = await db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', userId)
      .executeTakeFirstOrThrow()
    usage.tag = Number(row.n)
  }
  return usage
}

/** The parts of the resize jobs' payloads read here (instances/actions/resize-instances.ts, volumes/actions/resize-volumes.ts). */
interface InstanceResizePlan {
  vcpus_current: number
  memory_current: number
  from: { cpu: number; memory: number }
}

/** Growth accepted by ResizeInstances / ResizeVolumes whose jobs have not settled yet. */
async function pendingGrowth(db: Queryable, userId: string, zone: string): Promise<{ cpu: number; memory: number; volume_size: number }> {
  const growth = { cpu: 0, memory: 0, volume_size: 0 }
  const jobs = await db
    .selectFrom('jobs')
    .select(['job_action', 'resource_ids', 'payload'])
    .where('owner', '=', userId)
    .where('zone_id', '=', zone)
    .where('job_action', 'in', ['ResizeInstances', 'ResizeVolumes'])
    .where('status', 'in', ACTIVE_JOB_STATUSES)
    .execute()
  for (const job of jobs) {
    const payload = JSON.parse(job.payload) as { plans?: InstanceResizePlan[]; size?: number }
    if (job.job_action === 'ResizeInstances') {
      for (const plan of payload.plans ?? []) {
        growth.cpu += Math.max(0, plan.vcpus_current - plan.from.cpu)
        growth.memory += Math.max(0, plan.memory_current - plan.from.memory)
      }
    } else {
      const ids = job.resource_ids.split(' ').filter(Boolean)
      if (ids.length === 0) continue
      const volumes = await db.selectFrom('volumes').select('size').where('volume_id', 'in', ids).execute()
      for (const v of volumes) growth.volume_size += Math.max(0, Number(payload.size) - Number(v.size))
    }
  }
  return growth
}
