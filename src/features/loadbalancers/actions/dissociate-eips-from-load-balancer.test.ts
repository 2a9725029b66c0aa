import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocate, allocateOne, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'
import { bindEips, bindingsOf } from '../../../../test/support/lb-network-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { eip: 100 })
})
after(() => t.close())

const expectError = async (params: Record<string, unknown>, code: number, message: string | RegExp, options?: { key: Key }) => {
  const reply = await t.call('DissociateEipsFromLoadBalancer', params, options)
  assert.equal(reply.ret_code, code, reply.message)
  if (typeof message === 'string') assert.equal(reply.message, message)
  else assert.match(reply.message, message)
}

describe('DissociateEipsFromLoadBalancer', () => {
  it('unbinds EIPs: dissociating in the request, available (still allocated) and unbound when the job ends', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const [a, b] = await allocate(t, { count: 2 })
    await bindEips(t, lb, [a!, b!])
    const reply = ok(await t.call('DissociateEipsFromLoadBalancer', { loadbalancer: lb, eips: [a] }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await bindingsOf(t, lb), [`${a} dissociating`, b].sort())
    assert.deepEqual([(await eipRow(t, a!)).status, (await eipRow(t, a!)).transition_status], ['associated', 'dissociating'])
    assert.equal((await loadBalancerOf(t, lb)).transition_status, 'updating')
    await t.settle()
    assert.equal(ok(await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
    assert.deepEqual(await bindingsOf(t, lb), [b])
    assert.deepEqual([(await eipRow(t, a!)).status, (await eipRow(t, a!)).transition_status], ['available', ''])
    assert.equal((await eipRow(t, b!)).status, 'associated')
    const [item] = ok(await t.call('DescribeEips', { eips: [a] })).eip_set
    assert.deepEqual(item.resource, { resource_id: '', resource_name: '', resource_type: '' })
    const row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.transition_status, row.is_applied], ['', 1])
    // free again: it can be bound elsewhere, or released
    const other = (await insertLoadBalancer(t)).loadbalancer_id
    await bindEips(t, other, [a!])
    assert.deepEqual(await bindingsOf(t, other), [a])
  })

  it('answers 1400 for an EIP not associated with that load balancer (free, or bound to another)', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const other = (await insertLoadBalancer(t)).loadbalancer_id
    const [mine, theirs, free] = await allocate(t, { count: 3 })
    await bindEips(t, lb, [mine!])
    await bindEips(t, other, [theirs!])
    await expectError({ loadbalancer: lb, eips: [mine, theirs] }, 1400, `PermissionDenied, eip [${theirs}] is not associated with load balancer [${lb}], can not be dissociated from it`)
    await expectError({ loadbalancer: lb, eips: [free] }, 1400, `PermissionDenied, eip [${free}] is not associated with load balancer [${lb}], can not be dissociated from it`)
    assert.deepEqual(await bindingsOf(t, lb), [mine], 'nothing changed')
    assert.equal((await eipRow(t, mine!)).transition_status, '')
  })

  it('answers 1400 for a busy or gone load balancer, and for a busy EIP', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    await bindEips(t, lb, [eip])
    ok(await t.call('ChangeEipsBandwidth', { eips: [eip], bandwidth: 3 }))
    await expectError({ loadbalancer: lb, eips: [eip] }, 1400, `PermissionDenied, eip [${eip}] is [updating], please try later`)
    await t.settle()
    ok(await t.call('DissociateEipsFromLoadBalancer', { loadbalancer: lb, eips: [eip] }))
    await expectError({ loadbalancer: lb, eips: [eip] }, 1400, `PermissionDenied, load balancer [${lb}] is [updating], please try later`)
    await t.settle()
    const gone = (await insertLoadBalancer(t, { status: 'deleted' })).loadbalancer_id
    await expectError({ loadbalancer: gone, eips: [eip] }, 1400, `PermissionDenied, load balancer [${gone}] is [deleted], can not dissociate eips`)
  })

  it('answers 1100 for missing or repeated parameters, 2100 for unknown ids, 1400 for another user’s load balancer or EIP', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    await bindEips(t, lb, [eip])
    await expectError({ loadbalancer: lb }, 1100, 'InvalidRequestFormat, missing parameter eips')
    await expectError({ eips: [eip] }, 1100, /^InvalidRequestFormat, .*loadbalancer/)
    await expectError({ loadbalancer: lb, eips: [eip, eip] }, 1100, `InvalidRequestFormat, parameter eips lists [${eip}] more than once`)
    await expectError({ loadbalancer: 'lb-nonexist', eips: [eip] }, 2100, 'ResourceNotFound, resource [lb-nonexist] not found')
    await expectError({ loadbalancer: lb, eips: ['eip-nonexist'] }, 2100, 'ResourceNotFound, resource [eip-nonexist] not found')
    const theirs = (await insertLoadBalancer(t, { owner: t.admin.user_id })).loadbalancer_id
    const theirEip = await allocateOne(t, {}, { key: t.admin })
    await bindEips(t, theirs, [theirEip], t.admin)
    await expectError({ loadbalancer: theirs, eips: [eip] }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    await expectError({ loadbalancer: lb, eips: [theirEip] }, 1400, `PermissionDenied, resource [${theirEip}] does not belong to you`)
    assert.deepEqual(await bindingsOf(t, theirs), [theirEip])
    assert.deepEqual(await bindingsOf(t, lb), [eip])
  })

  it('leaves the EIPs bound when the job fails', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    await bindEips(t, lb, [eip])
    ok(await t.admin_call('ArmJobFault', { job_action: 'DissociateEipsFromLoadBalancer' }))
    ok(await t.call('DissociateEipsFromLoadBalancer', { loadbalancer: lb, eips: [eip] }))
    await t.settle()
    assert.deepEqual(await bindingsOf(t, lb), [eip])
    assert.deepEqual([(await eipRow(t, eip)).status, (await eipRow(t, eip)).transition_status], ['associated', ''])
    assert.equal((await loadBalancerOf(t, lb)).transition_status, '')
  })
})
