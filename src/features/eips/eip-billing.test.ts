// EIPs and arrears: an EIP whose hour cannot be paid is suspended (from available or associated),
// refuses AssociateEip and ReleaseEips while suspended, and comes back as it was after a recharge.
// Default price: 0.04 yuan (400 minor units) per Mbps-hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { billHourly, leasesOf, payingUser } from '../../../test/support/fixtures-billing.ts'
import { allocateOne, associate, eipRow } from '../../../test/support/fixtures-eips.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

describe('EIPs in arrears', () => {
  it('suspends an unpaid EIP, which then refuses release and dissociation until a recharge resumes it', async () => {
    const { user_id, key } = await payingUser(t, 0.05)
    const eip = await allocateOne(t, { bandwidth: 1 }, { key })
    await billHourly(t, 1)
    assert.equal((await eipRow(t, eip)).status, 'suspended')
    assert.equal((await leasesOf(t, eip))[0]!.status, 'suspended')

    const r2 = await t.call('ReleaseEips', { eips: [eip] }, { key })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be released`])
    const r3 = await t.call('DissociateEips', { eips: [eip] }, { key })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, eip [${eip}] is not associated, can not be dissociated`])

    await t.fund(user_id, 1)
    assert.equal((await eipRow(t, eip)).status, 'available')
    ok(await t.call('ReleaseEips', { eips: [eip] }, { key }))
    await t.settle()
  })

  it('refuses AssociateEip for the owner’s suspended EIP and instance with the EIP’s state', async () => {
    const { user_id, key } = await payingUser(t, 0.2)
    const eip = await allocateOne(t, { bandwidth: 1 }, { key })
    await t.fund(user_id, 0.1)
    const [instance] = ok(await t.call('RunInstances', { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    // 0.30 − 0.04 − 0.07 = 0.19 left; hours at 0.11 each: the second one is not covered
    await billHourly(t, 2)
    assert.equal((await eipRow(t, eip)).status, 'suspended')
    const reply = await t.call('AssociateEip', { eip, instance }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])
  })

  it('resumes an associated EIP as associated; one whose instance was terminated meanwhile resumes as available', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const [a, b] = [await allocateOne(t, {}, { key }), await allocateOne(t, {}, { key })]
    const instances = ok(await t.call('RunInstances', { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1', count: 2 }, { key })).instances
    await t.settle()
    await associate(t, a!, instances[0], { key })
    await associate(t, b!, instances[1], { key })
    // arrears suspend both EIPs (as the ticker would); the instances stay up for the test
    for (const id of [a!, b!]) {
      await t.store.db.updateTable('eips').set({ status: 'suspended' }).where('eip_id', '=', id).execute()
      await t.store.db.updateTable('leases').set({ status: 'suspended', suspended_from: 'associated' }).where('resource_id', '=', id).where('status', '=', 'active').execute()
    }
    ok(await t.call('TerminateInstances', { instances: [instances[1]] }, { key }))
    await t.settle()
    assert.deepEqual([(await eipRow(t, b!)).status, (await eipRow(t, b!)).instance_id], ['suspended', ''])
    // the recharge comes later, as it would after a suspension
    t.clock.advance(90 * 60_000)
    await t.fund(user_id, 1)
    assert.deepEqual([(await eipRow(t, a!)).status, (await eipRow(t, a!)).instance_id], ['associated', instances[0]])
    assert.deepEqual([(await eipRow(t, b!)).status, (await eipRow(t, b!)).instance_id], ['available', ''])
  })
})
