// ResizeLoadBalancers: changes the type (0–5: 5k … 500k connections) of active or stopped load
// balancers that are idle. The docs ask for a stopped one, but terraform resizes without stopping,
// so an active one is resized too. The new type is written and the lease repriced in the request
// (an active one's hour is settled and the first hour at the new price charged: 2400 when the
// balance cannot pay, nothing changes; a stopped one has no lease, and StartLoadBalancers opens one
// at the new price). The load balancers are `updating` (the transition terraform's wait knows)
// until the job settles.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, List, Str } from '../../../protocol/params.ts'
import { repriceLease } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { loadBalancerKind } from '../lb-kind.ts'
import { finishLoadBalancerTransition, getLoadBalancersForUpdate, setLoadBalancerTransition, updateLoadBalancer } from '../lb-repo.ts'
import { requireState } from '../lifecycle-rules.ts'

export const resizeLoadBalancers = defineAction({
  name: 'ResizeLoadBalancers',
  locks: ['wallet'],
  params: Type.Object({ loadbalancers: List(Str()), loadbalancer_type: Int({ minimum: 0, maximum: 5 }) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const lbs = await getLoadBalancersForUpdate(ctx, 'loadbalancers', params.loadbalancers)
    for (const lb of lbs) requireState(lb, ['active', 'stopped'], 'resized')
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, loadBalancerKind, { loadbalancer_type: params.loadbalancer_type })
    for (const lb of lbs) {
      await repriceLease(ctx, wallet, lb.loadbalancer_id, hourly)
      await updateLoadBalancer(ctx.db, lb.loadbalancer_id, { loadbalancer_type: params.loadbalancer_type })
    }
    await setLoadBalancerTransition(ctx.db, params.loadbalancers, 'updating')
    return { job_id: await ctx.jobs.start({ resource_ids: params.loadbalancers }) }
  },
  async settle(job, jctx) {
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'updating', {}, jctx.clock.now())
  },
})
