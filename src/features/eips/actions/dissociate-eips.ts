// DissociateEips: unbinds associated, idle EIPs from their instances. They stay `associated` +
// `dissociating` until the job makes them `available` again (still allocated and billed). A VPC
// router's EIP is unbound through ModifyRouterAttributes (`eip=`) instead, a load balancer's through
// DissociateEipsFromLoadBalancer: 1400 naming the router or load balancer.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { eipHolders, finishEipTransition, getEipsForUpdate, setEipTransition } from '../eip-repo.ts'

export const dissociateEips = defineAction({
  name: 'DissociateEips',
  params: Type.Object({ eips: List(Str()) }),
  async handle(params, ctx) {
    const eips = await getEipsForUpdate(ctx, 'eips', params.eips)
    const holders = await eipHolders(ctx.db, eips)
    for (const e of eips) {
      requireIdle('eip', e.eip_id, e)
      if (e.status !== 'associated') throw stateRule('eip', e.eip_id, 'is not associated', 'can not be dissociated')
      const holder = holders.get(e.eip_id)
      if (holder?.resource_type === 'router') throw stateRule('eip', e.eip_id, `is bound to router [${holder.resource_id}]`, 'unbind it with ModifyRouterAttributes')
      if (holder?.resource_type === 'loadbalancer') throw stateRule('eip', e.eip_id, `is bound to load balancer [${holder.resource_id}]`, 'unbind it with DissociateEipsFromLoadBalancer')
    }
    await setEipTransition(ctx.db, params.eips, 'dissociating')
    return { job_id: await ctx.jobs.start({ resource_ids: params.eips }) }
  },
  async settle(job, jctx) {
    await finishEipTransition(jctx.db, job.resource_ids, 'dissociating', { status: 'available', instance_id: '' }, jctx.clock.now())
  },
})
