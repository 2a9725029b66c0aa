// AddLoadBalancerPolicyRules: rules of both types added and answered in order, the policy pending;
// each rule checked (type, a compiling `val`, lengths) before any is written, 1100 naming it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createPolicy, policyRow } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const rulesOf = (policy: string) => t.store.db.selectFrom('loadbalancer_policy_rules').selectAll().where('loadbalancer_policy_id', '=', policy).orderBy('loadbalancer_policy_rule_id').execute()

describe('AddLoadBalancerPolicyRules', () => {
  it('adds domain and url rules, answers their ids in order, and leaves the policy to be applied', async () => {
    const policy = await createPolicy(t)
    const reply = ok(
      await t.call('AddLoadBalancerPolicyRules', {
        loadbalancer_policy: policy,
        rules: [
          { loadbalancer_policy_rule_name: 'www', rule_type: 'domain', val: '^www\\.example\\.com$' },
          { rule_type: 'url', val: '^/api/(v1|v2)/' },
        ],
      }),
    )
    assert.equal(reply.action, 'AddLoadBalancerPolicyRulesResponse')
    const ids = reply.loadbalancer_policy_rules as string[]
    assert.equal(ids.length, 2)
    for (const id of ids) assert.match(id, /^lbpr-[a-z0-9]+$/)
    const described = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: ids })).loadbalancer_policy_rule_set
    const byId = new Map(described.map((r: { loadbalancer_policy_rule_id: string }) => [r.loadbalancer_policy_rule_id, r]))
    assert.deepEqual(byId.get(ids[0]), {
      loadbalancer_policy_rule_id: ids[0],
      loadbalancer_policy_rule_name: 'www',
      loadbalancer_policy_id: policy,
      rule_type: 'domain',
      val: '^www\\.example\\.com$',
      create_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
    })
    assert.deepEqual([(byId.get(ids[1]) as { loadbalancer_policy_rule_name: string }).loadbalancer_policy_rule_name, (byId.get(ids[1]) as { rule_type: string }).rule_type], ['', 'url'])
    assert.equal((await policyRow(t, policy))!.is_applied, 0)
  })

  it('answers 1100 naming the bad rule and writes none of them', async () => {
    const policy = await createPolicy(t)
    const good = { rule_type: 'url', val: '^/ok' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ rules: [good] }, 'missing parameter loadbalancer_policy'],
      [{ loadbalancer_policy: policy }, 'missing parameter rules'],
      [{ loadbalancer_policy: policy, rules: [good, { val: '^/x' }] }, 'missing parameter rules.2.rule_type'],
      [{ loadbalancer_policy: policy, rules: [good, { rule_type: 'url' }] }, 'missing parameter rules.2.val'],
      [{ loadbalancer_policy: policy, rules: [good, { rule_type: 'header', val: 'x' }] }, 'unsupported parameter rules.2.rule_type value header'],
      [{ loadbalancer_policy: policy, rules: [good, { rule_type: 'url', val: '^/(unclosed' }] }, 'parameter rules.2.val [^/(unclosed] is not a valid regular expression: Invalid regular expression: /^/(unclosed/: Unterminated group'],
      [{ loadbalancer_policy: policy, rules: [{ rule_type: 'domain', val: ' ' }] }, 'missing parameter rules.1.val'],
      [{ loadbalancer_policy: policy, rules: [{ rule_type: 'domain', val: 'a'.repeat(1025) }] }, 'parameter rules.1.val has an invalid length'],
      [{ loadbalancer_policy: policy, rules: [{ rule_type: 'domain', val: 'a', loadbalancer_policy_rule_name: 'n'.repeat(256) }] }, 'parameter rules.1.loadbalancer_policy_rule_name has an invalid length'],
      [{ loadbalancer_policy: policy, rules: Array.from({ length: 101 }, () => good) }, 'parameter rules lists 101 rules, at most 100 a request'],
    ]
    for (const [params, message] of cases) {
      const r = await t.call('AddLoadBalancerPolicyRules', params)
      assert.deepEqual([r.ret_code, r.message], [1100, `InvalidRequestFormat, ${message}`], message)
    }
    assert.deepEqual(await rulesOf(policy), [])
    assert.equal((await policyRow(t, policy))!.is_applied, 1)
  })

  it('answers 1400 for another user’s policy and 2100 for an unknown one', async () => {
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const rules = [{ rule_type: 'url', val: '^/' }]
    const r1 = await t.call('AddLoadBalancerPolicyRules', { loadbalancer_policy: theirs, rules })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('AddLoadBalancerPolicyRules', { loadbalancer_policy: 'lbp-nothere1', rules })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [lbp-nothere1] not found'])
    assert.deepEqual(await rulesOf(theirs), [])
  })
})
