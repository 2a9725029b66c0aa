// GetLeaseInfo over the wire: the contract of a running instance, how it moves with the ticker, a
// resize and a termination, prepaid terms with and without auto-renewal, and the id rules.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { deployed } from '../../../../test/support/fixtures-clusters.ts'
import type { Key } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

async function run(key: Key, params: Record<string, unknown> = {}): Promise<string> {
  const [id] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', ...params }, { key })).instances
  await t.settle()
  return id
}

describe('GetLeaseInfo', () => {
  it("answers a running pay-as-you-go instance's contract, follows the hourly charges, and still answers once it has ended", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const { key } = await payingUser(t, 100)
    const instance = await run(key)
    const [lease] = await leasesOf(t, instance)
    const reply = ok(await t.call('GetLeaseInfo', { resource: instance }, { key }))
    assert.deepEqual(reply, {
      action: 'GetLeaseInfoResponse',
      ret_code: 0,
      resource_id: instance,
      lease_info: {
        resource_id: instance,
        status: 'active',
        lease_time: '2026-01-15T08:00:00Z',
        renewal_time: '2026-01-15T09:00:00Z',
        renewal: 'auto',
        zone_id: 'pek3a',
        contract: { duration: '1h', price: '0.07', start_time: '2026-01-15T08:00:00Z', contract_id: lease!.lease_id },
      },
    })
    assert.match(lease!.lease_id, /^ct-/)

    // two hours later the ticker has charged two more hours: paid until 11:00
    t.clock.set('2026-01-15T10:00:00Z')
    await t.bill()
    assert.equal(ok(await t.call('GetLeaseInfo', { resource: instance }, { key })).lease_info.renewal_time, '2026-01-15T11:00:00Z')

    t.clock.set('2026-01-15T10:15:00Z')
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    await t.settle()
    const ended = ok(await t.call('GetLeaseInfo', { resource: instance }, { key })).lease_info
    assert.deepEqual([ended.status, ended.lease_time, ended.renewal_time, ended.contract.contract_id], ['ended', '2026-01-15T08:00:00Z', '2026-01-15T11:00:00Z', lease!.lease_id])
  })

  it("shows a resized instance's new contract: new price, started at the resize, same lease time", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const { key } = await payingUser(t, 100)
    const instance = await run(key)
    ok(await t.call('StopInstances', { instances: [instance] }, { key }))
    await t.settle()
    t.clock.set('2026-01-15T08:20:00Z')
    ok(await t.call('ResizeInstances', { instances: [instance], instance_type: 'c2m2' }, { key }))
    await t.settle()
    const info = ok(await t.call('GetLeaseInfo', { resource: instance }, { key })).lease_info
    // c2m2: 2 × 0.05 + 2 × 0.02 = 0.14 an hour, a new hour from the resize
    assert.deepEqual([info.status, info.lease_time, info.renewal_time, info.contract.price, info.contract.start_time], ['active', '2026-01-15T08:00:00Z', '2026-01-15T09:20:00Z', '0.14', '2026-01-15T08:20:00Z'])
  })

  it('shows a prepaid term: duration 3m at 720 hours a month, renewal auto with auto_renew and manual without', async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const { key } = await payingUser(t, 1000)
    const renewing = await run(key, { charge_mode: 'monthly', duration: '3m' })
    const once = await run(key, { charge_mode: 'monthly', duration: '1y', auto_renew: 0 })
    const a = ok(await t.call('GetLeaseInfo', { resource: renewing }, { key })).lease_info
    // 0.07 × 720 × 3 = 151.20
    assert.deepEqual([a.renewal, a.renewal_time, a.contract.duration, a.contract.price], ['auto', '2026-04-15T08:00:00Z', '3m', '151.20'])
    const b = ok(await t.call('GetLeaseInfo', { resource: once }, { key })).lease_info
    assert.deepEqual([b.renewal, b.renewal_time, b.contract.duration, b.contract.price], ['manual', '2027-01-15T08:00:00Z', '1y', '604.80'])
  })

  it("answers a volume's lease, and a suspended status when arrears stopped it", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    // 0.05 an hour for 50 GB: 0.10 pays two hours, the third cannot be paid
    const { key } = await payingUser(t, 0.1)
    const [volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0 }, { key })).volumes
    await t.settle()
    t.clock.set('2026-01-15T10:00:00Z')
    await t.bill()
    const info = ok(await t.call('GetLeaseInfo', { resource: volume }, { key })).lease_info
    assert.deepEqual([info.status, info.renewal_time, info.contract.price, info.renewal], ['suspended', '2026-01-15T10:00:00Z', '0.05', 'auto'])
  })

  it('accepts `user` naming the caller; a normal user naming another is 1400, an administrator may', async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const instance = await run(t.user)
    assert.equal(ok(await t.call('GetLeaseInfo', { resource: instance, user: t.user.user_id })).lease_info.status, 'active')
    const other = await t.call('GetLeaseInfo', { resource: instance, user: t.admin.user_id })
    assert.equal(other.ret_code, 1400)
    assert.equal(other.message, `PermissionDenied, access denied for user [${t.admin.user_id}], you may only see your own billing`)
    assert.equal(ok(await t.call('GetLeaseInfo', { resource: instance, user: t.user.user_id }, { key: t.admin })).resource_id, instance)
  })

  it("answers 1400 for another user's resource, with a lease or without one", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const theirs = await run(t.admin)
    const reply = await t.call('GetLeaseInfo', { resource: theirs })
    assert.equal(reply.ret_code, 1400)
    assert.equal(reply.message, `PermissionDenied, resource [${theirs}] does not belong to you`)
    // an administrator asking without `user` asks about their own: the user's instance is not theirs
    const mine = await run(t.user)
    assert.equal((await t.call('GetLeaseInfo', { resource: mine }, { key: t.admin })).ret_code, 1400)
    // a system image's id carries no family prefix: it is simply unknown
    assert.equal((await t.call('GetLeaseInfo', { resource: 'centos79x64' })).ret_code, 2100)
    // another user's key pair: never billed, still not the caller's
    const kp = ok(await t.call('CreateKeyPair', { keypair_name: 'theirs' }, { key: t.admin })).keypair_id
    const keypair = await t.call('GetLeaseInfo', { resource: kp })
    assert.deepEqual([keypair.ret_code, keypair.message], [1400, `PermissionDenied, resource [${kp}] does not belong to you`])
  })

  it("answers 2100 for an unknown id, a resource in another zone, and the caller's own resource that is not billed", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const unknown = await t.call('GetLeaseInfo', { resource: 'i-nothere0' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [i-nothere0] not found'])
    const instance = await run(t.user)
    const elsewhere = await t.call('GetLeaseInfo', { resource: instance, zone: 'sh1a' })
    assert.deepEqual([elsewhere.ret_code, elsewhere.message], [2100, `ResourceNotFound, resource [${instance}] not found`])
    const kp = ok(await t.call('CreateKeyPair', { keypair_name: 'mine' })).keypair_id
    const keypair = await t.call('GetLeaseInfo', { resource: kp })
    assert.deepEqual([keypair.ret_code, keypair.message], [2100, `ResourceNotFound, resource [${kp}] has no lease, it is not billed`])
  })

  it("treats a cluster like any resource kind: its nodes carry the leases, so the owner's own is not billed and another user's is 1400", async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const { key } = await payingUser(t, 100)
    const { cluster_id: cluster } = await deployed(t, undefined, undefined, { key })
    const own = await t.call('GetLeaseInfo', { resource: cluster }, { key })
    assert.deepEqual([own.ret_code, own.message], [2100, `ResourceNotFound, resource [${cluster}] has no lease, it is not billed`])
    const theirs = await t.call('GetLeaseInfo', { resource: cluster })
    assert.deepEqual([theirs.ret_code, theirs.message], [1400, `PermissionDenied, resource [${cluster}] does not belong to you`])
  })

  it('answers 1100 without `resource` or without `zone`', async () => {
    const missing = await t.call('GetLeaseInfo', {})
    assert.deepEqual([missing.ret_code, missing.message], [1100, 'InvalidRequestFormat, missing parameter resource'])
    const noZone = await t.send({ params: { action: 'GetLeaseInfo', resource: 'i-nothere0' } })
    assert.deepEqual([noZone.body.ret_code, noZone.body.message], [1100, 'InvalidRequestFormat, missing parameter zone'])
  })
})
