// CreateLoadBalancerPolicy: the defaults (operator or, balance_mode from the listener, applied), the
// Go SDK's `operator=or`, bad values → 1100 naming them, the `loadbalancer_policy` quota → 2500.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { quotaLeft, setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createPolicy, policyRow } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('CreateLoadBalancerPolicy', () => {
  it('creates a policy with the defaults: operator or, the listener’s balance mode, priority 0, nothing pending', async () => {
    const reply = ok(await t.call('CreateLoadBalancerPolicy', {}))
    assert.equal(reply.action, 'CreateLoadBalancerPolicyResponse')
    assert.match(reply.loadbalancer_policy_id, /^lbp-[a-z0-9]+$/)
    const row = await policyRow(t, reply.loadbalancer_policy_id)
    assert.deepEqual(row, {
      loadbalancer_policy_id: reply.loadbalancer_policy_id,
      zone_id: 'pek3a',
      owner: t.user.user_id,
      loadbalancer_policy_name: '',
      operator: 'or',
      balance_mode: '',
      priority: 0,
      is_applied: 1,
      create_time: '2026-01-15T08:00:00Z',
    })
  })

  it('takes a name, operator and (as the Go SDK sends it) balance mode', async () => {
    const id = await createPolicy(t, { loadbalancer_policy_name: 'api', operator: 'and', balance_mode: 'leastconn' })
    const row = await policyRow(t, id)
    assert.deepEqual([row!.loadbalancer_policy_name, row!.operator, row!.balance_mode], ['api', 'and', 'leastconn'])
    const spaced = await createPolicy(t, { loadbalancer_policy_name: ' ', operator: 'or', balance_mode: ' ' })
    assert.deepEqual([(await policyRow(t, spaced))!.loadbalancer_policy_name, (await policyRow(t, spaced))!.balance_mode], ['', ''])
  })

  it('answers 1100 naming a bad operator, balance mode or name', async () => {
    const r1 = await t.call('CreateLoadBalancerPolicy', { operator: 'xor' })
    assert.deepEqual([r1.ret_code, r1.message], [1100, 'InvalidRequestFormat, unsupported parameter operator value xor'])
    const r2 = await t.call('CreateLoadBalancerPolicy', { balance_mode: 'random' })
    assert.deepEqual([r2.ret_code, r2.message], [1100, 'InvalidRequestFormat, unsupported parameter balance_mode value random, expected one of roundrobin, leastconn, source'])
    const r3 = await t.call('CreateLoadBalancerPolicy', { loadbalancer_policy_name: 'n'.repeat(256) })
    assert.deepEqual([r3.ret_code, r3.message], [1100, 'InvalidRequestFormat, parameter loadbalancer_policy_name has an invalid length'])
  })

  it('counts against the loadbalancer_policy quota: 2500 once it is used up, per user', async () => {
    const user = await payingUser(t, 0)
    await setQuotas(t, { loadbalancer_policy: 2 }, { user: user.user_id })
    await createPolicy(t, {}, user.key)
    assert.equal((await quotaLeft(t, { key: user.key })).loadbalancer_policy, 1)
    const last = await createPolicy(t, {}, user.key)
    const r = await t.call('CreateLoadBalancerPolicy', {}, { key: user.key })
    assert.deepEqual([r.ret_code, r.message], [2500, 'QuotasExceeded, you only have 0 loadbalancer_policy quota left currently'])
    // deleting one makes room again
    ok(await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [last] }, { key: user.key }))
    await createPolicy(t, {}, user.key)
  })

  it('lets exactly as many parallel creations through as the quota has room for', async () => {
    const user = await payingUser(t, 0)
    await setQuotas(t, { loadbalancer_policy: 2 }, { user: user.user_id })
    const replies = await Promise.all(Array.from({ length: 5 }, () => t.call('CreateLoadBalancerPolicy', {}, { key: user.key })))
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 0, 2500, 2500, 2500])
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicies', {}, { key: user.key })).total_count, 2)
  })
})
