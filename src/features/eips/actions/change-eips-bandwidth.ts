// ChangeEipsBandwidth: sets a new bandwidth on available or associated, idle EIPs. The lease takes
// the new price now (the paid hour is settled and a new one charged); DescribeEips shows the new
// bandwidth once the job settles.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Str } from '../../../protocol/params.ts'
import { repriceLease } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { MAX_BANDWIDTH, MIN_BANDWIDTH } from '../eip.ts'
import { eipKind } from '../eip-kind.ts'
import { finishEipTransition, getEipsForUpdate, setEipTransition } from '../eip-repo.ts'

export const changeEipsBandwidth = defineAction({
  name: 'ChangeEipsBandwidth',
  locks: ['wallet'],
  params: Type.Object({ eips: List(Str()), bandwidth: Int({ minimum: MIN_BANDWIDTH, maximum: MAX_BANDWIDTH }) }),
  job: { payload: Type.Object({ bandwidth: Type.Integer() }) },
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const eips = await getEipsForUpdate(ctx, 'eips', params.eips)
    for (const e of eips) {
      requireIdle('eip', e.eip_id, e)
      if (e.status !== 'available' && e.status !== 'associated') throw stateRule('eip', e.eip_id, 'is not available or associated', 'can not change bandwidth')
    }
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, eipKind, { bandwidth: params.bandwidth })
    for (const e of eips) await repriceLease(ctx, wallet, e.eip_id, hourly)
    await setEipTransition(ctx.db, params.eips, 'updating')
    return { job_id: await ctx.jobs.start({ resource_ids: params.eips, payload: { bandwidth: params.bandwidth } }) }
  },
  async settle(job, jctx) {
    await finishEipTransition(jctx.db, job.resource_ids, 'updating', { bandwidth: job.payload.bandwidth }, jctx.clock.now())
  },
})
