// ModifyLoadBalancerPolicyAttributes: name, operator, balance mode and priority; a forwarding change
// is pending (is_applied 0) until ApplyLoadBalancerPolicy, a rename is not; answers the id.
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

describe('ModifyLoadBalancerPolicyAttributes', () => {
  it('renames without anything to apply; operator, balance mode or priority wait for ApplyLoadBalancerPolicy', async () => {
    const id = await createPolicy(t, { loadbalancer_policy_name: 'old' })
    const reply = ok(await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: id, loadbalancer_policy_name: 'new' }))
    assert.deepEqual([reply.action, reply.loadbalancer_policy_id], ['ModifyLoadBalancerPolicyAttributesResponse', id])
    let row = (await policyRow(t, id))!
    assert.deepEqual([row.loadbalancer_policy_name, row.is_applied], ['new', 1])
    // the same values again change nothing
    ok(await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: id, operator: 'or', priority: 0 }))
    assert.equal((await policyRow(t, id))!.is_applied, 1)
    ok(await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: id, operator: 'and', balance_mode: 'source', priority: 99 }))
    row = (await policyRow(t, id))!
    assert.deepEqual([row.operator, row.balance_mode, row.priority, row.is_applied], ['and', 'source', 99, 0])
    ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: id }))
    await t.settle()
    assert.equal((await policyRow(t, id))!.is_applied, 1)
    // a space: follow the listener's balance mode again; an empty name
    ok(await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: id, balance_mode: ' ', loadbalancer_policy_name: ' ' }))
    row = (await policyRow(t, id))!
    assert.deepEqual([row.balance_mode, row.loadbalancer_policy_name, row.is_applied], ['', '', 0])
  })

  it('answers 1100 naming a bad value, 1400 for another user’s policy, 2100 for an unknown one', async () => {
    const id = await createPolicy(t)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'missing parameter loadbalancer_policy'],
      [{ loadbalancer_policy: id, priority: 100 }, 'parameter priority value 100 is out of range, maximum 99'],
      [{ loadbalancer_policy: id, priority: -1 }, 'parameter priority value -1 is out of range, minimum 0'],
      [{ loadbalancer_policy: id, operator: 'nor' }, 'unsupported parameter operator value nor'],
      [{ loadbalancer_policy: id, balance_mode: 'fastest' }, 'unsupported parameter balance_mode value fastest, expected one of roundrobin, leastconn, source'],
    ]
    for (const [params, message] of cases) {
      const r = await t.call('ModifyLoadBalancerPolicyAttributes', params)
      assert.deepEqual([r.ret_code, r.message], [1100, `InvalidRequestFormat, ${message}`])
    }
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const r1 = await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: theirs, operator: 'and' })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await policyRow(t, theirs))!.operator, 'or')
    const r2 = await t.call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: 'lbp-nothere1', operator: 'and' })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [lbp-nothere1] not found'])
  })
})
