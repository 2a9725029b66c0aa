// AssociateEipsToLoadBalancer: binds the caller's EIPs (`eips.N`) to one of the caller's load
// balancers (asynchronous). The EIPs must be available, idle and bound to nothing (1400 naming the
// EIP); the load balancer active or stopped, idle, and in a vxnet (1400). A load balancer has at
// most 4 EIPs: more than 4 in one request is bad input (1100), more than 4 with those it has is
// 1400. In the request the bindings are written (`associating`) and the EIPs reserved, so no other
// request can take them (the binding's key is the EIP: should two still meet, 5100, retryable); the
// job makes the EIPs `associated` and the bindings settled, a failed job takes both back. EIP
// changes are live at once (QingCloud applies them itself): `is_applied` is left alone.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { dropEipBinding, reserveEips, settleEipBinding } from '../../eips/eip-repo.ts'
import { requireDistinct, stateRule } from '../../resources/guards.ts'
import { deleteEipBindings, eipBindingsOf, finishLoadBalancerTransition, insertEipBindings, setEipBindingTransition, setLoadBalancerTransition } from '../lb-repo.ts'
import { changeableLoadBalancer, MAX_EIPS_PER_LOAD_BALANCER, NETWORK_TRANSITION } from '../network-rules.ts'

export const associateEipsToLoadBalancer = defineAction({
  name: 'AssociateEipsToLoadBalancer',
  params: Type.Object({
    eips: List(Str()),
    loadbalancer: Str(),
  }),
  job: { payload: Type.Object({ loadbalancer: Type.String(), eips: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    if (params.eips.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter eips')
    requireDistinct('eips', params.eips)
    if (params.eips.length > MAX_EIPS_PER_LOAD_BALANCER) {
      throw new ApiError('InvalidRequestFormat', `parameter eips lists ${params.eips.length} EIPs, a load balancer can have at most ${MAX_EIPS_PER_LOAD_BALANCER}`)
    }
    // the load balancer first, then its EIPs: the order every load-balancer action locks them in
    const lb = await changeableLoadBalancer(ctx, params.loadbalancer, 'can not associate eips')
    const id = lb.loadbalancer_id
    if (lb.vxnet_id === '') throw stateRule('load balancer', id, 'is in no vxnet', 'it must join one (LoadBalancerJoinVxnet) before eips are associated')
    const bound = (await eipBindingsOf(ctx.db, [id])).get(id)!
    const again = bound.find((b) => params.eips.includes(b.eip_id))
    if (again) throw stateRule('eip', again.eip_id, `is already associated with load balancer [${id}]`, 'can not be associated again')
    if (bound.length + params.eips.length > MAX_EIPS_PER_LOAD_BALANCER) {
      throw stateRule('load balancer', id, `already has ${bound.length} eip(s)`, `${params.eips.length} more would exceed the limit of ${MAX_EIPS_PER_LOAD_BALANCER}`)
    }
    await reserveEips(ctx, 'eips', params.eips)
    const bind_time = formatTime(ctx.clock.now())
    try {
      await insertEipBindings(
        ctx.db,
        params.eips.map((eip_id) => ({ eip_id, loadbalancer_id: id, zone_id: ctx.zone, owner: ctx.caller.user_id, transition_status: 'associating', bind_time })),
      )
    } catch (error) {
      // the EIP's row lock makes this unreachable in practice; should it happen, the client retries
      if (ctx.caps.isUniqueViolation(error)) throw new ApiError('ServerBusy', 'an eip was bound by a concurrent request, nothing was changed: please try again')
      throw error
    }
    await setLoadBalancerTransition(ctx.db, [id], NETWORK_TRANSITION)
    return { job_id: await ctx.jobs.start({ resource_ids: [id, ...params.eips], payload: { loadbalancer: id, eips: params.eips } }) }
  },
  async settle(job, jctx) {
    const { loadbalancer, eips } = job.payload
    const now = jctx.clock.now()
    const settled = await settleEipBinding(jctx.db, eips, now)
    await setEipBindingTransition(jctx.db, settled, '')
    // an EIP no longer reserved (nothing should take it meanwhile) is not bound after all
    await deleteEipBindings(
      jctx.db,
      eips.filter((e) => !settled.includes(e)),
    )
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
  async onFailure(job, jctx) {
    const { loadbalancer, eips } = job.payload
    const now = jctx.clock.now()
    await deleteEipBindings(jctx.db, eips)
    await dropEipBinding(jctx.db, eips, now)
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
})
