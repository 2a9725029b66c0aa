// AllocateEips: takes the zone's lowest free public addresses and makes them EIPs of the caller,
// `available` at once (QingCloud answers synchronously). Billing starts now whether or not the EIP
// is ever associated: one lease per EIP at the per-Mbps price. An empty pool is 5200 and leaves
// nothing created or charged.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import type { EipTable } from '../../../store/database.ts'
import { planOf } from '../../billing/contract.ts'
import { openLeases } from '../../billing/leases.ts'
import { planParams } from '../../billing/plan-params.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { BILLING_MODES, MAX_ALLOCATE_COUNT, MAX_BANDWIDTH, MIN_BANDWIDTH } from '../eip.ts'
import { claimAddresses } from '../eip-pool.ts'
import { eipKind } from '../eip-kind.ts'
import { insertEips } from '../eip-repo.ts'

export const allocateEips = defineAction({
  name: 'AllocateEips',
  locks: ['wallet', 'quota'],
  params: Type.Object({
    bandwidth: Int({ minimum: MIN_BANDWIDTH, maximum: MAX_BANDWIDTH }),
    billing_mode: Optional(OneOf(BILLING_MODES)),
    // 0 external (the address is NATed to the instance), 1 internal (bound to its NIC)
    associate_mode: Optional(Int({ minimum: 0, maximum: 1 })),
    eip_name: Optional(Str({ maxLength: 255 })),
    count: Optional(Int({ minimum: 1, maximum: MAX_ALLOCATE_COUNT })),
    need_icp: Optional(Flag()),
    ...planParams,
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const count = params.count ?? 1
    const plan = planOf(params)
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, eipKind, { bandwidth: params.bandwidth })
    await requireQuota(ctx, ctx.zone, { eip: count })
    const ids = Array.from({ length: count }, () => ctx.ids.resource('eip'))
    const addresses = await claimAddresses(ctx.db, ctx.zone, ids)
    const time = formatTime(ctx.clock.now())
    const rows: EipTable[] = ids.map((eip_id, i) => ({
      eip_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      eip_name: params.eip_name ?? '',
      description: null,
      eip_addr: addresses[i]!,
      bandwidth: params.bandwidth,
      billing_mode: params.billing_mode ?? 'bandwidth',
      associate_mode: params.associate_mode ?? 0,
      need_icp: params.need_icp ?? 0,
      instance_id: '',
      status: 'available',
      transition_status: '',
      create_time: time,
      status_time: time,
    }))
    await openLeases(
      ctx,
      wallet,
      { zone: ctx.zone, resource_type: 'eip', plan, hourly },
      rows.map((r) => ({ resource_id: r.eip_id, resource_name: r.eip_name })),
    )
    await insertEips(ctx.db, rows)
    return { eips: ids }
  },
})
