import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { addressesOf, createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'
import { lbNics, loadBalancerIn } from '../../../../test/support/lb-network-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { vxnet: 100 })
})
after(() => t.close())

const expectError = async (params: Record<string, unknown>, code: number, message: string | RegExp, options?: { key: Key }) => {
  const reply = await t.call('LoadBalancerJoinVxnet', params, options)
  assert.equal(reply.ret_code, code, reply.message)
  if (typeof message === 'string') assert.equal(reply.message, message)
  else assert.match(reply.message, message)
}

const outside = () => insertLoadBalancer(t, { vxnet_id: '', private_ip: '' }).then((r) => r.loadbalancer_id)

describe('LoadBalancerJoinVxnet', () => {
  it('puts a load balancer into a managed vxnet: its address is taken at once (joining), settled by the job', async () => {
    const vxnet = await createVxnet(t)
    const prefix = await prefixOf(t, vxnet)
    const lb = await outside()
    const reply = ok(await t.call('LoadBalancerJoinVxnet', { vxnet, loadbalancer: lb }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${prefix}2 joining`])
    let row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.vxnet_id, row.private_ip, row.transition_status], [vxnet, `${prefix}2`, 'updating'])
    await t.settle()
    assert.equal(ok(await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${prefix}2`])
    row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.vxnet_id, row.private_ip, row.transition_status, row.is_applied], [vxnet, `${prefix}2`, '', 1])
    // the address is the load balancer's: the next one in the vxnet gets another
    const next = await loadBalancerIn(t, vxnet)
    assert.equal(next.ip, `${prefix}3`)
  })

  it('takes the private_ip asked for, and joins vxnet-0 too', async () => {
    const vxnet = await createVxnet(t)
    const prefix = await prefixOf(t, vxnet)
    const lb = await outside()
    ok(await t.call('LoadBalancerJoinVxnet', { vxnet, loadbalancer: lb, private_ip: `${prefix}77` }))
    await t.settle()
    assert.equal((await loadBalancerOf(t, lb)).private_ip, `${prefix}77`)
    assert.ok((await addressesOf(t, vxnet)).includes(`${prefix}77`))
    const base = await loadBalancerIn(t, 'vxnet-0', { status: 'stopped' })
    const row = await loadBalancerOf(t, base.lb)
    assert.deepEqual([row.vxnet_id, row.private_ip], ['vxnet-0', base.ip])
    assert.notEqual(base.ip, '')
  })

  it('answers 1400 for a load balancer already in a network (one managed network, vxnet-0 counted), and for a self-managed vxnet', async () => {
    const vxnet = await createVxnet(t)
    const other = await createVxnet(t)
    const { lb } = await loadBalancerIn(t, vxnet)
    await expectError({ vxnet, loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] is already in vxnet [${vxnet}], it can not join it again`)
    const leaveFirst = 'a load balancer is in one managed vxnet at most (vxnet-0 counted): leave it first (LoadBalancerLeaveVxnet)'
    await expectError({ vxnet: other, loadbalancer: lb }, 1400, `PermissionDenied, load balancer [${lb}] is already in vxnet [${vxnet}], ${leaveFirst}`)
    const inBase = (await insertLoadBalancer(t)).loadbalancer_id
    await expectError({ vxnet, loadbalancer: inBase }, 1400, `PermissionDenied, load balancer [${inBase}] is already in vxnet [vxnet-0], ${leaveFirst}`)
    const selfManaged = await createVxnet(t, { vxnet_type: 0 })
    const free = await outside()
    await expectError({ vxnet: selfManaged, loadbalancer: free }, 1400, `PermissionDenied, vxnet [${selfManaged}] is self-managed (vxnet_type 0) and hands out no addresses, a load balancer joins managed vxnets only`)
    assert.deepEqual(await lbNics(t, free), [])
  })

  it('answers 1100 for a bad or foreign private_ip and 2110 for a taken one', async () => {
    const vxnet = await createVxnet(t)
    const lb = await outside()
    await expectError({ vxnet, loadbalancer: lb, private_ip: '10.0.0' }, 1100, 'InvalidRequestFormat, parameter private_ip value [10.0.0] is not an IPv4 address')
    await expectError({ vxnet, loadbalancer: lb, private_ip: '10.9.9.9' }, 1100, /^InvalidRequestFormat, address \[10\.9\.9\.9\] is not in vxnet/)
    const taken = await loadBalancerIn(t, vxnet)
    await expectError({ vxnet, loadbalancer: lb, private_ip: taken.ip }, 2110, `ResourceAlreadyExisted, address [${taken.ip}] is already used in vxnet [${vxnet}]`)
    assert.deepEqual(await lbNics(t, lb), [])
    assert.equal((await loadBalancerOf(t, lb)).vxnet_id, '')
  })

  it('answers 1100 for missing parameters, 2100 for unknown ids, 1400 for another user’s vxnet or load balancer, or a busy one', async () => {
    const vxnet = await createVxnet(t)
    const lb = await outside()
    await expectError({ loadbalancer: lb }, 1100, /^InvalidRequestFormat, .*vxnet/)
    await expectError({ vxnet }, 1100, /^InvalidRequestFormat, .*loadbalancer/)
    await expectError({ vxnet: 'vxnet-nonexist', loadbalancer: lb }, 2100, 'ResourceNotFound, resource [vxnet-nonexist] not found')
    await expectError({ vxnet, loadbalancer: 'lb-nonexist' }, 2100, 'ResourceNotFound, resource [lb-nonexist] not found')
    const theirVxnet = await createVxnet(t, {}, { key: t.admin })
    const theirs = (await insertLoadBalancer(t, { owner: t.admin.user_id, vxnet_id: '' })).loadbalancer_id
    await expectError({ vxnet: theirVxnet, loadbalancer: lb }, 1400, `PermissionDenied, resource [${theirVxnet}] does not belong to you`)
    await expectError({ vxnet, loadbalancer: theirs }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    const busy = (await insertLoadBalancer(t, { vxnet_id: '', transition_status: 'stopping' })).loadbalancer_id
    await expectError({ vxnet, loadbalancer: busy }, 1400, `PermissionDenied, load balancer [${busy}] is [stopping], please try later`)
    const ceased = (await insertLoadBalancer(t, { vxnet_id: '', status: 'ceased' })).loadbalancer_id
    await expectError({ vxnet, loadbalancer: ceased }, 1400, `PermissionDenied, load balancer [${ceased}] is [ceased], can not join a vxnet`)
    assert.deepEqual(await addressesOf(t, vxnet), [])
    // the other user joins their own load balancer to their own vxnet
    await loadBalancerIn(t, theirVxnet, { owner: t.admin.user_id }, t.admin)
  })

  it('gives one address asked for by two load balancers at once to exactly one of them', async () => {
    const vxnet = await createVxnet(t)
    const prefix = await prefixOf(t, vxnet)
    const lbs = [await outside(), await outside()]
    const replies = await Promise.all(lbs.map((loadbalancer) => t.call('LoadBalancerJoinVxnet', { vxnet, loadbalancer, private_ip: `${prefix}9` })))
    const codes = replies.map((r) => r.ret_code).sort()
    assert.equal(codes[0], 0, JSON.stringify(replies))
    assert.ok(codes[1] === 2110 || codes[1] === 5100, JSON.stringify(replies))
    await t.settle()
    assert.deepEqual(await addressesOf(t, vxnet), [`${prefix}9`])
  })

  it('gives the address back and leaves the load balancer in no vxnet when the job fails', async () => {
    const vxnet = await createVxnet(t)
    const lb = await outside()
    ok(await t.admin_call('ArmJobFault', { job_action: 'LoadBalancerJoinVxnet' }))
    ok(await t.call('LoadBalancerJoinVxnet', { vxnet, loadbalancer: lb }))
    await t.settle()
    assert.deepEqual(await lbNics(t, lb), [])
    const row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.vxnet_id, row.private_ip, row.transition_status], ['', '', ''])
    assert.deepEqual(await addressesOf(t, vxnet), [])
  })
})
