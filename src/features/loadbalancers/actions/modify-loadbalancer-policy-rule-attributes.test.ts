// ModifyLoadBalancerPolicyRuleAttributes: name and val (checked to compile); a new val leaves the
// policy to be applied, a rename does not; answers the id; 1100, 1400, 2100.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { addRules, createPolicy, policyRow } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const ruleRow = (id: string) => t.store.db.selectFrom('loadbalancer_policy_rules').selectAll().where('loadbalancer_policy_rule_id', '=', id).executeTakeFirstOrThrow()

describe('ModifyLoadBalancerPolicyRuleAttributes', () => {
  it('renames (nothing to apply) and changes val (the policy waits for ApplyLoadBalancerPolicy); answers the id', async () => {
    const policy = await createPolicy(t)
    const [rule] = await addRules(t, policy, [{ loadbalancer_policy_rule_name: 'old', rule_type: 'url', val: '^/a' }])
    ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: policy }))
    await t.settle()
    const reply = ok(await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, loadbalancer_policy_rule_name: 'new' }))
    assert.deepEqual([reply.action, reply.loadbalancer_policy_rule_id], ['ModifyLoadBalancerPolicyRuleAttributesResponse', rule])
    assert.deepEqual([(await ruleRow(rule!)).loadbalancer_policy_rule_name, (await policyRow(t, policy))!.is_applied], ['new', 1])
    ok(await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, val: '^/a' }))
    assert.equal((await policyRow(t, policy))!.is_applied, 1)
    ok(await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, val: '^/b[0-9]+', loadbalancer_policy_rule_name: ' ' }))
    const row = await ruleRow(rule!)
    assert.deepEqual([row.val, row.loadbalancer_policy_rule_name, row.rule_type, (await policyRow(t, policy))!.is_applied], ['^/b[0-9]+', '', 'url', 0])
    const described = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [rule] })).loadbalancer_policy_rule_set[0]
    assert.equal(described.val, '^/b[0-9]+')
  })

  it('answers 1100 naming a bad val, 1400 for another user’s rule, 2100 for an unknown one; nothing changed', async () => {
    const policy = await createPolicy(t)
    const [rule] = await addRules(t, policy, [{ rule_type: 'domain', val: 'x' }])
    const r1 = await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, val: '[a-' })
    assert.deepEqual([r1.ret_code, r1.message], [1100, 'InvalidRequestFormat, parameter val [[a-] is not a valid regular expression: Invalid regular expression: /[a-/: Unterminated character class'])
    const r2 = await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, val: ' ' })
    assert.deepEqual([r2.ret_code, r2.message], [1100, 'InvalidRequestFormat, missing parameter val'])
    const r3 = await t.call('ModifyLoadBalancerPolicyRuleAttributes', { val: 'y' })
    assert.deepEqual([r3.ret_code, r3.message], [1100, 'InvalidRequestFormat, missing parameter loadbalancer_policy_rule'])
    assert.equal((await ruleRow(rule!)).val, 'x')
    const other = await payingUser(t, 0)
    const [theirs] = await addRules(t, await createPolicy(t, {}, other.key), [{ rule_type: 'url', val: '^/' }], other.key)
    const r4 = await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: theirs, val: '^/mine' })
    assert.deepEqual([r4.ret_code, r4.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await ruleRow(theirs!)).val, '^/')
    const r5 = await t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: 'lbpr-nothere1', val: 'y' })
    assert.deepEqual([r5.ret_code, r5.message], [2100, 'ResourceNotFound, resource [lbpr-nothere1] not found'])
  })
})
