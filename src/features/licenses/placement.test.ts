// A platform larger than the unlicensed allowance places new instances (RunInstances, cluster
// nodes) only while a valid license covers its hosts: 4005 without one, 4001 once it expired,
// 4003 when it is smaller than the platform. What already runs is never touched.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { conf, ZOOKEEPER } from '../../../test/support/fixtures-clusters.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { LICENSE, loadLicense, signCertificate, vendorKeys } from '../../../test/support/fixtures-licenses.ts'

const vendor = vendorKeys()
const run = (t: TestApp) => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' })
const deploy = (t: TestApp) => t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER, { zk_node: { count: 1 } }) })

describe('placing instances on a platform beyond the unlicensed allowance', () => {
  let t: TestApp
  // 3 hosts in each of two zones: 6, where 4 are allowed without a license
  before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 3, hostCpu: 16, hostMemory: 32768 }, config: { licensePublicKey: vendor.publicPem, unlicensedHosts: 4 } })))
  after(() => t.close())

  it('answers 4005 while no license is loaded, for instances and cluster nodes alike', async () => {
    for (const reply of [await run(t), await deploy(t)]) {
      assert.deepEqual([reply.ret_code, reply.message], [4005, 'LicenseNotFound, no license is loaded: the platform has 6 hosts, 4 are allowed without a license, no new instances can be placed until one is loaded with LoadLicense'])
    }
    assert.equal(
      Number(
        (
          await t.store.db
            .selectFrom('instances')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    )
  })

  it('places them under a valid license, and answers 4001 once it has expired, leaving running instances alone', async () => {
    ok(await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, expires: '2026-02-01T00:00:00Z' })))
    const [id] = ok(await run(t)).instances
    ok(await deploy(t))
    await t.settle()
    t.clock.advance(20 * 24 * 3_600_000)
    for (const reply of [await run(t), await deploy(t)]) {
      assert.equal(reply.ret_code, 4001, reply.message)
      assert.equal(reply.message, 'LicenseExpired, the license for [Example Ops] expired at 2026-02-01T00:00:00Z: the platform has 6 hosts, 4 are allowed without a license, no new instances can be placed until a valid license is loaded')
    }
    assert.equal(ok(await t.call('DescribeInstances', { instances: [id] })).instance_set[0].status, 'running')
    ok(await t.call('StopInstances', { instances: [id] }))
  })

  it('answers 4003 when the license in force covers fewer hosts than the platform has', async () => {
    ok(await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, issued: '2026-02-01T00:00:00Z', max_hosts: 5 })))
    const reply = await run(t)
    assert.deepEqual([reply.ret_code, reply.message], [4003, 'LicenseOutOfLimit, the license for [Example Ops] allows 5 hosts and the platform has 6: no new instances can be placed until hosts are removed or a larger license is loaded'])
  })
})
