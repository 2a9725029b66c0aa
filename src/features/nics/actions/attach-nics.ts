// AttachNics: attaches the caller's `available`, idle NICs to one of the caller's running or stopped,
// idle instances (asynchronous). Each state rule is 1400 naming the NIC or the instance and its
// state; an instance has at most one NIC per vxnet (1400: already there, or two named at once).
// The instance is `instance` (the SDKs) or `instance_id` (the docs' example). The NICs are bound
// at once (instance_id, their slots, `attaching`), so nothing else can take them or the instance's
// place in their vxnets; the job makes them `in-use`, a failed job leaves them available.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { lockInstances } from '../../instances/instance-repo.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { nicRowsOfInstances, updateNics } from '../nic-repo.ts'
import { getNicsForUpdate, NIC_INSTANCE_STATES } from '../nic-rules.ts'

export const attachNics = defineAction({
  name: 'AttachNics',
  params: Type.Object({
    nics: List(Str()),
    instance: Optional(Str()),
    instance_id: Optional(Str()),
  }),
  job: { payload: Type.Object({ instance: Type.String(), nics: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    const instanceId = params.instance ?? params.instance_id
    if (instanceId === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter instance')
    if (params.instance !== undefined && params.instance_id !== undefined && params.instance !== params.instance_id) {
      throw new ApiError('InvalidRequestFormat', `parameters instance [${params.instance}] and instance_id [${params.instance_id}] name different instances`)
    }
    // resource rows in one order everywhere: the instance, then its NICs
    const [instance] = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, [instanceId]), [instanceId], (i) => i.instance_id, ctx.caller)
    requireIdle('instance', instanceId, instance!)
    if (!NIC_INSTANCE_STATES.includes(instance!.status)) throw stateRule('instance', instanceId, `is [${instance!.status}]`, 'NICs can not be attached to it')
    const nics = await getNicsForUpdate(ctx, 'nics', params.nics)
    const current = await nicRowsOfInstances(ctx.db, [instanceId])
    const taken = new Map(current.map((n) => [n.vxnet_id, n.nic_id]))
    for (const nic of nics) {
      if (nic.status !== 'available') throw stateRule('nic', nic.nic_id, `is [${nic.status}]`, 'can not be attached')
      const other = taken.get(nic.vxnet_id)
      if (other !== undefined) throw stateRule('instance', instanceId, `already has NIC [${other}] in vxnet [${nic.vxnet_id}]`, `NIC [${nic.nic_id}] can not be attached to it`)
      taken.set(nic.vxnet_id, nic.nic_id)
    }
    let next = current.length ? Math.max(...current.map((n) => n.sequence)) + 1 : 0
    for (const nic of nics) {
      // an instance without any interface gets its primary one
      const role = next === 0 ? 1 : 0
      await updateNics(ctx.db, [nic.nic_id], { instance_id: instanceId, sequence: next++, role, transition_status: 'attaching' })
    }
    return { job_id: await ctx.jobs.start({ resource_ids: [instanceId, ...params.nics], payload: { instance: instanceId, nics: params.nics } }) }
  },
  async settle(job, ctx) {
    await updateNics(ctx.db, job.payload.nics, { status: 'in-use', transition_status: '', status_time: formatTime(ctx.clock.now()) })
  },
  // the NICs never came up on the instance: free again
  async onFailure(job, ctx) {
    await updateNics(ctx.db, job.payload.nics, { instance_id: '', sequence: 0, role: 0, transition_status: '' })
  },
})
