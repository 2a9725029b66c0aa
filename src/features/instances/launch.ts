// Bringing new instances into the world, shared by RunInstances and by AppCenter clusters (whose
// nodes are instances): place them on hosts, lease them, write them `pending`/`creating`; then,
// from the job, bring them up or, when the job failed, take everything back.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext, JobContext } from '../../protocol/action.ts'
import type { Queryable } from '../../store/database.ts'
import type { Plan } from '../billing/contract.ts'
import { endLeases, openLeases } from '../billing/leases.ts'
import { Wallet } from '../billing/wallet.ts'
import { placeOnHosts, releaseAll } from '../hosts/host-repo.ts'
import type { ImageRow } from '../images/image-repo.ts'
import { unbindAllFromInstances } from '../keypairs/keypair-repo.ts'
import { requirePlacementLicense } from '../licenses/license-repo.ts'
import type { QuotaDemand } from '../quotas/quota.ts'
import { releaseNics } from '../vxnets/vxnet-repo.ts'
import { TRANSITIONS, type Shape } from './instance.ts'

export interface LaunchBatch {
  count: number
  image: ImageRow
  shape: Shape
  plan: Plan
  /** The hourly price of one instance of `shape` (billing/price-repo.ts hourlyPriceIn). */
  hourly: number
  instance_name: string
  login_mode: string
  os_disk_size: number
  os_disk_encryption: 0 | 1
  instance_class: number
  cpu_model: string
  /** Hostname of each new instance; its id when absent. */
  hostname?: string
  /** The security group the instances start in; none when absent. */
  security_group_id?: string
}

/** The quota `count` instances of `shape` use (requireQuota, before launching). */
export function instanceDemand(count: number, shape: Shape): QuotaDemand {
  return { instance: count, cpu: count * shape.vcpus_current, memory: count * shape.memory_current }
}

/**
 * Refuses when the platform runs beyond its license (4001/4003/4005, licenses/license-repo.ts),
 * places the batch on hosts (5200 when no host has room), leases it and charges the first period
 * (2400 when the balance does not cover it), and writes the rows. Quota is the caller's check,
 * made before, for everything it launches in the transaction. Returns the new ids.
 */
export async function launchInstances(ctx: ActionContext, wallet: Wallet, batch: LaunchBatch): Promise<string[]> {
  const { shape } = batch
  await requirePlacementLicense(ctx.db, ctx.settings, ctx.clock.now())
  // takes the zone's hosts lock, which the launching action declares (protocol/locks.ts)
  const hosts = await placeOnHosts(
    ctx,
    ctx.zone,
    Array.from({ length: batch.count }, () => ({ cpu: shape.vcpus_current, memory: shape.memory_current })),
  )
  const time = formatTime(ctx.clock.now())
  const ids = hosts.map(() => ctx.ids.resource('i'))
  // charged before the rows exist, in the same transaction: a crash in between leaves neither
  await openLeases(
    ctx,
    wallet,
    { zone: ctx.zone, resource_type: 'instance', plan: batch.plan, hourly: batch.hourly },
    ids.map((resource_id) => ({ resource_id, resource_name: batch.instance_name })),
  )
  await ctx.db
    .insertInto('instances')
    .values(
      ids.map((instance_id, i) => ({
        instance_id,
        zone_id: ctx.zone,
        owner: ctx.caller.user_id,
        instance_name: batch.instance_name,
        description: null,
        ...shape,
        instance_class: batch.instance_class,
        image_id: batch.image.image_id,
        os_disk_size: batch.os_disk_size,
        os_disk_encryption: batch.os_disk_encryption,
        login_mode: batch.login_mode,
        hostname: batch.hostname ?? instance_id,
        host_machine: hosts[i]!,
        cpu_model: batch.cpu_model,
        graphics_passwd: '',
        security_group_id: batch.security_group_id ?? '',
        status: 'pending',
        transition_status: TRANSITIONS.create,
        create_time: time,
        status_time: time,
      })),
    )
    .execute()
  return ids
}

/** The launch job settled: the instances are up. */
export async function bringUpInstances(db: Queryable, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('instances')
    .set({ status: 'running', transition_status: '', status_time: formatTime(now) })
    .where('instance_id', 'in', ids)
    .execute()
}

/**
 * The launch job failed: the instances never came up. Everything charged for them is refunded
 * (the job's locks: wallet, then hosts), their capacity and addresses are free, they are ceased.
 */
export async function abandonInstances(ctx: JobContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  const rows = await ctx.db.selectFrom('instances').selectAll().where('instance_id', 'in', ids).execute()
  for (const owner of [...new Set(rows.map((r) => r.owner))].sort()) await endLeases(ctx, await Wallet.lock(ctx, owner), ids, 'never-created')
  await releaseAll(ctx, rows)
  await ctx.db
    .updateTable('instances')
    .set({ status: 'ceased', transition_status: '', host_machine: '', status_time: formatTime(ctx.clock.now()) })
    .where('instance_id', 'in', ids)
    .execute()
  await unbindAllFromInstances(ctx.db, ids)
  await releaseNics(ctx.db, ids, ctx.clock.now())
}
