// DeleteLoadBalancerPolicyRules: deletes rules (of one or several policies) and answers the ids;
// each policy that lost one waits for ApplyLoadBalancerPolicy; 1400, 2100, 1100, nothing deleted.
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

const ruleIds = async (policy: string) => (await t.store.db.selectFrom('loadbalancer_policy_rules').select('loadbalancer_policy_rule_id').where('loadbalancer_policy_id', '=', policy).execute()).map((r) => r.loadbalancer_policy_rule_id)

describe('DeleteLoadBalancerPolicyRules', () => {
  it('deletes rules of several policies, answers the ids, and leaves those policies (only) to be applied', async () => {
    const [p1, p2, p3] = [await createPolicy(t), await createPolicy(t), await createPolicy(t)]
    const r1 = await addRules(t, p1, [
      { rule_type: 'url', val: 'a' },
      { rule_type: 'url', val: 'b' },
    ])
    const r2 = await addRules(t, p2, [{ rule_type: 'domain', val: 'c' }])
    await addRules(t, p3, [{ rule_type: 'domain', val: 'd' }])
    for (const p of [p1, p2, p3]) ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: p }))
    await t.settle()
    const reply = ok(await t.call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [r1[0], r2[0]] }))
    assert.deepEqual([reply.action, reply.loadbalancer_policy_rules], ['DeleteLoadBalancerPolicyRulesResponse', [r1[0], r2[0]]])
    assert.deepEqual([await ruleIds(p1), await ruleIds(p2), (await ruleIds(p3)).length], [[r1[1]], [], 1])
    assert.deepEqual([(await policyRow(t, p1))!.is_applied, (await policyRow(t, p2))!.is_applied, (await policyRow(t, p3))!.is_applied], [0, 0, 1])
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [r1[0], r2[0]] })).total_count, 0)
  })

  it('answers 1400 for another user’s rule, 2100 for an unknown one, 1100 for a repeated id or none; nothing deleted', async () => {
    const policy = await createPolicy(t)
    const [mine] = await addRules(t, policy, [{ rule_type: 'url', val: 'x' }])
    const other = await payingUser(t, 0)
    const [theirs] = await addRules(t, await createPolicy(t, {}, other.key), [{ rule_type: 'url', val: 'y' }], other.key)
    const r1 = await t.call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [mine, theirs] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [mine, 'lbpr-nothere1'] })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [lbpr-nothere1] not found'])
    const r3 = await t.call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [mine, mine] })
    assert.deepEqual([r3.ret_code, r3.message], [1100, `InvalidRequestFormat, parameter loadbalancer_policy_rules lists [${mine}] more than once`])
    const r4 = await t.call('DeleteLoadBalancerPolicyRules', {})
    assert.deepEqual([r4.ret_code, r4.message], [1100, 'InvalidRequestFormat, missing parameter loadbalancer_policy_rules'])
    assert.deepEqual(await ruleIds(policy), [mine])
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [theirs] }, { key: other.key })).total_count, 1)
  })
})
