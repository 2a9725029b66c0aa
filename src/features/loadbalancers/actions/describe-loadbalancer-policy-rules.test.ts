// DescribeLoadBalancerPolicyRules: the caller's rules by policy (oldest first), by id, paged with
// total_count; another user's rules and policies show nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { addRules, createPolicy } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const idsOf = (set: Array<{ loadbalancer_policy_rule_id: string }>) => set.map((r) => r.loadbalancer_policy_rule_id)

describe('DescribeLoadBalancerPolicyRules', () => {
  it('lists a policy’s rules oldest first, filters by id, pages with the whole count (Go sends limit and offset)', async () => {
    const [p1, p2] = [await createPolicy(t), await createPolicy(t)]
    const first = await addRules(t, p1, [{ rule_type: 'domain', val: 'a' }])
    t.clock.advance(1000)
    const second = await addRules(t, p1, [
      { rule_type: 'url', val: 'b' },
      { rule_type: 'url', val: 'c' },
    ])
    const elsewhere = await addRules(t, p2, [{ rule_type: 'url', val: 'd' }])
    const ofP1 = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy: p1, limit: 20, offset: 0 }))
    assert.equal(ofP1.total_count, 3)
    assert.deepEqual(idsOf(ofP1.loadbalancer_policy_rule_set)[0], first[0])
    assert.deepEqual(idsOf(ofP1.loadbalancer_policy_rule_set).slice(1).sort(), [...second].sort())
    const all = ok(await t.call('DescribeLoadBalancerPolicyRules', {}))
    assert.equal(all.total_count, 4)
    const byId = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [elsewhere[0], first[0], 'lbpr-nothere1'] }))
    assert.deepEqual(idsOf(byId.loadbalancer_policy_rule_set).sort(), [elsewhere[0], first[0]].sort())
    const both = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [elsewhere[0]], loadbalancer_policy: p1 }))
    assert.deepEqual([both.total_count, both.loadbalancer_policy_rule_set], [0, []])
    const paged = ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy: p1, offset: 2, limit: 5 }))
    assert.deepEqual([paged.total_count, paged.loadbalancer_policy_rule_set.length], [3, 1])
  })

  it('shows nothing of another user’s policy or rules (an admin names the owner)', async () => {
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const [rule] = await addRules(t, theirs, [{ rule_type: 'url', val: '^/' }], other.key)
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy: theirs })).total_count, 0)
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy_rules: [rule] })).total_count, 0)
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicyRules', { owner: other.user_id })).total_count, 0)
    assert.deepEqual(idsOf(ok(await t.call('DescribeLoadBalancerPolicyRules', { owner: other.user_id }, { key: t.admin })).loadbalancer_policy_rule_set), [rule])
    assert.deepEqual(idsOf(ok(await t.call('DescribeLoadBalancerPolicyRules', {}, { key: other.key })).loadbalancer_policy_rule_set), [rule])
  })
})
