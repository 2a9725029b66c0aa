// AttachNics and DetachNics: asynchronous, state rules 1400 naming the NIC or instance and its
// state, the primary NIC stays, one NIC per vxnet per instance, failed jobs put things back, and
// DescribeInstances' vxnets follows.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { attachNics, createNic, describeNic } from '../../../../test/support/fixtures-nics.ts'
import { createVxnet } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const vxnetsOf = async (id: string) => (await t.call('DescribeInstances', { instances: [id] })).instance_set[0].vxnets.map((v: { vxnet_id: string; nic_id: string; role: number }) => `${v.vxnet_id} ${v.nic_id} ${v.role}`)
const expectError = async (action: string, params: Record<string, unknown>, code: number, message: string) => {
  const reply = await t.call(action, params)
  assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
}

describe('AttachNics', () => {
  it('attaches available NICs to running and stopped instances through a job; they show in DescribeInstances', async () => {
    const [vx1, vx2] = [await createVxnet(t, { vxnet_type: 0 }), await createVxnet(t)]
    for (const state of ['running', 'stopped'] as const) {
      const id = await launchOne(t, state)
      const [primary] = await vxnetsOf(id)
      const a = await createNic(t, vx1)
      const b = await createNic(t, vx2)
      const reply = await t.call('AttachNics', { nics: [a, b], instance: id })
      assert.equal(reply.ret_code, 0, reply.message)
      assert.deepEqual(Object.keys(reply).sort(), ['action', 'job_id', 'ret_code'])
      assert.match(reply.job_id, /^j-/)
      const pending = await describeNic(t, a)
      assert.deepEqual([pending.status, pending.transition_status, pending.instance_id], ['available', 'attaching', id])
      await t.settle()
      const nic = await describeNic(t, a)
      assert.deepEqual([nic.status, nic.transition_status, nic.instance_id, nic.sequence, nic.role], ['in-use', '', id, 1, 0])
      assert.equal((await describeNic(t, b)).sequence, 2)
      assert.deepEqual(await vxnetsOf(id), [primary, `${vx1} ${a} 0`, `${vx2} ${b} 0`])
      const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
      assert.equal(job.status, 'successful')
    }
  })

  it('accepts the docs’ instance_id spelling', async () => {
    const id = await launchOne(t)
    const nic = await createNic(t, await createVxnet(t))
    ok(await t.call('AttachNics', { nics: [nic], instance_id: id }))
    await t.settle()
    assert.equal((await describeNic(t, nic)).instance_id, id)
  })

  it('refuses NICs that are not available, busy instances and instances in other states (1400), changing nothing', async () => {
    const vx = await createVxnet(t)
    const id = await launchOne(t)
    const used = await createNic(t, vx)
    await attachNics(t, [used], id)
    const other = await launchOne(t)
    const free = await createNic(t, await createVxnet(t))
    await expectError('AttachNics', { nics: [free, used], instance: other }, 1400, `PermissionDenied, nic [${used}] is [in-use], can not be attached`)
    ok(await t.call('StopInstances', { instances: [other] }))
    await expectError('AttachNics', { nics: [free], instance: other }, 1400, `PermissionDenied, instance [${other}] is [stopping], please try later`)
    await t.settle()
    ok(await t.call('TerminateInstances', { instances: [other] }))
    await t.settle()
    await expectError('AttachNics', { nics: [free], instance: other }, 1400, `PermissionDenied, instance [${other}] is [terminated], NICs can not be attached to it`)
    // a NIC being attached is busy
    const third = await launchOne(t)
    ok(await t.call('AttachNics', { nics: [free], instance: third }))
    await expectError('AttachNics', { nics: [free], instance: id }, 1400, `PermissionDenied, nic [${free}] is [attaching], please try later`)
    await t.settle()
    assert.equal((await describeNic(t, free)).instance_id, third)
  })

  it('gives an instance one NIC per vxnet (1400), counting the ones asked for together', async () => {
    const vx = await createVxnet(t, { vxnet_type: 0 })
    const id = await launchOne(t, 'running', { vxnets: ['vxnet-0', vx] })
    const [a, b] = [await createNic(t, vx), await createNic(t, vx)]
    const mine = (await vxnetsOf(id))[1].split(' ')[1]
    await expectError('AttachNics', { nics: [a], instance: id }, 1400, `PermissionDenied, instance [${id}] already has NIC [${mine}] in vxnet [${vx}], NIC [${a}] can not be attached to it`)
    const fresh = await launchOne(t)
    await expectError('AttachNics', { nics: [a, b], instance: fresh }, 1400, `PermissionDenied, instance [${fresh}] already has NIC [${a}] in vxnet [${vx}], NIC [${b}] can not be attached to it`)
    assert.equal((await describeNic(t, a)).status, 'available')
  })

  it('refuses unknown (2100) and other users’ (1400) NICs and instances, and bad input (1100)', async () => {
    const stranger = await payingUser(t, 100)
    const theirVx = await createVxnet(t, {}, { key: stranger.key })
    const theirNic = await createNic(t, theirVx, { key: stranger.key })
    const id = await launchOne(t)
    const nic = await createNic(t, await createVxnet(t))
    await expectError('AttachNics', { nics: [theirNic], instance: id }, 1400, `PermissionDenied, resource [${theirNic}] does not belong to you`)
    await expectError('AttachNics', { nics: ['52:54:00:00:00:99'], instance: id }, 2100, 'ResourceNotFound, resource [52:54:00:00:00:99] not found')
    await expectError('AttachNics', { nics: [nic], instance: 'i-nothere' }, 2100, 'ResourceNotFound, resource [i-nothere] not found')
    await expectError('AttachNics', { nics: [nic] }, 1100, 'InvalidRequestFormat, missing parameter instance')
    await expectError('AttachNics', { instance: id }, 1100, 'InvalidRequestFormat, missing parameter nics')
    await expectError('AttachNics', { nics: [nic, nic], instance: id }, 1100, `InvalidRequestFormat, parameter nics lists [${nic}] more than once`)
    await expectError('AttachNics', { nics: [nic], instance: id, instance_id: 'i-other' }, 1100, `InvalidRequestFormat, parameters instance [${id}] and instance_id [i-other] name different instances`)
    assert.equal((await describeNic(t, nic)).status, 'available')
  })

  it('leaves the NICs available and unbound when the job fails', async () => {
    const id = await launchOne(t)
    const nic = await createNic(t, await createVxnet(t))
    ok(await t.admin_call('ArmJobFault', { job_action: 'AttachNics' }))
    ok(await t.call('AttachNics', { nics: [nic], instance: id }))
    await t.settle()
    const row = await describeNic(t, nic)
    assert.deepEqual([row.status, row.transition_status, row.instance_id, row.sequence, row.role], ['available', '', '', 0, 0])
    assert.equal((await vxnetsOf(id)).length, 1)
  })
})

