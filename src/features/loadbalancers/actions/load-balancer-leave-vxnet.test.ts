import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocateOne } from '../../../../test/support/fixtures-eips.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { addressesOf, createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'
import { bindEips, lbNics, loadBalancerIn } from '../../../../test/support/lb-network-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { vxnet: 100, eip: 100 })
})
after(() => t.close())

const expectError = async (params: Record<string, unknown>, code: number, message: string | RegExp, options?: { key: Key }) => {
  const reply = await t.call('LoadBalancerLeaveVxnet', params, options)
  assert.equal(reply.ret_code, code, reply.message)
  if (typeof message === 'string') assert.equal(reply.message, message)
  else assert.match(reply.message, message)
}

describe('LoadBalancerLeaveVxnet', () => {
  it('takes a load balancer out of its vxnet: leaving at once, then its address freed and vxnet_id / private_ip empty', async () => {
    const vxnet = await createVxnet(t)
    const { lb, ip } = await loadBalancerIn(t, vxnet)
    const reply = ok(await t.call('LoadBalancerLeaveVxnet', { vxnet, loadbalancer: lb }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${ip} leaving`])
    assert.deepEqual([(await loadBalancerOf(t, lb)).vxnet_id, (await loadBalancerOf(t, lb)).transition_status], [vxnet, 'updating'])
    await t.settle()
    assert.equal(ok(await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
    assert.deepEqual(await lbNics(t, lb), [])
    assert.deepEqual(await addressesOf(t, vxnet), [])
    const row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.vxnet_id, row.private_ip, row.transition_status, row.is_applied], ['', '', '', 1])
    // in no network now: it may join another one, and the vxnet can go
    const other = await createVxnet(t)
    ok(await t.call('LoadBalancerJoinVxnet', { vxnet: other, loadbalancer: lb }))
    await t.settle()
    assert.equal((await loadBalancerOf(t, lb)).vxnet_id, other)
    ok(await t.call('DeleteVxnets', { vxnets: [vxnet] }))
  })

  it('leaves vxnet-0 too (a load balancer made there holds no NIC row of its own)', async () => {
    const lb = (await insertLoadBalancer(t, { status: 'stopped' })).loadbalancer_id
    ok(await t.call('LoadBalancerLeaveVxnet', { vxnet: 'vxnet-0', loadbalancer: lb }))
    await t.settle()
    assert.equal((await loadBalancerOf(t, lb)).vxnet_id, '')
  })

  it('answers 1400 for a vxnet the load balancer is not in, and while it has EIPs', async () => {
    const vxnet = await createVxnet(t)
    const other = await createVxnet(t)
    const { lb, ip } = await loadBalancerIn(t, vxnet)
    await expectError({ vxnet: other, loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] is not in vxnet [${other}], can not leave it`)
    await expectError({ vxnet: 'vxnet-0', loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] is not in vxnet [vxnet-0], can not leave it`)
    const eip = await allocateOne(t)
    await bindEips(t, lb, [eip])
    await expectError({ vxnet, loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] still has eip(s) [${eip}], dissociate them first (DissociateEipsFromLoadBalancer): a load balancer keeps its vxnet while it has eips`)
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${ip}`])
  })

  it('answers 1100 for missing parameters, 2100 for unknown ids, 1400 for another user’s vxnet or load balancer, or a busy one', async () => {
    const vxnet = await createVxnet(t)
    const { lb } = await loadBalancerIn(t, vxnet)
    await expectError({ loadbalancer: lb }, 1100, /^InvalidRequestFormat, .*vxnet/)
    await expectError({ vxnet }, 1100, /^InvalidRequestFormat, .*loadbalancer/)
    await expectError({ vxnet: 'vxnet-nonexist', loadbalancer: lb }, 2100, 'ResourceNotFound, resource [vxnet-nonexist] not found')
    await expectError({ vxnet, loadbalancer: 'lb-nonexist' }, 2100, 'ResourceNotFound, resource [lb-nonexist] not found')
    const theirVxnet = await createVxnet(t, {}, { key: t.admin })
    const theirs = await loadBalancerIn(t, theirVxnet, { owner: t.admin.user_id }, t.admin)
    await expectError({ vxnet: theirVxnet, loadbalancer: theirs.lb }, 1400, `PermissionDenied, resource [${theirVxnet}] does not belong to you`)
    await expectError({ vxnet, loadbalancer: theirs.lb }, 1400, `PermissionDenied, resource [${theirs.lb}] does not belong to you`)
    ok(await t.call('LoadBalancerLeaveVxnet', { vxnet, loadbalancer: lb }))
    await expectError({ vxnet, loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] is [updating], please try later`)
    await t.settle()
    assert.equal((await loadBalancerOf(t, theirs.lb)).vxnet_id, theirVxnet)
  })

  it('keeps the load balancer in its vxnet when the job fails', async () => {
    const vxnet = await createVxnet(t)
    const { lb, ip } = await loadBalancerIn(t, vxnet)
    ok(await t.admin_call('ArmJobFault', { job_action: 'LoadBalancerLeaveVxnet' }))
    ok(await t.call('LoadBalancerLeaveVxnet', { vxnet, loadbalancer: lb }))
    await t.settle()
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${ip}`])
    const row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.vxnet_id, row.private_ip, row.transition_status], [vxnet, ip, ''])
  })
})
