// JoinVxnet: puts the caller's running or stopped, idle instances into a vxnet (asynchronous).
// `vxnet` is `id` or `id|ip`: a fixed address only for one instance (1100), inside the network
// (1100), not taken (2110). The membership rules (one managed network per instance, vxnet-0
// included: 1400) are in membership.ts. The interface is written at once, with its address and
// `transition_status` 'joining'; the job clears it, a failed job removes it.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { lockInstances } from '../../instances/instance-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { joinNetwork, lockNetwork } from '../membership.ts'
import { parseNetworkRequest, requireInPlan } from '../network.ts'
import { removeNics, setNicTransition } from '../vxnet-repo.ts'

/** Networks change on running and stopped instances only (reference 2.2). */
export const NETWORKABLE = ['running', 'stopped']

export const joinVxnet = defineAction({
  name: 'JoinVxnet',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    instances: List(Str()),
  }),
  job: { payload: Type.Object({ vxnet: Type.String(), instances: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    if (params.instances.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter instances')
    requireDistinct('instances', params.instances)
    const request = parseNetworkRequest('vxnet', params.vxnet)
    if (request.ip !== undefined && params.instances.length > 1) throw new ApiError('InvalidRequestFormat', 'parameter vxnet can only name a fixed address for one instance')
    const net = await lockNetwork(ctx, request.vxnet_id)
    if (request.ip !== undefined) requireInPlan(net.vxnet_id, net.plan, request.ip)
    const rows = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, params.instances), params.instances, (i) => i.instance_id, ctx.caller)
    for (const instance of rows) {
      requireIdle('instance', instance.instance_id, instance)
      if (!NETWORKABLE.includes(instance.status)) throw stateRule('instance', instance.instance_id, `is [${instance.status}]`, 'can not join a vxnet')
    }
    await joinNetwork(
      ctx,
      net,
      params.instances.map((instance_id) => ({ instance_id, ip: request.ip })),
      'joining',
    )
    return { job_id: await ctx.jobs.start({ resource_ids: [net.vxnet_id, ...params.instances], payload: { vxnet: net.vxnet_id, instances: params.instances } }) }
  },
  async settle(job, ctx) {
    const { vxnet, instances } = job.payload
    await setNicTransition(ctx.db, vxnet, instances, '')
  },
  // the interfaces never came up: the addresses are free again
  async onFailure(job, ctx) {
    const { vxnet, instances } = job.payload
    await removeNics(ctx.db, vxnet, instances, ctx.clock.now())
  },
})
