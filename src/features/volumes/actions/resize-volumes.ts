// ResizeVolumes: grows detached volumes (the guest must see the disk grow while it is not in use).
// The new size is applied when the job settles, so DescribeVolumes shows the old size until then.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Str } from '../../../protocol/params.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { reserve } from '../../quotas/reservations.ts'
import { repriceLease } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireValidSize } from '../volume.ts'
import { volumeKind } from '../volume-kind.ts'
import { finishTransition, getVolumesForUpdate, setVolumeTransition } from '../volume-repo.ts'

export const resizeVolumes = defineAction({
  name: 'ResizeVolumes',
  locks: ['wallet', 'quota'],
  params: Type.Object({ volumes: List(Str()), size: Int({ minimum: 1 }) }),
  job: { payload: Type.Object({ size: Type.Integer() }) },
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const volumes = await getVolumesForUpdate(ctx, 'volumes', params.volumes)
    for (const v of volumes) {
      requireIdle('volume', v.volume_id, v)
      if (v.status !== 'available') throw stateRule('volume', v.volume_id, 'is not available', 'can not be resized')
      requireValidSize(params.size, v.volume_type)
      if (params.size <= v.size) throw stateRule('volume', v.volume_id, `is already [${v.size}] GB`, `can not be resized to [${params.size}] GB, volumes can only grow`)
    }
    const growth = { volume_size: volumes.reduce((n, v) => n + params.size - v.size, 0) }
    await requireQuota(ctx, ctx.zone, growth)
    // the lease takes the new size's price now: the job only makes the size visible
    for (const v of volumes) {
      const hourly = await hourlyPriceIn(ctx.db, ctx.zone, volumeKind, { volume_type: v.volume_type, size: params.size })
      await repriceLease(ctx, wallet, v.volume_id, hourly)
    }
    await setVolumeTransition(ctx.db, params.volumes, 'resizing')
    const job_id = await ctx.jobs.start({ resource_ids: params.volumes, payload: { size: params.size } })
    // the job writes the new size: until it ends, the growth is held as a reservation
    await reserve(ctx.db, { user_id: ctx.caller.user_id, zone_id: ctx.zone, job_id, amounts: growth, now: ctx.clock.now() })
    return { job_id }
  },
  async settle(job, jctx) {
    await finishTransition(jctx.db, job.resource_ids, 'resizing', { size: job.payload.size }, jctx.clock.now())
  },
})
