import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launch, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { allocateOne, associate, eipRow, setEipStatus } from '../../../../test/support/fixtures-eips.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const expectError = async (params: Record<string, unknown>, code: number, message: string, options?: { key: Key }) => {
  const reply = await t.call('AssociateEip', params, options)
  assert.deepEqual([reply.ret_code, reply.message], [code, message])
}

describe('AssociateEip', () => {
  it('associates an available EIP with a running instance: associating, then associated and shown in DescribeInstances', async () => {
    const instance = await launchOne(t)
    const eip = await allocateOne(t, { bandwidth: 4 })
    const reply = ok(await t.call('AssociateEip', { eip, instance }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await eipRow(t, eip), { status: 'available', transition_status: 'associating', instance_id: instance, bandwidth: 4, eip_addr: (await eipRow(t, eip)).eip_addr })
    assert.equal((await describeOne(t, instance)).eip.eip_id, '', 'not shown before the job settles')
    await t.settle()
    const row = await eipRow(t, eip)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['associated', '', instance])
    assert.deepEqual((await describeOne(t, instance)).eip, { eip_id: eip, eip_addr: row.eip_addr, bandwidth: 4 })
    const [item] = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set
    const name = (await describeOne(t, instance)).instance_name
    assert.deepEqual(item.resource, { resource_id: instance, resource_name: name, resource_type: 'instance' })
  })

  it('associates with a stopped instance too', async () => {
    const instance = await launchOne(t, 'stopped')
    const eip = await allocateOne(t)
    await associate(t, eip, instance)
    assert.equal((await eipRow(t, eip)).status, 'associated')
  })

  it('answers 1400 for an EIP that is not available, busy or suspended', async () => {
    const instance = await launchOne(t)
    const other = await launchOne(t)
    const held = await allocateOne(t)
    await associate(t, held, other)
    await expectError({ eip: held, instance }, 1400, `PermissionDenied, eip [${held}] is not available, can not be associated`)
    const suspended = await allocateOne(t)
    await setEipStatus(t, suspended, 'suspended')
    await expectError({ eip: suspended, instance }, 1400, `PermissionDenied, eip [${suspended}] is not available, can not be associated`)
    const busy = await allocateOne(t)
    ok(await t.call('ChangeEipsBandwidth', { eips: [busy], bandwidth: 2 }))
    await expectError({ eip: busy, instance }, 1400, `PermissionDenied, eip [${busy}] is [updating], please try later`)
    await t.settle()
  })

  it('answers 1400 for an instance that already has an EIP, even one still being associated', async () => {
    const instance = await launchOne(t)
    const first = await allocateOne(t)
    const second = await allocateOne(t)
    ok(await t.call('AssociateEip', { eip: first, instance }))
    await expectError({ eip: second, instance }, 1400, `PermissionDenied, instance [${instance}] already has eip [${first}], can not associate another one`)
    await t.settle()
    await expectError({ eip: second, instance }, 1400, `PermissionDenied, instance [${instance}] already has eip [${first}], can not associate another one`)
    assert.equal((await eipRow(t, second)).transition_status, '')
  })

  it('answers 1400 for an instance that is busy or not running or stopped', async () => {
    const eip = await allocateOne(t)
    const instance = await launchOne(t)
    ok(await t.call('StopInstances', { instances: [instance] }))
    await expectError({ eip, instance }, 1400, `PermissionDenied, instance [${instance}] is [stopping], please try later`)
    await t.settle()
    ok(await t.call('TerminateInstances', { instances: [instance] }))
    await t.settle()
    await expectError({ eip, instance }, 1400, `PermissionDenied, instance [${instance}] is not running or stopped, can not associate eip`)
    assert.deepEqual((await eipRow(t, eip)).transition_status, '')
  })

  it('answers 2100 for unknown ids and 1400 for another user’s EIP or instance', async () => {
    const mine = await launchOne(t)
    const eip = await allocateOne(t)
    const [theirInstance] = await launch(t, {}, { key: t.admin })
    const theirEip = await allocateOne(t, {}, { key: t.admin })
    await expectError({ eip: 'eip-nonexist', instance: mine }, 2100, 'ResourceNotFound, resource [eip-nonexist] not found')
    await expectError({ eip, instance: 'i-nonexist' }, 2100, 'ResourceNotFound, resource [i-nonexist] not found')
    await expectError({ eip: theirEip, instance: mine }, 1400, `PermissionDenied, resource [${theirEip}] does not belong to you`)
    await expectError({ eip, instance: theirInstance! }, 1400, `PermissionDenied, resource [${theirInstance}] does not belong to you`)
    const missing = await t.call('AssociateEip', { eip })
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /^InvalidRequestFormat, .*instance/)
  })

  it('leaves the EIP available and the instance free when the job fails', async () => {
    const instance = await launchOne(t)
    const eip = await allocateOne(t)
    ok(await t.admin_call('ArmJobFault', { job_action: 'AssociateEip' }))
    ok(await t.call('AssociateEip', { eip, instance }))
    await t.settle()
    const row = await eipRow(t, eip)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['available', '', ''])
    await associate(t, eip, instance)
    assert.equal((await eipRow(t, eip)).status, 'associated')
  })
})

describe('TerminateInstances with an EIP', () => {
  it('frees the EIP: available again, still billed, and the instance’s pending association is dropped', async () => {
    const instance = await launchOne(t)
    const eip = await allocateOne(t)
    await associate(t, eip, instance)
    ok(await t.call('TerminateInstances', { instances: [instance] }))
    await t.settle()
    const row = await eipRow(t, eip)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['available', '', ''])
    const lease = await t.store.db.selectFrom('leases').select('status').where('resource_id', '=', eip).executeTakeFirstOrThrow()
    assert.equal(lease.status, 'active')
    const [item] = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set
    assert.deepEqual(item.resource, { resource_id: '', resource_name: '', resource_type: '' })

    // terminated while an association is still in flight: whichever job settles first, the EIP ends free
    const next = await launchOne(t)
    const pending = await allocateOne(t)
    ok(await t.call('AssociateEip', { eip: pending, instance: next }))
    ok(await t.call('TerminateInstances', { instances: [next] }))
    await t.settle()
    const after = await eipRow(t, pending)
    assert.deepEqual([after.status, after.transition_status, after.instance_id], ['available', '', ''])
  })
})
