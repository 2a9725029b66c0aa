// AddHosts through /admin/: ids after the zone's highest, the unlicensed allowance (4005 beyond it
// without a valid license), the license's max_hosts (4003), and parallel additions that cannot
// overshoot the allowance or collide on an id (PostgreSQL takes them at once).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { LICENSE, loadLicense, signCertificate, vendorKeys } from '../../../../test/support/fixtures-licenses.ts'

const vendor = vendorKeys()
const add = (t: TestApp, params: Record<string, unknown>) => t.admin_call('AddHosts', { zone: 'pek3a', cpu: 8, memory: 16384, ...params })
const hostIds = async (t: TestApp) => (ok(await t.admin_call('DescribeHosts', { limit: 100 })).host_set as Array<{ host_id: string }>).map((h) => h.host_id)

describe('AddHosts', () => {
  let t: TestApp
  // 2 hosts in each of pek3a and sh1a: 4 of the 6 the platform may have without a license
  before(async () => (t = await startTestApp({ config: { licensePublicKey: vendor.publicPem, unlicensedHosts: 6 } })))
  after(() => t.close())

  it('adds active hosts numbered after the zone’s highest, up to the unlicensed allowance', async () => {
    const reply = ok(await add(t, { count: 2 }))
    assert.deepEqual(reply.hosts, ['hyper-pek3a-03', 'hyper-pek3a-04'])
    assert.deepEqual(reply.host_set[0], {
      host_id: 'hyper-pek3a-03',
      zone_id: 'pek3a',
      status: 'active',
      cpu_total: 8,
      cpu_used: 0,
      memory_total: 16384,
      memory_used: 0,
      instance_count: 0,
      create_time: '2026-01-15T08:00:00Z',
    })
    assert.equal((await hostIds(t)).length, 6)
  })

  it('4005 beyond the allowance without a license; nothing is added and reads go on', async () => {
    const refused = await add(t, { zone: 'sh1a' })
    assert.deepEqual([refused.ret_code, refused.message], [4005, 'LicenseNotFound, no license is loaded: without a license the platform may have 6 hosts, it has 6 and would have 7; load one with LoadLicense'])
    assert.equal((await hostIds(t)).length, 6)
    assert.equal((await t.admin_call('DescribeLicense')).ret_code, 0)
  })

  it('with a license, up to its max_hosts counting every zone; 4003 beyond', async () => {
    ok(await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, max_hosts: 8 })))
    assert.deepEqual(ok(await add(t, { zone: 'sh1a', count: 2 })).hosts, ['hyper-sh1a-03', 'hyper-sh1a-04'])
    const over = await add(t, { count: 1 })
    assert.deepEqual([over.ret_code, over.message], [4003, 'LicenseOutOfLimit, the license for [Example Ops] allows 8 hosts, the platform has 8 and would have 9'])
    // one request for more than is left is refused whole
    ok(await t.admin_call('RemoveHosts', { hosts: ['hyper-sh1a-04', 'hyper-pek3a-04'] }))
    assert.equal((await add(t, { count: 3 })).ret_code, 4003)
    assert.deepEqual(ok(await add(t, { count: 2 })).hosts, ['hyper-pek3a-04', 'hyper-pek3a-05'])
  })

  it('4005 again once the license has expired, naming it', async () => {
    t.clock.set('2027-01-01T00:00:01Z')
    ok(await t.admin_call('RemoveHosts', { hosts: ['hyper-pek3a-05'] }))
    const refused = await add(t, {})
    assert.deepEqual(
      [refused.ret_code, refused.message],
      [4005, 'LicenseNotFound, the license for [Example Ops] expired at 2027-01-01T00:00:00Z: without a license the platform may have 6 hosts, it has 7 and would have 8; load one with LoadLicense'],
    )
  })

  it('answers 1100 for bad sizes and counts, 1400 for a non-admin', async () => {
    for (const params of [{ cpu: 0 }, { memory: 512 }, { count: 0 }, { count: 101 }, { cpu: 'many' }, { cpu: undefined }, { zone: undefined }]) {
      const reply = await add(t, params)
      assert.equal(reply.ret_code, 1100, `${JSON.stringify(params)}: ${reply.message}`)
    }
    assert.equal((await add(t, { zone: 'nowhere9' })).ret_code, 1400)
    assert.equal((await t.admin_call('AddHosts', { zone: 'pek3a', cpu: 8, memory: 16384 }, { key: t.user })).ret_code, 1400)
  })
})

describe('AddHosts in parallel', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { unlicensedHosts: 9 } })))
  after(() => t.close())

  it('exactly the allowance is added, each host with its own id', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, () => add(t, {})))
    const codes = replies.map((r) => r.ret_code).sort()
    assert.deepEqual(codes, [0, 0, 0, 0, 0, 4005, 4005, 4005, 4005, 4005])
    const ids = await hostIds(t)
    assert.equal(ids.length, 9)
    assert.deepEqual(
      ids.filter((id) => id.startsWith('hyper-pek3a')),
      ['hyper-pek3a-01', 'hyper-pek3a-02', 'hyper-pek3a-03', 'hyper-pek3a-04', 'hyper-pek3a-05', 'hyper-pek3a-06', 'hyper-pek3a-07'],
    )
  })
})
