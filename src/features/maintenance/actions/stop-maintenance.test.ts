// StopMaintenance: ends maintenance at once, before its end time, so mutating actions work again
// on the next request; stopping when it is off succeeds. Non-admins 1400, even during maintenance.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('StopMaintenance', () => {
  it('ends maintenance at once and may be repeated', async () => {
    ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-16T08:00:00Z' }))
    assert.equal((await t.call('CreateTag', { tag_name: 'during' })).ret_code, 5300)
    assert.deepEqual(ok(await t.admin_call('StopMaintenance')).maintenance, { status: 'off', start_time: null, end_time: null, message: '' })
    ok(await t.call('CreateTag', { tag_name: 'after' }))
    assert.equal(ok(await t.admin_call('StopMaintenance')).maintenance.status, 'off')
  })

  it('refuses non-admins (1400), even during maintenance', async () => {
    ok(await t.admin_call('StartMaintenance'))
    const denied = await t.admin_call('StopMaintenance', {}, { key: t.user })
    assert.equal(denied.ret_code, 1400)
    assert.equal(ok(await t.admin_call('DescribeMaintenance')).maintenance.status, 'on')
    ok(await t.admin_call('StopMaintenance'))
  })
})
