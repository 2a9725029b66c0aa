// DeleteLoadBalancerPolicies: deletes policies with their rules and answers the ids; a policy a
// backend follows → 5400 naming the backend, nothing deleted; 1400, 2100, 1100 as everywhere.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { insertBackend, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { addRules, createPolicy, policyRow } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const rulesOf = async (policy: string) => (await t.store.db.selectFrom('loadbalancer_policy_rules').select('loadbalancer_policy_rule_id').where('loadbalancer_policy_id', '=', policy).execute()).length

describe('DeleteLoadBalancerPolicies', () => {
  it('deletes policies and their rules, answers the ids; other policies’ rules stay', async () => {
    const [a, b, keep] = [await createPolicy(t), await createPolicy(t), await createPolicy(t)]
    await addRules(t, a, [{ rule_type: 'domain', val: '^www\\.example\\.com$' }])
    await addRules(t, keep, [{ rule_type: 'url', val: '^/api' }])
    const reply = ok(await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [a, b] }))
    assert.deepEqual([reply.action, reply.loadbalancer_policies], ['DeleteLoadBalancerPoliciesResponse', [a, b]])
    assert.deepEqual([await policyRow(t, a), await policyRow(t, b), await rulesOf(a), await rulesOf(keep)], [undefined, undefined, 0, 1])
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [a, b, keep] })).total_count, 1)
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy: a })).total_count, 0)
  })

  it('refuses a policy a backend follows (5400 naming the backend) and deletes none of those asked', async () => {
    const [free, used] = [await createPolicy(t), await createPolicy(t)]
    await addRules(t, used, [{ rule_type: 'url', val: '^/static' }])
    const lb = await insertLoadBalancer(t)
    const backend = await insertBackend(t, await insertListener(t, lb, { listener_protocol: 'http', backend_protocol: 'http' }), { loadbalancer_policy_id: used })
    const r = await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [free, used] })
    assert.deepEqual([r.ret_code, r.message], [5400, `ResourceDependence, loadbalancer policy [${used}] is still used by backend [${backend.loadbalancer_backend_id}], change or delete the backend first`])
    assert.ok(await policyRow(t, free))
    assert.deepEqual([Boolean(await policyRow(t, used)), await rulesOf(used)], [true, 1])
    await t.store.db.updateTable('loadbalancer_backends').set({ loadbalancer_policy_id: '' }).where('loadbalancer_backend_id', '=', backend.loadbalancer_backend_id).execute()
    ok(await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [free, used] }))
  })

  it('answers 1400 for another user’s, 2100 for an unknown one, 1100 for a repeated id or none', async () => {
    const mine = await createPolicy(t)
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const r1 = await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [mine, theirs] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: ['lbp-nothere1'] })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [lbp-nothere1] not found'])
    const r3 = await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [mine, mine] })
    assert.deepEqual([r3.ret_code, r3.message], [1100, `InvalidRequestFormat, parameter loadbalancer_policies lists [${mine}] more than once`])
    const r4 = await t.call('DeleteLoadBalancerPolicies', {})
    assert.deepEqual([r4.ret_code, r4.message], [1100, 'InvalidRequestFormat, missing parameter loadbalancer_policies'])
    assert.ok(await policyRow(t, mine))
    assert.ok(await policyRow(t, theirs))
  })

  it('orders against rule changes running at once: each either happens first or finds the policy gone, never a deadlock', async () => {
    for (let round = 0; round < 3; round++) {
      const policy = await createPolicy(t)
      const rules = await addRules(
        t,
        policy,
        Array.from({ length: 4 }, (_, i) => ({ rule_type: 'url', val: `^/${i}` })),
      )
      const replies = await Promise.all([
        ...rules.map((rule) => t.call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule, val: '^/changed' })),
        t.call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [rules[0]] }),
        t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [policy] }),
        t.call('AddLoadBalancerPolicyRules', { loadbalancer_policy: policy, rules: [{ rule_type: 'domain', val: 'late' }] }),
      ])
      for (const r of replies) assert.ok(r.ret_code === 0 || r.ret_code === 2100, `${r.ret_code} ${r.message}`)
      assert.equal(replies.at(-2)!.ret_code, 0)
      assert.deepEqual([await policyRow(t, policy), await rulesOf(policy)], [undefined, 0])
    }
  })
})
