// StartLoadBalancers: stopped, idle load balancers are `stopped` + `starting` until the job makes
// them `active`. Billing resumes: each gets a new lease at its type's price today, its first hour
// charged in the request (2400 when the balance cannot pay: nothing changes). A failed job refunds
// that lease and leaves the load balancer stopped.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { loadBalancerKind } from '../lb-kind.ts'
import { finishLoadBalancerTransition, getLoadBalancersForUpdate, ownersOfLoadBalancers, setLoadBalancerTransition } from '../lb-repo.ts'
import { requireState } from '../lifecycle-rules.ts'

export const startLoadBalancers = defineAction({
  name: 'StartLoadBalancers',
  locks: ['wallet'],
  jobLocks: ['wallet'],
  params: Type.Object({ loadbalancers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const lbs = await getLoadBalancersForUpdate(ctx, 'loadbalancers', params.loadbalancers)
    for (const lb of lbs) requireState(lb, ['stopped'], 'started')
    // one lease per type (types differ in price)
    for (const loadbalancer_type of new Set(lbs.map((lb) => lb.loadbalancer_type))) {
      const hourly = await hourlyPriceIn(ctx.db, ctx.zone, loadBalancerKind, { loadbalancer_type })
      await openLeases(
        ctx,
        wallet,
        { zone: ctx.zone, resource_type: loadBalancerKind.type, plan: planOf({}), hourly },
        lbs.filter((lb) => lb.loadbalancer_type === loadbalancer_type).map((lb) => ({ resource_id: lb.loadbalancer_id, resource_name: lb.loadbalancer_name })),
      )
    }
    await setLoadBalancerTransition(ctx.db, params.loadbalancers, 'starting')
    return { job_id: await ctx.jobs.start({ resource_ids: params.loadbalancers }) }
  },
  async settle(job, jctx) {
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'starting', { status: 'active' }, jctx.clock.now())
  },
  // it stays stopped, so the lease this request opened is refunded whole
  async onFailure(job, jctx) {
    for (const owner of await ownersOfLoadBalancers(jctx.db, job.resource_ids)) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'starting', {}, jctx.clock.now())
  },
})
