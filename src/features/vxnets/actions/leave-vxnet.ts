// LeaveVxnet: takes the caller's running or stopped, idle instances out of a vxnet (asynchronous).
// Each must be in it, with its interface settled (1400 otherwise). The interface turns 'leaving'
// at once and is removed (its address freed) when the job ends; a failed job puts it back.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { lockInstances } from '../../instances/instance-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { lockNetwork } from '../membership.ts'
import { nicsOfInstances, removeNics, setNicTransition } from '../vxnet-repo.ts'
import { NETWORKABLE } from './join-vxnet.ts'

export const leaveVxnet = defineAction({
  name: 'LeaveVxnet',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    instances: List(Str()),
  }),
  job: { payload: Type.Object({ vxnet: Type.String(), instances: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    if (params.instances.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter instances')
    requireDistinct('instances', params.instances)
    const net = await lockNetwork(ctx, params.vxnet)
    const rows = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, params.instances), params.instances, (i) => i.instance_id, ctx.caller)
    const nics = (await nicsOfInstances(ctx.db, params.instances)).filter((n) => n.vxnet_id === net.vxnet_id)
    for (const instance of rows) {
      requireIdle('instance', instance.instance_id, instance)
      if (!NETWORKABLE.includes(instance.status)) throw stateRule('instance', instance.instance_id, `is [${instance.status}]`, 'can not leave a vxnet')
      const nic = nics.find((n) => n.instance_id === instance.instance_id)
      if (!nic) throw stateRule('instance', instance.instance_id, `is not in vxnet [${net.vxnet_id}]`, 'can not leave it')
      if (nic.transition_status !== '') throw new ApiError('PermissionDenied', `instance [${instance.instance_id}] is [${nic.transition_status}] vxnet [${net.vxnet_id}], please try later`)
    }
    await setNicTransition(ctx.db, net.vxnet_id, params.instances, 'leaving')
    return { job_id: await ctx.jobs.start({ resource_ids: [net.vxnet_id, ...params.instances], payload: { vxnet: net.vxnet_id, instances: params.instances } }) }
  },
  async settle(job, ctx) {
    const { vxnet, instances } = job.payload
    await removeNics(ctx.db, vxnet, instances, ctx.clock.now())
  },
  async onFailure(job, ctx) {
    const { vxnet, instances } = job.payload
    await setNicTransition(ctx.db, vxnet, instances, '')
  },
})
