// RemoveHosts through /admin/: empty hosts go, a host carrying an instance answers 5400 naming it
// and nothing at all is removed, unknown ids are 2100.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launch } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const hostIds = async () => (ok(await t.admin_call('DescribeHosts')).host_set as Array<{ host_id: string }>).map((h) => h.host_id)

describe('RemoveHosts', () => {
  it('5400 when one of the hosts carries an instance (even stopped); nothing is removed', async () => {
    const [id] = await launch(t, { zone: 'sh1a' })
    ok(await t.call('StopInstances', { zone: 'sh1a', instances: [id] }))
    await t.settle()
    const carrier = (await describeOne(t, id!, { zone: 'sh1a' })).host_machine as string
    const empty = carrier === 'hyper-sh1a-01' ? 'hyper-sh1a-02' : 'hyper-sh1a-01'

    const refused = await t.admin_call('RemoveHosts', { hosts: [empty, carrier] })
    assert.equal(refused.ret_code, 5400)
    assert.match(refused.message, new RegExp(`^ResourceDependence, host \\[${carrier}\\] still carries instance\\(s\\) \\[${id}\\]`))
    assert.deepEqual(await hostIds(), ['hyper-pek3a-01', 'hyper-pek3a-02', 'hyper-sh1a-01', 'hyper-sh1a-02'])

    assert.deepEqual(ok(await t.admin_call('RemoveHosts', { hosts: [empty, empty] })).hosts, [empty])
    assert.deepEqual(await hostIds(), ['hyper-pek3a-01', 'hyper-pek3a-02', carrier])
  })

  it('a removed host stays removed when the platform starts again on the same store', async () => {
    const restarted = await startTestApp({ store: t.store, box: t.box, idSeed: 43 })
    try {
      const hosts = ok(await restarted.admin_call('DescribeHosts')).host_set.map((h: { host_id: string }) => h.host_id)
      assert.deepEqual(hosts, await hostIds())
      assert.equal(hosts.length, 3)
    } finally {
      await restarted.app.close() // the store is t's
    }
  })

  it('answers 2100 for an unknown host, 1100 without hosts, 1400 for a non-admin', async () => {
    const unknown = await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-01', 'hyper-pek3a-99'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, host [hyper-pek3a-99] not found'])
    assert.equal((await hostIds()).length, 3)
    assert.equal((await t.admin_call('RemoveHosts', {})).ret_code, 1100)
    assert.equal((await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-01'] }, { key: t.user })).ret_code, 1400)
  })
})
