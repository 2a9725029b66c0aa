// DescribeMaintenance: off until started; on with its start, end and message while in force (and
// callable then); off again once the end time passes. Non-admins 1400.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const OFF = { status: 'off', start_time: null, end_time: null, message: '' }

describe('DescribeMaintenance', () => {
  it('reports the switch', async () => {
    assert.deepEqual(ok(await t.admin_call('DescribeMaintenance')).maintenance, OFF)
    ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-15T08:10:00Z', message: 'kernel updates' }))
    t.clock.advance(5 * 60_000)
    assert.deepEqual(ok(await t.admin_call('DescribeMaintenance')).maintenance, { status: 'on', start_time: '2026-01-15T08:00:00Z', end_time: '2026-01-15T08:10:00Z', message: 'kernel updates' })
    t.clock.advance(5 * 60_000)
    assert.deepEqual(ok(await t.admin_call('DescribeMaintenance')).maintenance, OFF)
  })

  it('refuses non-admins (1400)', async () => {
    assert.equal((await t.admin_call('DescribeMaintenance', {}, { key: t.user })).ret_code, 1400)
  })
})