describe('DetachNics', () => {
  it('detaches in-use NICs through a job: available again, address kept, gone from DescribeInstances', async () => {
    const vx = await createVxnet(t)
    const id = await launchOne(t)
    const nic = await createNic(t, vx)
    const ip = (await describeNic(t, nic)).private_ip
    await attachNics(t, [nic], id)
    const reply = await t.call('DetachNics', { nics: [nic] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'job_id', 'ret_code'])
    assert.equal((await describeNic(t, nic)).transition_status, 'detaching')
    await t.settle()
    const row = await describeNic(t, nic)
    assert.deepEqual([row.status, row.transition_status, row.instance_id, row.private_ip, row.role], ['available', '', '', ip, 0])
    assert.equal((await vxnetsOf(id)).length, 1)
    // and it may be attached again, elsewhere
    await attachNics(t, [nic], await launchOne(t))
    assert.equal((await describeNic(t, nic)).status, 'in-use')
  })

  it('refuses available NICs, the primary NIC, busy NICs and instances in other states (1400)', async () => {
    const id = await launchOne(t)
    const [primary] = (await vxnetsOf(id))[0].split(' ').slice(1)
    const free = await createNic(t, await createVxnet(t))
    await expectError('DetachNics', { nics: [free] }, 1400, `PermissionDenied, nic [${free}] is [available], can not be detached`)
    await expectError('DetachNics', { nics: [primary] }, 1400, `PermissionDenied, nic [${primary}] is the primary NIC of instance [${id}], can not be detached`)
    await attachNics(t, [free], id)
    ok(await t.call('DetachNics', { nics: [free] }))
    await expectError('DetachNics', { nics: [free] }, 1400, `PermissionDenied, nic [${free}] is [detaching], please try later`)
    await t.settle()
    await attachNics(t, [free], id)
    ok(await t.call('StopInstances', { instances: [id] }))
    await expectError('DetachNics', { nics: [free] }, 1400, `PermissionDenied, instance [${id}] is [stopping], please try later`)
    await t.settle()
    ok(await t.call('DetachNics', { nics: [free] }))
    await t.settle()
  })

  it('refuses unknown (2100) and other users’ (1400) NICs, and bad lists (1100); a failed job leaves the NIC attached', async () => {
    const stranger = await payingUser(t, 100)
    const theirNic = await createNic(t, await createVxnet(t, {}, { key: stranger.key }), { key: stranger.key })
    await expectError('DetachNics', { nics: [theirNic] }, 1400, `PermissionDenied, resource [${theirNic}] does not belong to you`)
    await expectError('DetachNics', { nics: ['52:54:00:00:00:98'] }, 2100, 'ResourceNotFound, resource [52:54:00:00:00:98] not found')
    await expectError('DetachNics', {}, 1100, 'InvalidRequestFormat, missing parameter nics')
    const id = await launchOne(t)
    const nic = await createNic(t, await createVxnet(t))
    await attachNics(t, [nic], id)
    await expectError('DetachNics', { nics: [nic, nic] }, 1100, `InvalidRequestFormat, parameter nics lists [${nic}] more than once`)
    ok(await t.admin_call('ArmJobFault', { job_action: 'DetachNics' }))
    ok(await t.call('DetachNics', { nics: [nic] }))
    await t.settle()
    const row = await describeNic(t, nic)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['in-use', '', id])
  })

  it('an instance takes its own interfaces with it (LeaveVxnet, TerminateInstances), tags too; a NIC made by CreateNics is detached and stays', async () => {
    const [vx, joined] = [await createVxnet(t), await createVxnet(t, { vxnet_type: 0 })]
    const id = await launchOne(t)
    const nic = await createNic(t, vx)
    await attachNics(t, [nic], id)
    ok(await t.call('JoinVxnet', { vxnet: joined, instances: [id] }))
    await t.settle()
    const own = (await vxnetsOf(id)).map((v: string) => v.split(' ')[1]!)
    const [primary, interfaceInJoined] = [own[0]!, own.find((n: string, i: number) => i > 0 && n !== nic)!]
    const tag = ok(await t.call('CreateTag', { tag_name: 'leaving' })).tag_id
    const bind = (resource_id: string) => ({ tag_id: tag, resource_type: 'nic', resource_id })
    ok(await t.call('AttachTags', { resource_tag_pairs: [bind(nic), bind(primary), bind(interfaceInJoined)] }))
    const bound = async (ids: string[]) => (await t.store.db.selectFrom('resource_tags').select('resource_id').where('resource_id', 'in', ids).execute()).length
    assert.equal(await bound([nic, primary, interfaceInJoined]), 3)

    // LeaveVxnet: the interface JoinVxnet made goes; the NIC made by CreateNics is detached
    ok(await t.call('LeaveVxnet', { vxnet: joined, instances: [id] }))
    ok(await t.call('LeaveVxnet', { vxnet: vx, instances: [id] }))
    await t.settle()
    assert.equal((await t.call('DescribeNics', { nics: [interfaceInJoined] })).total_count, 0)
    assert.equal(await bound([interfaceInJoined]), 0)
    let left = await describeNic(t, nic)
    assert.deepEqual([left.status, left.instance_id, left.sequence, left.role, left.transition_status], ['available', '', 0, 0, ''])
    assert.equal(await bound([nic]), 1)

    // TerminateInstances: the primary interface goes, the attached NIC comes back available with its tags and address
    await attachNics(t, [nic], id)
    const address = (await describeNic(t, nic)).private_ip
    ok(await t.call('TerminateInstances', { instances: [id] }))
    await t.settle()
    assert.equal((await t.call('DescribeNics', { nics: [primary] })).total_count, 0)
    assert.equal(await bound([primary]), 0)
    left = await describeNic(t, nic)
    assert.deepEqual([left.status, left.instance_id, left.private_ip], ['available', '', address])
    assert.equal(await bound([nic]), 1)
    // and it can go to another instance
    await attachNics(t, [nic], await launchOne(t))
    assert.equal((await describeNic(t, nic)).status, 'in-use')
  })
})
