// Giving instances another size, shared by ResizeInstances and ResizeCluster: the new capacity is
// reserved at once (on the instance's host if it has room, else on another host of the zone; 5200
// when none has) and the lease repriced; the job makes the size visible, or gives it all back.
import Type, { type Static } from 'typebox'
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { InstanceTable, Queryable } from '../../store/database.ts'
import { repriceLease } from '../billing/leases.ts'
import { hourlyPriceIn } from '../billing/price-repo.ts'
import type { Wallet } from '../billing/wallet.ts'
import { type HostsTx, releaseFromHost, reserveOnHost, resizeOnHosts } from '../hosts/host-repo.ts'
import { requireQuota } from '../quotas/quota-check.ts'
import { reserve } from '../quotas/reservations.ts'
import type { Shape } from './instance.ts'
import { instanceKind } from './instance-kind.ts'

/** What a resize job carries in its payload for each instance (ResizeInstances, ResizeCluster): its new shape, where it was, where it goes. */
export const ResizePlanSchema = Type.Object({
  instance_id: Type.String(),
  instance_type: Type.String(),
  vcpus_current: Type.Number(),
  memory_current: Type.Number(),
  from: Type.Object({ cpu: Type.Number(), memory: Type.Number(), host: Type.String() }),
  host: Type.String(),
  os_disk_size: Type.Number(),
})
export type ResizePlan = Static<typeof ResizePlanSchema>

/** Checks quota for the growth, reserves the capacity, reprices the leases. Returns the job's plans. */
export async function reserveResize(ctx: ActionContext, wallet: Wallet, rows: readonly InstanceTable[], shape: Shape, osDiskSize?: number): Promise<ResizePlan[]> {
  await requireQuota(ctx, ctx.zone, {
    cpu: rows.reduce((n, r) => n + shape.vcpus_current - r.vcpus_current, 0),
    memory: rows.reduce((n, r) => n + shape.memory_current - r.memory_current, 0),
  })
  const plans: ResizePlan[] = []
  for (const row of rows) {
    const from = { cpu: row.vcpus_current, memory: row.memory_current }
    // takes the zone's hosts lock, which the resizing action declares (protocol/locks.ts)
    const host = await resizeOnHosts(ctx, ctx.zone, row.host_machine, from, { cpu: shape.vcpus_current, memory: shape.memory_current })
    plans.push({ instance_id: row.instance_id, ...shape, from: { ...from, host: row.host_machine }, host, os_disk_size: osDiskSize ?? row.os_disk_size })
  }
  // the lease takes the new size's price now: the job only makes the size visible
  const hourly = await hourlyPriceIn(ctx.db, ctx.zone, instanceKind, { instance_type: shape.instance_type, cpu: shape.vcpus_current, memory: shape.memory_current })
  for (const row of rows) await repriceLease(ctx, wallet, row.instance_id, hourly)
  return plans
}

/**
 * Holds the plans' growth as quota reservations until `jobId` ends (the runner releases them), so
 * usage counts the larger size while the job is pending. Call in the transaction of reserveResize.
 */
export async function reserveGrowth(ctx: ActionContext, jobId: string, plans: readonly ResizePlan[]): Promise<void> {
  await reserve(ctx.db, {
    user_id: ctx.caller.user_id,
    zone_id: ctx.zone,
    job_id: jobId,
    amounts: {
      cpu: plans.reduce((n, p) => n + Math.max(0, p.vcpus_current - p.from.cpu), 0),
      memory: plans.reduce((n, p) => n + Math.max(0, p.memory_current - p.from.memory), 0),
    },
    now: ctx.clock.now(),
  })
}

/** The job settled: the instances have their new size. */
export async function applyResize(db: Queryable, plans: readonly ResizePlan[], now: Date): Promise<void> {
  for (const plan of plans) {
    await db
      .updateTable('instances')
      .set({
        instance_type: plan.instance_type,
        vcpus_current: plan.vcpus_current,
        memory_current: plan.memory_current,
        os_disk_size: plan.os_disk_size,
        host_machine: plan.host,
        transition_status: '',
        status_time: formatTime(now),
      })
      .where('instance_id', '=', plan.instance_id)
      .execute()
  }
}

/** The job failed: the old size stays; give back the new reservation and take the old one again. */
export async function undoResize(hctx: HostsTx, zone: string, plans: readonly ResizePlan[]): Promise<void> {
  for (const plan of plans) {
    await releaseFromHost(hctx, zone, plan.host, { cpu: plan.vcpus_current, memory: plan.memory_current })
    await reserveOnHost(hctx, zone, plan.from.host, plan.from)
  }
}
