// LoadBalancerJoinVxnet: puts one of the caller's load balancers into a vxnet (asynchronous), at
// `private_ip` if given (an IPv4 address: 1100; inside the network: 1100; free: 2110), else the
// lowest free address. The vxnet is the caller's managed one or vxnet-0 (2100 / 1400; a
// self-managed vxnet hands out no address: 1400). A load balancer is in one managed network at
// most, vxnet-0 counted: one already in a vxnet must leave it first (1400). The load balancer must
// be active or stopped and idle. Its address is a NIC of the vxnets feature held by the load
// balancer, written at once (`joining`), and the load balancer's vxnet_id / private_ip are set in
// the request; the job settles the NIC, a failed job removes it and clears them again.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { stateRule } from '../../resources/guards.ts'
import { joinNetwork, lockNetwork } from '../../vxnets/membership.ts'
import { ipToNumber, requireInPlan } from '../../vxnets/network.ts'
import { removeNics, setNicTransition } from '../../vxnets/vxnet-repo.ts'
import { finishLoadBalancerTransition, setLoadBalancerTransition, updateLoadBalancer } from '../lb-repo.ts'
import { changeableLoadBalancer, NETWORK_TRANSITION } from '../network-rules.ts'

export const loadBalancerJoinVxnet = defineAction({
  name: 'LoadBalancerJoinVxnet',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    loadbalancer: Str(),
    private_ip: Optional(Str()),
  }),
  job: { payload: Type.Object({ loadbalancer: Type.String(), vxnet: Type.String() }) },
  async handle(params, ctx) {
    const ip = params.private_ip
    if (ip !== undefined && ipToNumber(ip) === undefined) throw new ApiError('InvalidRequestFormat', `parameter private_ip value [${ip}] is not an IPv4 address`)
    // the network first, then the load balancer: the order JoinVxnet locks a network and its joiners in
    const net = await lockNetwork(ctx, params.vxnet)
    const lb = await changeableLoadBalancer(ctx, params.loadbalancer, 'can not join a vxnet')
    const id = lb.loadbalancer_id
    if (lb.vxnet_id === net.vxnet_id) throw stateRule('load balancer', id, `is already in vxnet [${net.vxnet_id}]`, 'it can not join it again')
    if (lb.vxnet_id !== '') throw stateRule('load balancer', id, `is already in vxnet [${lb.vxnet_id}]`, 'a load balancer is in one managed vxnet at most (vxnet-0 counted): leave it first (LoadBalancerLeaveVxnet)')
    if (!net.managed) throw stateRule('vxnet', net.vxnet_id, 'is self-managed (vxnet_type 0) and hands out no addresses', 'a load balancer joins managed vxnets only')
    if (ip !== undefined) requireInPlan(net.vxnet_id, net.plan, ip)
    const [nic] = await joinNetwork(ctx, net, [{ instance_id: id, ip }], 'joining')
    await updateLoadBalancer(ctx.db, id, { vxnet_id: net.vxnet_id, private_ip: nic!.private_ip })
    await setLoadBalancerTransition(ctx.db, [id], NETWORK_TRANSITION)
    return { job_id: await ctx.jobs.start({ resource_ids: [id, net.vxnet_id], payload: { loadbalancer: id, vxnet: net.vxnet_id } }) }
  },
  async settle(job, jctx) {
    const { loadbalancer, vxnet } = job.payload
    await setNicTransition(jctx.db, vxnet, [loadbalancer], '')
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, jctx.clock.now())
  },
  // the address is given back and the load balancer is in no vxnet again, as before the request
  async onFailure(job, jctx) {
    const { loadbalancer, vxnet } = job.payload
    const now = jctx.clock.now()
    await removeNics(jctx.db, vxnet, [loadbalancer], now)
    await updateLoadBalancer(jctx.db, loadbalancer, { vxnet_id: '', private_ip: '' })
    await finishLoadBalancerTransition(jctx.db, [loadbalancer], NETWORK_TRANSITION, {}, now)
  },
})
