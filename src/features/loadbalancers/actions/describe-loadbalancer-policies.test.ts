// DescribeLoadBalancerPolicies: the caller's policies newest first with their fields, by id, paged
// with total_count; verbose=1 adds `loadbalancer_ids` (the load balancers whose backends follow it).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { insertBackend, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { createPolicy } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const idsOf = (set: Array<{ loadbalancer_policy_id: string }>) => set.map((p) => p.loadbalancer_policy_id)

describe('DescribeLoadBalancerPolicies', () => {
  it('lists the caller’s policies newest first with their fields, by id, paged with the whole count', async () => {
    const a = await createPolicy(t, { loadbalancer_policy_name: 'a', operator: 'and', balance_mode: 'source' })
    t.clock.advance(1000)
    const b = await createPolicy(t, { loadbalancer_policy_name: 'bravo' })
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const all = ok(await t.call('DescribeLoadBalancerPolicies', { limit: 20, offset: 0 }))
    assert.deepEqual([all.total_count, idsOf(all.loadbalancer_policy_set)], [2, [b, a]])
    assert.deepEqual(all.loadbalancer_policy_set[1], {
      loadbalancer_policy_id: a,
      loadbalancer_policy_name: 'a',
      operator: 'and',
      balance_mode: 'source',
      priority: 0,
      is_applied: 1,
      create_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
    })
    const byId = ok(await t.call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [a, theirs, 'lbp-nothere1'] }))
    assert.deepEqual([byId.total_count, idsOf(byId.loadbalancer_policy_set)], [1, [a]])
    const byWord = ok(await t.call('DescribeLoadBalancerPolicies', { search_word: 'RAV' }))
    assert.deepEqual([byWord.total_count, idsOf(byWord.loadbalancer_policy_set)], [1, [b]])
    const paged = ok(await t.call('DescribeLoadBalancerPolicies', { offset: 1, limit: 1 }))
    assert.deepEqual([paged.total_count, idsOf(paged.loadbalancer_policy_set)], [2, [a]])
    assert.deepEqual(idsOf(ok(await t.call('DescribeLoadBalancerPolicies', { owner: other.user_id }, { key: t.admin })).loadbalancer_policy_set), [theirs])
    assert.deepEqual(ok(await t.call('DescribeLoadBalancerPolicies', { owner: other.user_id })).loadbalancer_policy_set, [])
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicies', { zone: 'sh1a' })).total_count, 0)
  })

  it('adds loadbalancer_ids at verbose=1: each load balancer with a backend following the policy, once', async () => {
    const policy = await createPolicy(t)
    const unused = await createPolicy(t)
    const [lb1, lb2] = [await insertLoadBalancer(t), await insertLoadBalancer(t)]
    const l1 = await insertListener(t, lb1)
    await insertBackend(t, l1, { loadbalancer_policy_id: policy })
    await insertBackend(t, l1, { loadbalancer_policy_id: policy, port: 8081 })
    await insertBackend(t, await insertListener(t, lb2, { listener_port: 8080 }), { loadbalancer_policy_id: policy })
    const verbose = ok(await t.call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [policy, unused], verbose: 1 }))
    const byId = new Map(verbose.loadbalancer_policy_set.map((p: { loadbalancer_policy_id: string; loadbalancer_ids: string[] }) => [p.loadbalancer_policy_id, p.loadbalancer_ids]))
    assert.deepEqual(byId.get(policy), [lb1.loadbalancer_id, lb2.loadbalancer_id].sort())
    assert.deepEqual(byId.get(unused), [])
    const plain = ok(await t.call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [policy] }))
    assert.equal('loadbalancer_ids' in plain.loadbalancer_policy_set[0], false)
  })

  it('answers 1100 for a bad verbose', async () => {
    const r = await t.call('DescribeLoadBalancerPolicies', { verbose: 3 })
    assert.deepEqual([r.ret_code, r.message], [1100, 'InvalidRequestFormat, parameter verbose value 3 is out of range, maximum 2'])
  })
})
