import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('StartInstances', () => {
  it('starts a stopped instance through starting', async () => {
    const id = await launchOne(t, 'stopped')
    const reply = await t.call('StartInstances', { instances: [id] })
    assert.equal(reply.ret_code, 0)
    assert.equal((await describeOne(t, id)).transition_status, 'starting')
    await t.settle()
    assert.deepEqual([(await describeOne(t, id)).status, (await describeOne(t, id)).transition_status], ['running', ''])
  })

  it('answers 1400 for an instance that is not stopped, 2100 for an unknown one, 1400 for another user’s', async () => {
    const running = await launchOne(t)
    const reply = await t.call('StartInstances', { instances: [running] })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${running}] is not stopped, can not be started`])
    assert.equal((await t.call('StartInstances', { instances: ['i-nothere1'] })).ret_code, 2100)
    const theirs = await insertInstance(t, { owner: t.admin.user_id, status: 'stopped' })
    assert.equal((await t.call('StartInstances', { instances: [theirs.instance_id] })).ret_code, 1400)
    const terminated = await insertInstance(t, { status: 'terminated' })
    assert.equal((await t.call('StartInstances', { instances: [terminated.instance_id] })).ret_code, 1400)
  })
})
