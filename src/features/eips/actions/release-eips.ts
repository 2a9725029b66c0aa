// ReleaseEips: gives back available, idle EIPs (an associated one must be dissociated first: 1400,
// or 5400 when a load balancer holds it; a suspended one stays until its arrears are paid). The
// lease ends in the request (the unused part of the hour is refunded; 2300 while a prepaid term
// runs); the job makes them `released` and returns their addresses to the zone's pool at once.
// Released EIPs cease two hours later.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { freeAddresses } from '../eip-pool.ts'
import { eipHolders, finishEipTransition, getEipsForUpdate, setEipTransition } from '../eip-repo.ts'

export const releaseEips = defineAction({
  name: 'ReleaseEips',
  locks: ['wallet'],
  params: Type.Object({ eips: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const eips = await getEipsForUpdate(ctx, 'eips', params.eips)
    const holders = await eipHolders(ctx.db, eips)
    for (const e of eips) {
      requireIdle('eip', e.eip_id, e)
      const holder = holders.get(e.eip_id)
      // a load balancer depends on its EIPs (issue 18): 5400, as for a vxnet with members
      if (holder?.resource_type === 'loadbalancer') throw new ApiError('ResourceDependence', `eip [${e.eip_id}] is still associated with load balancer [${holder.resource_id}], dissociate it first (DissociateEipsFromLoadBalancer)`)
      if (e.status === 'associated') throw stateRule('eip', e.eip_id, `is associated with [${holder?.resource_id ?? e.instance_id}]`, 'can not be released')
      if (e.status !== 'available') throw stateRule('eip', e.eip_id, 'is not available', 'can not be released')
    }
    await endLeases(ctx, wallet, params.eips, 'delete')
    await setEipTransition(ctx.db, params.eips, 'releasing')
    return { job_id: await ctx.jobs.start({ resource_ids: params.eips }) }
  },
  async settle(job, jctx) {
    const released = await finishEipTransition(jctx.db, job.resource_ids, 'releasing', { status: 'released' }, jctx.clock.now())
    await freeAddresses(jctx.db, released)
    await untagResources(jctx.db, released)
  },
})
