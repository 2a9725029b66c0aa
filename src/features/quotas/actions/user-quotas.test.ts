// The admin side of quotas: platform defaults and per-user overrides, as an operator uses them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { quotaLeft, setQuotas } from '../../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const run = (count: number, zone = 'pek3a', key = t.user) => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count, zone }, { key })

describe('SetUserQuotas / ResetUserQuotas / DescribeUserQuotas', () => {
  it('an override raises and lowers one user’s limit in one zone, and reset brings the default back', async () => {
    await setQuotas(t, { instance: 2 })
    assert.equal((await run(2)).ret_code, 0)
    assert.equal((await run(1)).ret_code, 2500)
    // raised: room again
    await setQuotas(t, { instance: 5 })
    assert.equal((await quotaLeft(t)).instance, 3)
    assert.equal((await run(3)).ret_code, 0)
    // lowered below usage: nothing is removed, nothing more is allowed
    const lowered = await setQuotas(t, { instance: 1 })
    assert.deepEqual(
      lowered.quota_set.find((q: { resource_type: string }) => q.resource_type === 'instance'),
      {
        resource_type: 'instance',
        quota: 1,
        default_quota: 50,
        overridden: 1,
        usage: 5,
        left: 0,
      },
    )
    assert.equal((await run(1)).ret_code, 2500)
    assert.equal((await run(1, 'sh1a')).ret_code, 0) // other zone: the default
    assert.equal((await run(1, 'pek3a', t.admin)).ret_code, 0) // other user: the default
    await t.settle()

    const reset = await t.admin_call('ResetUserQuotas', { user: t.user.user_id, zone: 'pek3a', resource_types: ['instance'] })
    assert.equal(reset.ret_code, 0, reset.message)
    assert.equal((await quotaLeft(t)).instance, 45)
  })

  it('DescribeUserQuotas shows every type with quota, default, override flag, usage and left', async () => {
    await setQuotas(t, { cpu: -1, tag: 7 })
    const reply = await t.admin_call('DescribeUserQuotas', { user: t.user.user_id, zone: 'pek3a' })
    assert.equal(reply.ret_code, 0)
    assert.deepEqual([reply.user_id, reply.zone_id, reply.quota_set.length], [t.user.user_id, 'pek3a', 14])
    const byType = Object.fromEntries(reply.quota_set.map((q: { resource_type: string }) => [q.resource_type, q]))
    assert.deepEqual(byType.cpu, { resource_type: 'cpu', quota: -1, default_quota: 200, overridden: 1, usage: 5, left: -1 })
    assert.deepEqual(byType.instance, { resource_type: 'instance', quota: 50, default_quota: 50, overridden: 0, usage: 5, left: 45 })
    // tag is user-wide: set through pek3a, seen in sh1a too
    const sh1a = await t.admin_call('DescribeUserQuotas', { user: t.user.user_id, zone: 'sh1a' })
    assert.equal(sh1a.quota_set.find((q: { resource_type: string }) => q.resource_type === 'tag').quota, 7)

    const all = await t.admin_call('ResetUserQuotas', { user: t.user.user_id, zone: 'pek3a' })
    assert.ok(all.quota_set.every((q: { overridden: number }) => q.overridden === 0))
  })

  it('answers 2100 for an unknown user, 1100 for bad values or no value, 1400 for a non-admin', async () => {
    const unknown = await t.admin_call('SetUserQuotas', { user: 'usr-NotThere', zone: 'pek3a', instance: 3 })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, user [usr-NotThere] not found'])
    assert.equal((await t.admin_call('DescribeUserQuotas', { user: 'usr-NotThere', zone: 'pek3a' })).ret_code, 2100)
    const tooLow = await t.admin_call('SetUserQuotas', { user: t.user.user_id, zone: 'pek3a', instance: -2 })
    assert.equal(tooLow.ret_code, 1100)
    assert.match(tooLow.message, /instance/)
    assert.equal((await t.admin_call('SetUserQuotas', { user: t.user.user_id, zone: 'pek3a' })).ret_code, 1100)
    assert.equal((await t.admin_call('SetUserQuotas', { user: t.user.user_id, instance: 3 })).ret_code, 1100) // no zone
    assert.equal((await t.admin_call('ResetUserQuotas', { user: t.user.user_id, zone: 'pek3a', resource_types: ['nope'] })).ret_code, 1100)
    assert.equal((await t.admin_call('SetUserQuotas', { user: t.user.user_id, zone: 'pek3a', instance: 900 }, { key: t.user })).ret_code, 1400)
    assert.equal((await quotaLeft(t)).instance, 45)
  })
})

describe('DescribeQuotaDefaults / ModifyQuotaDefaults', () => {
  it('changes the platform default for everyone without an override; -1 makes it unlimited', async () => {
    const before = await t.admin_call('DescribeQuotaDefaults')
    assert.equal(before.ret_code, 0)
    assert.equal(before.quota_set.instance, 50)
    await setQuotas(t, { instance: 10 }, { user: t.admin.user_id })

    const changed = await t.admin_call('ModifyQuotaDefaults', { instance: 6, keypair: -1 })
    assert.equal(changed.ret_code, 0, changed.message)
    assert.deepEqual([changed.quota_set.instance, changed.quota_set.keypair, changed.quota_set.cpu], [6, -1, 200])
    assert.equal((await quotaLeft(t)).instance, 1) // 5 in use
    assert.equal((await quotaLeft(t)).keypair, -1)
    assert.equal((await quotaLeft(t, { key: t.admin })).instance, 9) // the override wins
    const over = await run(2)
    assert.deepEqual([over.ret_code, over.message], [2500, 'QuotasExceeded, you only have 1 instance quota left currently'])

    assert.equal((await t.admin_call('ModifyQuotaDefaults', { cpu: 'many' })).ret_code, 1100)
    assert.equal((await t.admin_call('ModifyQuotaDefaults', { instance: 6 }, { key: t.user })).ret_code, 1400)
    assert.equal((await t.admin_call('ModifyQuotaDefaults', { instance: 50, keypair: 50 })).ret_code, 0)
  })
})
