import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('ResetInstances', () => {
  it('resets through resetting and keeps the status; a key pair login replaces the old bindings', async () => {
    await t.store.db
      .insertInto('keypairs')
      .values({ keypair_id: 'kp-resettst', zone_id: 'pek3a', owner: t.user.user_id, keypair_name: 'k', description: null, encrypt_method: 'ssh-rsa', pub_key: 'ssh-rsa AAAA', create_time: '2026-01-15T08:00:00Z' })
      .execute()
    const id = await launchOne(t, 'stopped')
    assert.equal((await t.call('ResetInstances', { instances: [id], login_mode: 'keypair', login_keypair: 'kp-resettst' })).ret_code, 0)
    assert.equal((await describeOne(t, id)).transition_status, 'resetting')
    await t.settle()
    const instance = await describeOne(t, id, { verbose: 1 })
    assert.deepEqual([instance.status, instance.transition_status, instance.keypair_ids], ['stopped', '', ['kp-resettst']])
    assert.equal((await t.call('ResetInstances', { instances: [id], login_mode: 'passwd', login_passwd: 'Another1Pass' })).ret_code, 0)
    await t.settle()
    assert.deepEqual((await describeOne(t, id, { verbose: 1 })).keypair_ids, [])
  })

  it('answers 1100 for a weak password or missing key pair, 1400 for a suspended instance', async () => {
    const id = await launchOne(t)
    assert.equal((await t.call('ResetInstances', { instances: [id], login_mode: 'passwd', login_passwd: 'short' })).ret_code, 1100)
    assert.equal((await t.call('ResetInstances', { instances: [id], login_mode: 'keypair' })).ret_code, 1100)
    assert.equal((await t.call('ResetInstances', { instances: [id] })).ret_code, 1100)
    assert.equal((await t.call('ResetInstances', { instances: [id], login_mode: 'keypair', login_keypair: 'kp-nothere1' })).ret_code, 2100)
    const suspended = await insertInstance(t, { status: 'suspended' })
    const reply = await t.call('ResetInstances', { instances: [suspended.instance_id], login_mode: 'passwd', login_passwd: 'Passw0rd123' })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not be reset`])
    assert.equal((await describeOne(t, id)).transition_status, '')
  })
})
