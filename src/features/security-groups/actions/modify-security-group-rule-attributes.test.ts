import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addRules, createGroup, groupRow } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const rule = (id: string) => t.store.db.selectFrom('security_group_rules').selectAll().where('security_group_rule_id', '=', id).executeTakeFirstOrThrow()
const content = async (id: string) => {
  const r = await rule(id)
  return [r.security_group_rule_name, r.protocol, r.priority, r.action, r.direction, r.val1, r.val2, r.val3]
}

/** A group whose rule changes are applied, so a change shows in is_applied. */
async function appliedGroupWithRule(): Promise<{ group: string; id: string }> {
  const group = await createGroup(t)
  const [id] = await addRules(t, group, [{ protocol: 'tcp', priority: 10, security_group_rule_name: 'web', val1: '80', val2: '81', val3: '10.0.0.0/8' }])
  assert.equal((await t.call('ApplySecurityGroup', { security_group: group })).ret_code, 0)
  await t.settle()
  assert.equal((await groupRow(t, group))?.is_applied, 1)
  return { group, id: id! }
}

describe('ModifySecurityGroupRuleAttributes', () => {
  it('changes the fields given, keeps the others, and leaves the group is_applied=0', async () => {
    const { group, id } = await appliedGroupWithRule()
    const reply = await t.call('ModifySecurityGroupRuleAttributes', { security_group_rule: id, priority: 3, rule_action: 'drop', direction: 1, val2: '8080' })
    assert.deepEqual(reply, { action: 'ModifySecurityGroupRuleAttributesResponse', security_group_rule_id: id, ret_code: 0 })
    assert.deepEqual(await content(id), ['web', 'tcp', 3, 'drop', 1, '80', '8080', '10.0.0.0/8'])
    assert.equal((await groupRow(t, group))?.is_applied, 0)
    assert.equal((await t.call('ModifySecurityGroupRuleAttributes', { security_group_rule: id, security_group_rule_name: 'renamed', val3: '192.168.0.1' })).ret_code, 0)
    assert.deepEqual(await content(id), ['renamed', 'tcp', 3, 'drop', 1, '80', '8080', '192.168.0.1'])
  })

  it('a new protocol drops the old ports unless they are given again', async () => {
    const { id } = await appliedGroupWithRule()
    assert.equal((await t.call('ModifySecurityGroupRuleAttributes', { security_group_rule: id, protocol: 'icmp' })).ret_code, 0)
    assert.deepEqual(await content(id), ['web', 'icmp', 10, 'accept', 0, '', '', '10.0.0.0/8'])
    assert.equal((await t.call('ModifySecurityGroupRuleAttributes', { security_group_rule: id, protocol: 'udp', val1: '500', val2: '4500' })).ret_code, 0)
    assert.deepEqual(await content(id), ['web', 'udp', 10, 'accept', 0, '500', '4500', '10.0.0.0/8'])
  })

  it('checks the rule as it will be, naming this action’s parameters (1100), and changes nothing', async () => {
    const { group, id } = await appliedGroupWithRule()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ val2: '79' }, 'parameter val2 value 79 is smaller than val1 value 80, a port range runs from val1 to val2'],
      [{ val1: '70000' }, 'parameter val1 value 70000 is not a valid port, it should be an integer from 1 to 65535'],
      [{ protocol: 'gre', val1: '22' }, 'parameter val1 is not used by protocol [gre], only tcp, udp and icmp rules take ports or ICMP types'],
      [{ protocol: 'icmp', val1: '300' }, 'parameter val1 value 300 is not a valid ICMP type, it should be an integer from 0 to 255'],
      [{ val3: '300.1.1.1' }, 'parameter val3 value 300.1.1.1 is not an IPv4 address or CIDR (like 10.0.0.0/8)'],
      [{ protocol: 'sctp' }, 'unsupported parameter protocol value sctp'],
      [{ rule_action: 'allow' }, 'unsupported parameter rule_action value allow'],
      [{ priority: 200 }, 'parameter priority value 200 is out of range, maximum 100'],
      [{ direction: -1 }, 'parameter direction value -1 is out of range, minimum 0'],
      [{}, 'missing parameter security_group_rule'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('ModifySecurityGroupRuleAttributes', { ...('security_group_rule' in params || Object.keys(params).length === 0 ? {} : { security_group_rule: id }), ...params })
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(params))
    }
    assert.deepEqual(await content(id), ['web', 'tcp', 10, 'accept', 0, '80', '81', '10.0.0.0/8'])
    assert.equal((await groupRow(t, group))?.is_applied, 1)
  })

  it('answers 2100 for an unknown rule (or one in another zone), 1400 for another user’s', async () => {
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const [their] = await addRules(t, theirs, [{ protocol: 'tcp', priority: 1 }], { key: t.admin })
    const elsewhere = await createGroup(t, 'elsewhere', { zone: 'sh1a' })
    const [far] = await addRules(t, elsewhere, [{ protocol: 'tcp', priority: 1 }], { zone: 'sh1a' })
    const cases: Array<[string, number, string]> = [
      ['sgr-nonexist', 2100, 'ResourceNotFound, resource [sgr-nonexist] not found'],
      [far!, 2100, `ResourceNotFound, resource [${far}] not found`],
      [their!, 1400, `PermissionDenied, resource [${their}] does not belong to you`],
    ]
    for (const [id, code, message] of cases) {
      const reply = await t.call('ModifySecurityGroupRuleAttributes', { security_group_rule: id, priority: 50 })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.equal((await rule(their!)).priority, 1)
  })
})
