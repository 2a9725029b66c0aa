import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createGroup, groupRow } from '../../../../test/support/fixtures-security-groups.ts'
import { quotaLeft, setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const defaultsOf = (owner: string, zone: string) => t.store.db.selectFrom('security_groups').selectAll().where('owner', '=', owner).where('zone_id', '=', zone).where('is_default', '=', 1).execute()

describe('CreateSecurityGroup', () => {
  it('creates an empty, applied group; the caller’s default group is made first', async () => {
    assert.deepEqual(await defaultsOf(t.user.user_id, 'pek3a'), [])
    const reply = await t.call('CreateSecurityGroup', { security_group_name: 'web' })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'ret_code', 'security_group_id'])
    assert.match(reply.security_group_id, /^sg-[0-9a-z]{8}$/)
    assert.deepEqual(await groupRow(t, reply.security_group_id), {
      security_group_id: reply.security_group_id,
      zone_id: 'pek3a',
      owner: t.user.user_id,
      security_group_name: 'web',
      description: null,
      is_default: 0,
      is_applied: 1,
      create_time: '2026-01-15T08:00:00Z',
    })
    const rules = await t.call('DescribeSecurityGroupRules', { security_group: reply.security_group_id })
    assert.equal(rules.total_count, 0)
    const [made] = await defaultsOf(t.user.user_id, 'pek3a')
    assert.equal(made?.security_group_name, 'default security group')
    // a second group reuses the default group
    await createGroup(t, '')
    assert.equal((await defaultsOf(t.user.user_id, 'pek3a')).length, 1)
  })

  it('needs security_group quota (2500) for the new group; the default group needs none but counts', async () => {
    const used = 50 - (await quotaLeft(t)).security_group!
    await setQuotas(t, { security_group: used + 1 })
    await createGroup(t, 'last')
    const reply = await t.call('CreateSecurityGroup', { security_group_name: 'one too many' })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 0 security_group quota left currently'])
    // in a zone where the user has nothing yet, a quota of 1 is taken by the default group
    await setQuotas(t, { security_group: 1 }, { zone: 'sh1a' })
    const there = await t.call('CreateSecurityGroup', { security_group_name: 'x', zone: 'sh1a' })
    assert.deepEqual([there.ret_code, there.message], [2500, 'QuotasExceeded, you only have 0 security_group quota left currently'])
    // the failed request rolled back, default group included; the next reader makes it again
    assert.equal((await defaultsOf(t.user.user_id, 'sh1a')).length, 0)
    assert.equal((await t.call('DescribeSecurityGroups', { zone: 'sh1a' })).total_count, 1)
    await setQuotas(t, { security_group: 50 })
    await setQuotas(t, { security_group: 50 }, { zone: 'sh1a' })
  })

  it('answers 1100 for a name that is too long', async () => {
    const reply = await t.call('CreateSecurityGroup', { security_group_name: 'x'.repeat(256) })
    assert.deepEqual([reply.ret_code, reply.message], [1100, 'InvalidRequestFormat, parameter security_group_name has an invalid length'])
  })

  it('parallel first uses (create, describe, run instances, in one zone) make one default group', async () => {
    const owner = t.admin.user_id
    assert.deepEqual(await defaultsOf(owner, 'sh1a'), [])
    const key = { key: t.admin }
    const replies = await Promise.all([
      t.call('CreateSecurityGroup', { zone: 'sh1a', security_group_name: 'a' }, key),
      t.call('DescribeSecurityGroups', { zone: 'sh1a' }, key),
      t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', zone: 'sh1a' }, key),
      t.call('CreateSecurityGroup', { zone: 'sh1a', security_group_name: 'b' }, key),
      t.call('DescribeSecurityGroups', { zone: 'sh1a' }, key),
    ])
    for (const reply of replies) assert.equal(reply.ret_code, 0, reply.message)
    const defaults = await defaultsOf(owner, 'sh1a')
    assert.equal(defaults.length, 1)
    const rules = await t.store.db.selectFrom('security_group_rules').select('security_group_rule_id').where('security_group_id', '=', defaults[0]!.security_group_id).execute()
    assert.equal(rules.length, 2)
    const instance = await t.store.db.selectFrom('instances').select('security_group_id').where('instance_id', '=', replies[2]!.instances[0]).executeTakeFirstOrThrow()
    assert.equal(instance.security_group_id, defaults[0]!.security_group_id)
    await t.settle()
  })
})
