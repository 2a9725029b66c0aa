// StopLoadBalancers: active, idle load balancers are `active` + `stopping` until the job makes them
// `stopped`. Billing stops: the lease ends in the request (the unused rest of the hour is
// refunded) and StartLoadBalancers opens a new one. A stopped load balancer keeps its address,
// EIPs, listeners and backends (whose status is `down` while it is stopped).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { finishLoadBalancerTransition, getLoadBalancersForUpdate, setLoadBalancerTransition } from '../lb-repo.ts'
import { requireState } from '../lifecycle-rules.ts'

export const stopLoadBalancers = defineAction({
  name: 'StopLoadBalancers',
  locks: ['wallet'],
  params: Type.Object({ loadbalancers: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const lbs = await getLoadBalancersForUpdate(ctx, 'loadbalancers', params.loadbalancers)
    for (const lb of lbs) requireState(lb, ['active'], 'stopped')
    await endLeases(ctx, wallet, params.loadbalancers, 'delete')
    await setLoadBalancerTransition(ctx.db, params.loadbalancers, 'stopping')
    return { job_id: await ctx.jobs.start({ resource_ids: params.loadbalancers }) }
  },
  async settle(job, jctx) {
    await finishLoadBalancerTransition(jctx.db, job.resource_ids, 'stopping', { status: 'stopped' }, jctx.clock.now())
  },
})
