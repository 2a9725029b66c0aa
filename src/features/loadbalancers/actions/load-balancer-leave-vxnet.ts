// LoadBalancerLeaveVxnet: takes one of the caller's load balancers out of its vxnet (asynchronous).
// The vxnet must be the load balancer's (1400 "is not in vxnet …"), the load balancer active or
// stopped and idle, and without EIPs (1400: its EIPs are reached through its network, so a load
// balancer with EIPs — bound or being bound — stays in it; dissociate them first). Its NIC turns
// `leaving` at once; the job removes it (the address is free again) and leaves the load balancer
// with vxnet_id '' and private_ip '' until it joins another; a failed job leaves it in the vxnet.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { stateRule } from '../../resources/guards.ts'
import { lockNetwork } from '../../vxnets/membership.ts'
import { removeNics, setNicTransition } from '../../vxnets/vxnet-repo.ts'
import { eipBindingsOf, finishLoadBalancerTransition, setLoadBalancerTransition, updateLoadBalancer } from '../lb-repo.ts'
import { changeableLoadBalancer, NETWORK_TRANSITION } from '../network-rules.ts'

export const loadBalancerLeaveVxnet = defineAction({
  name: 'LoadBalancerLeaveVxnet',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    loadbalancer: Str(),
  }),
  job: { payload: Type.Object({ loadbalancer: Type.String(), vxnet: Type.String() }) },
  async handle(params, ctx) {
    const net = await lockNetwork(ctx, params.vxnet)
    const lb = await changeableLoadBalancer(ctx, params.loadbalancer, 'can not leave a vxnet')
    const id = lb.loadbalancer_id
    if (lb.vxnet_id !== net.vxnet_id) throw stateRule('load balancer', id, `is not in vxnet [${net.vxnet_id}]`, 'can not leave it')
    const eips = (await eipBindingsOf(ctx.db, [id])).get(id)!.map((b) => b.eip_id)
    if (eips.length > 0) throw stateRule('load balancer', id, `still has eip(s) [${eips.join(', ')}]`, 'dissociate them first (DissociateEipsFromLoadBalancer): a load balancer keeps its vxnet while it has eips')
    await setNicTransition(ctx.db, net.vxnet_id, [id], 'leaving')
    await setLoadBalancerTransition(ctx.db, [id], NETWORK_TRANSITION)
    return { job_id: await ctx.jobs.start({ resource_ids: [id, net.vxnet_id], payload: { loadbalancer: id, vxnet: net.vxnet_id } }) }
  },
  async settle(job, jctx) {
    const { loadbalancer, vxnet } = job.payload
    const now = jctx.clock.now()
    await removeNics(jctx.db, vxnet, [loadbalancer], now)
    await updateLoadBalancer(jctx.db, loadbalancer, { vxnet_id: '', private_ip: '' })
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
  async onFailure(job, jctx) {
    const { loadbalancer, vxnet } = job.payload
    await setNicTransition(jctx.db, vxnet, [loadbalancer], '')
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, jctx.clock.now())
  },
})
