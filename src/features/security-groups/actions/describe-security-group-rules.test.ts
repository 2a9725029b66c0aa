import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addRules, createGroup, defaultGroup } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const ruleIds = (reply: Record<string, any>) => (reply.security_group_rule_set as Array<{ security_group_rule_id: string }>).map((r) => r.security_group_rule_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeSecurityGroupRules', () => {
  it('lists a group’s rules in priority order, with every field typed as the SDKs read it', async () => {
    const group = await createGroup(t)
    const [late, early] = await addRules(t, group, [
      { protocol: 'udp', priority: 50, val1: '53', direction: 1 },
      { protocol: 'tcp', priority: 2, security_group_rule_name: 'web', val1: '80', val2: '90', val3: '1.2.3.4' },
    ])
    const reply = await t.call('DescribeSecurityGroupRules', { security_group: group })
    assert.equal(reply.total_count, 2)
    assert.deepEqual(reply.security_group_rule_set, [
      { security_group_rule_id: early, security_group_id: group, security_group_rule_name: 'web', priority: 2, protocol: 'tcp', action: 'accept', direction: 0, val1: '80', val2: '90', val3: '1.2.3.4' },
      { security_group_rule_id: late, security_group_id: group, security_group_rule_name: '', priority: 50, protocol: 'udp', action: 'accept', direction: 1, val1: '53', val2: '', val3: '' },
    ])
    assert.deepEqual(ruleIds(await t.call('DescribeSecurityGroupRules', { security_group: group, direction: 1 })), [late])
    assert.deepEqual(ruleIds(await t.call('DescribeSecurityGroupRules', { security_group_rules: [late, 'sgr-nonexist'] })), [late])
    const paged = await t.call('DescribeSecurityGroupRules', { security_group: group, offset: 1, limit: 1 })
    assert.deepEqual([paged.total_count, ruleIds(paged)], [2, [late]])
  })

  it('without a group, lists the rules of all the caller’s groups in the zone', async () => {
    const fallback = await defaultGroup(t)
    const all = await t.call('DescribeSecurityGroupRules', { limit: 100 })
    const groups = new Set(all.security_group_rule_set.map((r: { security_group_id: string }) => r.security_group_id))
    assert.ok(groups.has(fallback.security_group_id))
    assert.equal(all.total_count, all.security_group_rule_set.length)
  })

  it('shows nothing of unknown or other users’ groups and rules; 1100 for a bad direction', async () => {
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const [rule] = await addRules(t, theirs, [{ protocol: 'tcp', priority: 1 }], { key: t.admin })
    for (const params of [{ security_group: theirs }, { security_group_rules: [rule] }, { security_group: 'sg-nonexist' }, { owner: t.admin.user_id }]) {
      const reply = await t.call('DescribeSecurityGroupRules', params)
      assert.deepEqual([reply.ret_code, reply.total_count, reply.security_group_rule_set], [0, 0, []], JSON.stringify(params))
    }
    assert.equal((await t.call('DescribeSecurityGroupRules', { owner: t.admin.user_id, security_group: theirs }, { key: t.admin })).total_count, 1)
    const bad = await t.call('DescribeSecurityGroupRules', { direction: 3 })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, parameter direction value 3 is out of range, maximum 1'])
  })
})
