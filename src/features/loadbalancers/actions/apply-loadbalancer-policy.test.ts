// ApplyLoadBalancerPolicy (asynchronous): a job that DescribeJobs knows; the policy is is_applied=1
// once it settles; a policy deleted before the job settles fails the job; 1400, 2100, 1100.
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

const job = async (id: string) => ok(await t.call('DescribeJobs', { jobs: [id] })).job_set[0]

describe('ApplyLoadBalancerPolicy', () => {
  it('answers a job; the policy with new rules is applied once the job settles', async () => {
    const id = await createPolicy(t)
    await addRules(t, id, [{ rule_type: 'domain', val: 'example\\.com$' }])
    assert.equal((await policyRow(t, id))!.is_applied, 0)
    const reply = ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: id }))
    assert.equal(reply.action, 'ApplyLoadBalancerPolicyResponse')
    assert.match(reply.job_id, /^j-/)
    const pending = await job(reply.job_id)
    assert.deepEqual([pending.job_action, pending.status, pending.resource_ids], ['ApplyLoadBalancerPolicy', 'pending', id])
    assert.equal((await policyRow(t, id))!.is_applied, 0)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.equal(ok(await t.call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [id] })).loadbalancer_policy_set[0].is_applied, 1)
    // applying an applied policy is harmless
    ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: id }))
    await t.settle()
    assert.equal((await policyRow(t, id))!.is_applied, 1)
  })

  it('fails the job of a policy deleted before it settles', async () => {
    const id = await createPolicy(t)
    const reply = ok(await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: id }))
    ok(await t.call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [id] }))
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
  })

  it('answers 1400 for another user’s policy, 2100 for an unknown one, 1100 for none', async () => {
    const other = await payingUser(t, 0)
    const theirs = await createPolicy(t, {}, other.key)
    const r1 = await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: theirs })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('ApplyLoadBalancerPolicy', { loadbalancer_policy: 'lbp-nothere1' })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [lbp-nothere1] not found'])
    const r3 = await t.call('ApplyLoadBalancerPolicy', {})
    assert.deepEqual([r3.ret_code, r3.message], [1100, 'InvalidRequestFormat, missing parameter loadbalancer_policy'])
  })
})
