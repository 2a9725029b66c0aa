// ResizeInstances: a stopped instance gets another size. The new capacity is reserved now (on its
// host if it has room, else on another host of the zone; 5200 when none has), applied when the job
// settles. `os_disk_size` may only grow.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Optional, Str } from '../../../protocol/params.ts'
import { listInstanceTypes } from '../../instance-types/instance-type-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { setInstanceTransition } from '../instance-repo.ts'
import { requestedShape, TRANSITIONS } from '../instance.ts'
import { ownedIdleInstances, requireStatus } from '../lifecycle.ts'
import { applyResize, reserveGrowth, reserveResize, ResizePlanSchema, undoResize } from '../resize.ts'

export const resizeInstances = defineAction({
  name: 'ResizeInstances',
  locks: ['wallet', 'quota', 'hosts'],
  jobLocks: ['hosts'],
  params: Type.Object({
    instances: List(Str()),
    instance_type: Optional(Str({ maxLength: 64 })),
    cpu: Optional(Int()),
    memory: Optional(Int()),
    os_disk_size: Optional(Int({ maximum: 100 })),
  }),
  job: { payload: Type.Object({ plans: Type.Array(ResizePlanSchema) }) },
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
    const plans = await reserveResize(ctx, wallet, rows, shape, params.os_disk_size)
    await setInstanceTransition(ctx.db, params.instances, TRANSITIONS.resize)
    const job_id = await ctx.jobs.start({ resource_ids: params.instances, payload: { plans } })
    await reserveGrowth(ctx, job_id, plans)
    return { job_id }
  },
  async settle(job, ctx) {
    await applyResize(ctx.db, job.payload.plans, ctx.clock.now())
  },
  async onFailure(job, ctx) {
    await undoResize(ctx, job.zone_id, job.payload.plans)
    await setInstanceTransition(ctx.db, job.resource_ids, '')
  },
})
