// DrainHosts / ActivateHosts through /admin/: a draining host takes no new instance (placement
// answers 5200 rather than use it), keeps what it carries, and becomes removable once that is
// terminated; ActivateHosts gives it back to placement.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launch, LINUX } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
// pek3a: hyper-pek3a-01 and -02, 16 CPUs and 32 GB each
before(async () => (t = await startTestApp()))
after(() => t.close())

const big = () => t.call('RunInstances', { ...LINUX, instance_type: 'c16m32' })
const host = async (id: string) => ok(await t.admin_call('DescribeHosts', { hosts: [id] })).host_set[0]

describe('DrainHosts / ActivateHosts', () => {
  it('a draining host gets no new instance; an active one takes it again', async () => {
    const drained = ok(await t.admin_call('DrainHosts', { hosts: ['hyper-pek3a-01'] }))
    assert.deepEqual(
      drained.host_set.map((h: { host_id: string; status: string }) => [h.host_id, h.status]),
      [['hyper-pek3a-01', 'draining']],
    )
    ok(await t.admin_call('DrainHosts', { hosts: ['hyper-pek3a-01'] })) // again: no error

    const [first] = await launch(t, { instance_type: 'c16m32' })
    assert.equal((await describeOne(t, first!)).host_machine, 'hyper-pek3a-02')
    // -01 is empty but draining: nothing fits anywhere else
    const refused = await big()
    assert.equal(refused.ret_code, 5200, refused.message)
    assert.deepEqual([(await host('hyper-pek3a-01')).cpu_used, (await host('hyper-pek3a-01')).instance_count], [0, 0])

    const active = ok(await t.admin_call('ActivateHosts', { hosts: ['hyper-pek3a-01'] }))
    assert.equal(active.host_set[0].status, 'active')
    const [second] = await launch(t, { instance_type: 'c16m32' })
    assert.equal((await describeOne(t, second!)).host_machine, 'hyper-pek3a-01')
  })

  it('a drained host keeps its instances, is refused removal (5400) until they are terminated', async () => {
    const [id] = (await t.call('DescribeInstances', { status: ['running'] })).instance_set.filter((i: { host_machine: string }) => i.host_machine === 'hyper-pek3a-02').map((i: { instance_id: string }) => i.instance_id)
    ok(await t.admin_call('DrainHosts', { hosts: ['hyper-pek3a-02'] }))
    assert.deepEqual([(await host('hyper-pek3a-02')).status, (await host('hyper-pek3a-02')).instance_count], ['draining', 1])
    assert.equal((await describeOne(t, id)).status, 'running')

    const refused = await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-02'] })
    assert.deepEqual([refused.ret_code, refused.message], [5400, `ResourceDependence, host [hyper-pek3a-02] still carries instance(s) [${id}], drain it (DrainHosts) and remove it once they are terminated`])
    ok(await t.call('TerminateInstances', { instances: [id] }))
    // terminating, not yet terminated: still carried
    assert.equal((await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-02'] })).ret_code, 5400)
    await t.settle()
    assert.deepEqual(ok(await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-02'] })).hosts, ['hyper-pek3a-02'])
    assert.equal(ok(await t.admin_call('DescribeHosts', { zone: 'pek3a' })).total_count, 1)
  })

  it('answers 2100 for an unknown host (changing nothing), 1100 without hosts, 1400 for a non-admin', async () => {
    const unknown = await t.admin_call('DrainHosts', { hosts: ['hyper-pek3a-01', 'hyper-nowhere-01'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, host [hyper-nowhere-01] not found'])
    assert.equal((await host('hyper-pek3a-01')).status, 'active')
    assert.equal((await t.admin_call('ActivateHosts', {})).ret_code, 1100)
    assert.equal((await t.admin_call('DrainHosts', { hosts: ['hyper-pek3a-01'] }, { key: t.user })).ret_code, 1400)
  })
})
