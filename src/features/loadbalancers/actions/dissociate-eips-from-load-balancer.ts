// DissociateEipsFromLoadBalancer: unbinds EIPs (`eips.N`) from one of the caller's load balancers
// (asynchronous). The load balancer must be active or stopped and idle; each EIP the caller's
// (2100 / 1400), bound to THAT load balancer (1400 "is not associated with load balancer …"),
// `associated` and idle (1400). The EIPs and their bindings turn `dissociating` at once; the job
// makes the EIPs `available` (still allocated and billed) and drops the bindings, a failed job
// leaves them bound. `is_applied` is left alone (EIP changes are live at once).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { beginEipUnbinding, cancelEipUnbinding, finishEipUnbinding, getEipsForUpdate } from '../../eips/eip-repo.ts'
import { requireDistinct, stateRule } from '../../resources/guards.ts'
import { deleteEipBindings, eipBindingsOf, finishLoadBalancerTransition, setEipBindingTransition, setLoadBalancerTransition } from '../lb-repo.ts'
import { changeableLoadBalancer, NETWORK_TRANSITION } from '../network-rules.ts'

export const dissociateEipsFromLoadBalancer = defineAction({
  name: 'DissociateEipsFromLoadBalancer',
  params: Type.Object({
    eips: List(Str()),
    loadbalancer: Str(),
  }),
  job: { payload: Type.Object({ loadbalancer: Type.String(), eips: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    if (params.eips.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter eips')
    requireDistinct('eips', params.eips)
    const lb = await changeableLoadBalancer(ctx, params.loadbalancer, 'can not dissociate eips')
    const id = lb.loadbalancer_id
    const eips = await getEipsForUpdate(ctx, 'eips', params.eips)
    const bound = new Set((await eipBindingsOf(ctx.db, [id])).get(id)!.map((b) => b.eip_id))
    const stranger = params.eips.find((e) => !bound.has(e))
    if (stranger) throw stateRule('eip', stranger, `is not associated with load balancer [${id}]`, 'can not be dissociated from it')
    await beginEipUnbinding(ctx.db, eips)
    await setEipBindingTransition(ctx.db, params.eips, 'dissociating')
    await setLoadBalancerTransition(ctx.db, [id], NETWORK_TRANSITION)
    return { job_id: await ctx.jobs.start({ resource_ids: [id, ...params.eips], payload: { loadbalancer: id, eips: params.eips } }) }
  },
  async settle(job, jctx) {
    const { loadbalancer, eips } = job.payload
    const now = jctx.clock.now()
    await finishEipUnbinding(jctx.db, eips, now)
    await deleteEipBindings(jctx.db, eips)
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
  async onFailure(job, jctx) {
    const { loadbalancer, eips } = job.payload
    const now = jctx.clock.now()
    await cancelEipUnbinding(jctx.db, eips, now)
    await setEipBindingTransition(jctx.db, eips, '')
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
})
