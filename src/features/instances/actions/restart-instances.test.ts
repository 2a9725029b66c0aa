import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('RestartInstances', () => {
  it('restarts a running instance through restarting and leaves it running', async () => {
    const id = await launchOne(t)
    assert.equal((await t.call('RestartInstances', { instances: [id] })).ret_code, 0)
    assert.equal((await describeOne(t, id)).transition_status, 'restarting')
    await t.settle()
    assert.deepEqual([(await describeOne(t, id)).status, (await describeOne(t, id)).transition_status], ['running', ''])
  })

  it('answers 1400 for a stopped instance and 2100 for an unknown one', async () => {
    const id = await launchOne(t, 'stopped')
    const reply = await t.call('RestartInstances', { instances: [id] })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${id}] is not running, can not be restarted`])
    assert.equal((await t.call('RestartInstances', { instances: ['i-nothere1'] })).ret_code, 2100)
  })
})
