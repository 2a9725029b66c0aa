import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addRules, createGroup, defaultGroup, groupRow } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const ruleIdsOf = async (group: string) => (await t.store.db.selectFrom('security_group_rules').select('security_group_rule_id').where('security_group_id', '=', group).orderBy('priority').execute()).map((r) => r.security_group_rule_id)

describe('DeleteSecurityGroupRules', () => {
  it('deletes rules for good, echoes their ids, and leaves each group they were in is_applied=0', async () => {
    const [a, b] = [await createGroup(t, 'a'), await createGroup(t, 'b')]
    const [a1, a2] = await addRules(t, a, [
      { protocol: 'tcp', priority: 1 },
      { protocol: 'udp', priority: 2 },
    ])
    const [b1] = await addRules(t, b, [{ protocol: 'icmp', priority: 1 }])
    for (const group of [a, b]) assert.equal((await t.call('ApplySecurityGroup', { security_group: group })).ret_code, 0)
    await t.settle()
    const reply = await t.call('DeleteSecurityGroupRules', { security_group_rules: [a2, b1] })
    assert.deepEqual(reply, { action: 'DeleteSecurityGroupRulesResponse', security_group_rules: [a2, b1], ret_code: 0 })
    assert.deepEqual(await ruleIdsOf(a), [a1])
    assert.deepEqual(await ruleIdsOf(b), [])
    assert.deepEqual([(await groupRow(t, a))?.is_applied, (await groupRow(t, b))?.is_applied], [0, 0])
  })

  it('deletes the default group’s rules too', async () => {
    const group = await defaultGroup(t)
    const rules = await ruleIdsOf(group.security_group_id)
    assert.equal((await t.call('DeleteSecurityGroupRules', { security_group_rules: rules })).ret_code, 0)
    assert.deepEqual(await ruleIdsOf(group.security_group_id), [])
  })

  it('answers 2100 for an unknown rule, 1400 for another user’s, 1100 for bad lists, and deletes nothing', async () => {
    const mine = await createGroup(t, 'mine')
    const [own] = await addRules(t, mine, [{ protocol: 'tcp', priority: 1 }])
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const [their] = await addRules(t, theirs, [{ protocol: 'tcp', priority: 1 }], { key: t.admin })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ security_group_rules: [own, 'sgr-nonexist'] }, 2100, 'ResourceNotFound, resource [sgr-nonexist] not found'],
      [{ security_group_rules: [own, their] }, 1400, `PermissionDenied, resource [${their}] does not belong to you`],
      [{}, 1100, 'InvalidRequestFormat, missing parameter security_group_rules'],
      [{ security_group_rules: [own, own] }, 1100, `InvalidRequestFormat, parameter security_group_rules lists [${own}] more than once`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteSecurityGroupRules', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.deepEqual(await ruleIdsOf(mine), [own])
    assert.deepEqual(await ruleIdsOf(theirs), [their])
  })
})
