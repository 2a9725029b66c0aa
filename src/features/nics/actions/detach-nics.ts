// DetachNics: detaches the caller's `in-use`, idle NICs from their instances (asynchronous). An
// instance's primary NIC (role 1) stays (1400), and the instance must be running or stopped and
// idle (1400), as for AttachNics. The NICs turn `detaching` at once; the job makes them `available`
// (instance '', address kept), a failed job leaves them attached.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { findInstancesById } from '../../instances/instance-repo.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { updateNics } from '../nic-repo.ts'
import { getNicsForUpdate, NIC_INSTANCE_STATES } from '../nic-rules.ts'

export const detachNics = defineAction({
  name: 'DetachNics',
  params: Type.Object({ nics: List(Str()) }),
  job: { payload: Type.Object({ nics: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    const nics = await getNicsForUpdate(ctx, 'nics', params.nics)
    for (const nic of nics) {
      if (nic.status !== 'in-use') throw stateRule('nic', nic.nic_id, `is [${nic.status}]`, 'can not be detached')
      if (nic.role === 1) throw stateRule('nic', nic.nic_id, `is the primary NIC of instance [${nic.instance_id}]`, 'can not be detached')
    }
    const instances = await findInstancesById(ctx.db, [...new Set(nics.map((n) => n.instance_id))])
    for (const instance of instances) {
      requireIdle('instance', instance.instance_id, instance)
      if (!NIC_INSTANCE_STATES.includes(instance.status)) throw stateRule('instance', instance.instance_id, `is [${instance.status}]`, 'NICs can not be detached from it')
    }
    await updateNics(ctx.db, params.nics, { transition_status: 'detaching' })
    return { job_id: await ctx.jobs.start({ resource_ids: params.nics, payload: { nics: params.nics } }) }
  },
  async settle(job, ctx) {
    await updateNics(ctx.db, job.payload.nics, { status: 'available', instance_id: '', sequence: 0, role: 0, transition_status: '', status_time: formatTime(ctx.clock.now()) })
  },
  async onFailure(job, ctx) {
    await updateNics(ctx.db, job.payload.nics, { transition_status: '' })
  },
})
