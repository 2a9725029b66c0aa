import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createGroup, groupRow } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const rulesOf = (group: string) => t.store.db.selectFrom('security_group_rules').selectAll().where('security_group_id', '=', group).orderBy('priority').execute()

describe('AddSecurityGroupRules', () => {
  it('adds rules with their defaults, answers their ids and leaves the group is_applied=0', async () => {
    const group = await createGroup(t)
    assert.equal((await groupRow(t, group))?.is_applied, 1)
    const reply = await t.call('AddSecurityGroupRules', {
      security_group: group,
      rules: [
        { protocol: 'tcp', priority: 5, security_group_rule_name: 'http', val1: '80', val2: '443', val3: '10.0.0.0/8' },
        { protocol: 'udp', priority: 10, action: 'drop', direction: 1, val1: '053' },
        { protocol: 'icmp', priority: 20 },
        { protocol: 'gre', priority: 100, val3: '192.168.1.7' },
      ],
    })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.security_group_rules.length, 4)
    for (const id of reply.security_group_rules) assert.match(id, /^sgr-[0-9a-z]{8}$/)
    const rows = await rulesOf(group)
    assert.deepEqual(
      rows.map((r) => [r.security_group_rule_id, r.security_group_rule_name, r.protocol, r.priority, r.action, r.direction, r.val1, r.val2, r.val3]),
      [
        [reply.security_group_rules[0], 'http', 'tcp', 5, 'accept', 0, '80', '443', '10.0.0.0/8'],
        [reply.security_group_rules[1], '', 'udp', 10, 'drop', 1, '53', '', ''],
        [reply.security_group_rules[2], '', 'icmp', 20, 'accept', 0, '', '', ''],
        [reply.security_group_rules[3], '', 'gre', 100, 'accept', 0, '', '', '192.168.1.7'],
      ],
    )
    assert.equal((await groupRow(t, group))?.is_applied, 0)
  })

  it('answers 1100 naming the rule field, and adds none of the rules', async () => {
    const group = await createGroup(t)
    const ok = { protocol: 'tcp', priority: 1, val1: '22' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ protocol: 'sctp', priority: 1 }, 'unsupported parameter rules.2.protocol value sctp'],
      [{ protocol: '6', priority: 1 }, 'unsupported parameter rules.2.protocol value 6'],
      [{ priority: 1 }, 'missing parameter rules.2.protocol'],
      [{ protocol: 'tcp' }, 'missing parameter rules.2.priority'],
      [{ protocol: 'tcp', priority: 101 }, 'parameter rules.2.priority value 101 is out of range, maximum 100'],
      [{ protocol: 'tcp', priority: -1 }, 'parameter rules.2.priority value -1 is out of range, minimum 0'],
      [{ protocol: 'tcp', priority: 'high' }, 'parameter rules.2.priority should be integer'],
      [{ protocol: 'tcp', priority: 1, action: 'reject' }, 'unsupported parameter rules.2.action value reject'],
      [{ protocol: 'tcp', priority: 1, direction: 2 }, 'parameter rules.2.direction value 2 is out of range, maximum 1'],
      [{ protocol: 'tcp', priority: 1, val1: '0' }, 'parameter rules.2.val1 value 0 is not a valid port, it should be an integer from 1 to 65535'],
      [{ protocol: 'udp', priority: 1, val1: '65536' }, 'parameter rules.2.val1 value 65536 is not a valid port, it should be an integer from 1 to 65535'],
      [{ protocol: 'tcp', priority: 1, val1: 'ssh' }, 'parameter rules.2.val1 value ssh is not a valid port, it should be an integer from 1 to 65535'],
      [{ protocol: 'tcp', priority: 1, val1: '80', val2: '70000' }, 'parameter rules.2.val2 value 70000 is not a valid port, it should be an integer from 1 to 65535'],
      [{ protocol: 'tcp', priority: 1, val1: '443', val2: '80' }, 'parameter rules.2.val2 value 80 is smaller than rules.2.val1 value 443, a port range runs from val1 to val2'],
      [{ protocol: 'tcp', priority: 1, val2: '80' }, 'parameter rules.2.val1 is missing, rules.2.val2 ends a port range that val1 starts'],
      [{ protocol: 'icmp', priority: 1, val1: '256' }, 'parameter rules.2.val1 value 256 is not a valid ICMP type, it should be an integer from 0 to 255'],
      [{ protocol: 'icmp', priority: 1, val1: '8', val2: '-1' }, 'parameter rules.2.val2 value -1 is not a valid ICMP code, it should be an integer from 0 to 255'],
      [{ protocol: 'esp', priority: 1, val1: '22' }, 'parameter rules.2.val1 is not used by protocol [esp], only tcp, udp and icmp rules take ports or ICMP types'],
      [{ protocol: 'ipip', priority: 1, val2: '1' }, 'parameter rules.2.val2 is not used by protocol [ipip], only tcp, udp and icmp rules take ports or ICMP types'],
      [{ protocol: 'tcp', priority: 1, val3: '10.0.0.256' }, 'parameter rules.2.val3 value 10.0.0.256 is not an IPv4 address or CIDR (like 10.0.0.0/8)'],
      [{ protocol: 'tcp', priority: 1, val3: '10.0.0.0/33' }, 'parameter rules.2.val3 value 10.0.0.0/33 is not an IPv4 address or CIDR (like 10.0.0.0/8)'],
      [{ protocol: 'tcp', priority: 1, val3: 'example.com' }, 'parameter rules.2.val3 value example.com is not an IPv4 address or CIDR (like 10.0.0.0/8)'],
      [{ protocol: 'tcp', priority: 1, val3: '::1' }, 'parameter rules.2.val3 value ::1 is not an IPv4 address or CIDR (like 10.0.0.0/8)'],
    ]
    for (const [bad, message] of cases) {
      const reply = await t.call('AddSecurityGroupRules', { security_group: group, rules: [ok, bad] })
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    }
    const missing = await t.call('AddSecurityGroupRules', { security_group: group })
    assert.deepEqual([missing.ret_code, missing.message], [1100, 'InvalidRequestFormat, missing parameter rules'])
    assert.deepEqual(await rulesOf(group), [])
    assert.equal((await groupRow(t, group))?.is_applied, 1)
  })

  it('answers 2100 for an unknown group, 1400 for another user’s, and adds nothing', async () => {
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const rule = [{ protocol: 'tcp', priority: 1 }]
    const unknown = await t.call('AddSecurityGroupRules', { security_group: 'sg-nonexist', rules: rule })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [sg-nonexist] not found'])
    const denied = await t.call('AddSecurityGroupRules', { security_group: theirs, rules: rule })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.deepEqual(await rulesOf(theirs), [])
  })
})
