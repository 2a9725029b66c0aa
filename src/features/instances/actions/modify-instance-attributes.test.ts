import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('ModifyInstanceAttributes', () => {
  it('renames and describes, even while the instance is busy; an empty description clears it', async () => {
    const id = await launchOne(t)
    await t.call('StopInstances', { instances: [id] })
    const reply = await t.call('ModifyInstanceAttributes', { instance: id, instance_name: 'renamed', description: 'the web tier' })
    assert.deepEqual(reply, { action: 'ModifyInstanceAttributesResponse', ret_code: 0 })
    let instance = await describeOne(t, id)
    assert.deepEqual([instance.instance_name, instance.description], ['renamed', 'the web tier'])
    await t.call('ModifyInstanceAttributes', { instance: id, description: '' })
    instance = await describeOne(t, id)
    assert.deepEqual([instance.instance_name, instance.description], ['renamed', null])
    await t.settle()
  })

  it('answers 2100, 1400 (another user’s, ceased) and 1100 (missing instance, name too long)', async () => {
    assert.equal((await t.call('ModifyInstanceAttributes', { instance: 'i-nothere1', instance_name: 'x' })).ret_code, 2100)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    assert.equal((await t.call('ModifyInstanceAttributes', { instance: theirs.instance_id, instance_name: 'x' })).ret_code, 1400)
    const ceased = await insertInstance(t, { status: 'ceased' })
    assert.equal((await t.call('ModifyInstanceAttributes', { instance: ceased.instance_id, instance_name: 'x' })).ret_code, 1400)
    assert.match((await t.call('ModifyInstanceAttributes', { instance_name: 'x' })).message, /missing parameter instance/)
    assert.equal((await t.call('ModifyInstanceAttributes', { instance: ceased.instance_id, instance_name: 'x'.repeat(65) })).ret_code, 1100)
  })
})
