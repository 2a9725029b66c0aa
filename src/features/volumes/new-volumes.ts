// Making volumes, shared by CreateVolumes and CreateVolumeFromSnapshot so that both apply the same
// money and quota rules: the hourly price of the type and size, the quota (volume, volume_size),
// a lease per volume charged in the transaction that inserts the rows, `pending` + `creating`
// until the job settles, and a failed job refunding everything and ceasing the volumes.
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext, JobContext } from '../../protocol/action.ts'
import type { VolumeTable } from '../../store/database.ts'
import type { Plan } from '../billing/contract.ts'
import { endLeases, openLeases } from '../billing/leases.ts'
import { hourlyPriceIn } from '../billing/price-repo.ts'
import { Wallet } from '../billing/wallet.ts'
import { requireQuota } from '../quotas/quota-check.ts'
import { finishTransition, insertVolumes } from './volume-repo.ts'
import { volumeKind } from './volume-kind.ts'

export interface NewVolumes {
  count: number
  size: number
  volume_type: number
  volume_name: string
  encryption: number
  /** '' unless encrypted. */
  cipher_alg: string
}

/** The hourly price of one such volume in the caller's zone (2200 when the zone has none). */
export function volumeHourlyPrice(ctx: Pick<ActionContext, 'db' | 'zone'>, spec: Pick<NewVolumes, 'volume_type' | 'size'>): Promise<number> {
  return hourlyPriceIn(ctx.db, ctx.zone, volumeKind, { volume_type: spec.volume_type, size: spec.size })
}

/**
 * Checks the quota (2500), leases and charges the first period (2400) and inserts the volumes as
 * `pending` + `creating`. The caller holds `wallet` and queues the job, whose settle calls
 * settleNewVolumes and whose onFailure calls failNewVolumes. Returns the new ids.
 */
export async function openNewVolumes(ctx: ActionContext, wallet: Wallet, spec: NewVolumes, plan: Plan, hourly: number): Promise<string[]> {
  await requireQuota(ctx, ctx.zone, { volume: spec.count, volume_size: spec.count * spec.size })
  const time = formatTime(ctx.clock.now())
  const rows: VolumeTable[] = Array.from({ length: spec.count }, () => ({
    volume_id: ctx.ids.resource('vol'),
    zone_id: ctx.zone,
    owner: ctx.caller.user_id,
    volume_name: spec.volume_name,
    description: null,
    size: spec.size,
    volume_type: spec.volume_type,
    encryption: spec.encryption,
    cipher_alg: spec.cipher_alg,
    instance_id: '',
    device: '',
    status: 'pending',
    transition_status: 'creating',
    create_time: time,
    status_time: time,
  }))
  await openLeases(
    ctx,
    wallet,
    { zone: ctx.zone, resource_type: 'volume', plan, hourly },
    rows.map((r) => ({ resource_id: r.volume_id, resource_name: r.volume_name })),
  )
  await insertVolumes(ctx.db, rows)
  return rows.map((r) => r.volume_id)
}

/** The creating job settled: the volumes are `available`. */
export async function settleNewVolumes(jctx: JobContext, ids: readonly string[]): Promise<void> {
  await finishTransition(jctx.db, ids, 'creating', { status: 'available' }, jctx.clock.now())
}

/** A volume whose creation failed never existed: everything charged is refunded and it goes straight to `ceased`. */
export async function failNewVolumes(jctx: JobContext, ids: readonly string[]): Promise<void> {
  const owners = await jctx.db.selectFrom('volumes').select('owner').distinct().where('volume_id', 'in', ids).orderBy('owner').execute()
  for (const { owner } of owners) await endLeases(jctx, await Wallet.lock(jctx, owner), ids, 'never-created')
  await finishTransition(jctx.db, ids, 'creating', { status: 'ceased' }, jctx.clock.now())
}
