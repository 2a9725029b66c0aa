// ResizeInstances: a stopped instance gets another size. The new capacity is reserved now (on its
// host if it has room, else on another host of the zone; 5200 when none has), applied when the job
// settles. `os_disk_size` may only grow.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Optional, Str } from '../../../protocol/params.ts'
import { releaseFromHost, reserveOnHost, resizeOnHosts } from '../../hosts/host-repo.ts'
import { listInstanceTypes } from '../../instance-types/instance-type-repo.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { repriceLease } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { setInstanceTransition } from '../instance-repo.ts'
import { requestedShape, TRANSITIONS, type Shape } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'

interface ResizePlan extends Shape {
  instance_id: string
  from: { cpu: number; memory: number; host: string }
  host: string
  os_disk_size: number
}

export const resizeInstances = defineAction({
  name: 'ResizeInstances',
  params: Type.Object({
    instances: List(Str()),
    instance_type: Optional(Str({ maxLength: 64 })),
    cpu: Optional(Int()),
    memory: Optional(Int()),
    os_disk_size: Optional(Int({ maximum: 100 })),
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const types = await listInstanceTypes(ctx.db, ctx.zone, undefined)
    const shape = requestedShape(params, (id) => types.find((t) => t.instance_type_id === id))
    const rows = await ownedIdleInstances(ctx, params.instances)
    for (const row of rows) {
      requireStatus(row, ['stopped'], 'is not stopped', 'can not be resized')
      if (params.os_disk_size !== undefined && params.os_disk_size < row.os_disk_size) {
        throw new ApiError('PermissionDenied', `instance [${row.instance_id}] system disk is ${row.os_disk_size} GB, it can only grow`)
      }
    }
    await requireQuota(ctx, ctx.zone, { cpu: rows.reduce((n, r) => n + shape.vcpus_current - r.vcpus_current, 0), memory: rows.reduce((n, r) => n + shape.memory_current - r.memory_current, 0) })
    const plans: ResizePlan[] = []
    for (const row of rows) {
      const from = { cpu: row.vcpus_current, memory: row.memory_current }
      const host = await resizeOnHosts(ctx.db, ctx.caps, ctx.zone, row.host_machine, from, { cpu: shape.vcpus_current, memory: shape.memory_current })
      plans.push({ instance_id: row.instance_id, ...shape, from: { ...from, host: row.host_machine }, host, os_disk_size: params.os_disk_size ?? row.os_disk_size })
    }
    // the lease takes the new size's price now: the job only makes the size visible
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, { resource_type: 'instance', instance_type: shape.instance_type, cpu: shape.vcpus_current, memory: shape.memory_current })
    for (const row of rows) await repriceLease(ctx, wallet, row.instance_id, hourly)
    await setInstanceTransition(ctx.db, params.instances, TRANSITIONS.resize)
    return { job_id: await ctx.jobs.start({ resource_ids: params.instances, payload: { plans } }) }
  },
  async settle(job, ctx) {
    const now = formatTime(ctx.clock.now())
    for (const plan of job.payload.plans as ResizePlan[]) {
      await ctx.db
        .updateTable('instances')
        .set({
          instance_type: plan.instance_type,
          vcpus_current: plan.vcpus_current,
          memory_current: plan.memory_current,
          os_disk_size: plan.os_disk_size,
          host_machine: plan.host,
          transition_status: '',
          status_time: now,
        })
        .where('instance_id', '=', plan.instance_id)
        .execute()
    }
  },
  // the old size stays: give back the new reservation and take the old one again
  async onFailure(job, ctx) {
    for (const plan of job.payload.plans as ResizePlan[]) {
      await releaseFromHost(ctx.db, plan.host, { cpu: plan.vcpus_current, memory: plan.memory_current })
      await reserveOnHost(ctx.db, plan.from.host, plan.from)
    }
    await setInstanceTransition(ctx.db, job.resource_ids, '')
  },
})
