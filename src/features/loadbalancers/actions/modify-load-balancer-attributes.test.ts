// ModifyLoadBalancerAttributes: name and description (spaces clear them, as terraform sends), the
// security group ('' leaves it), the address moved within the vxnet, header size and node count;
// the last four wait for UpdateLoadBalancers (is_applied 0).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createLoadBalancer, describeLoadBalancer, lbJob } from '../../../../test/support/fixtures-loadbalancers.ts'
import { createGroup } from '../../../../test/support/fixtures-security-groups.ts'
import { addressesOf, createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('ModifyLoadBalancerAttributes', () => {
  it('renames (the lease too) and describes without touching is_applied; spaces clear, an empty security_group changes nothing', async () => {
    const id = await createLoadBalancer(t, { loadbalancer_name: 'old' })
    const group = (await describeLoadBalancer(t, id)).security_group_id
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, loadbalancer_name: 'web', description: 'front door', security_group: '' }))
    let lb = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.deepEqual([lb.loadbalancer_name, lb.description, lb.security_group_id, lb.is_applied], ['web', 'front door', group, 1])
    assert.equal((await leasesOf(t, id))[0]!.resource_name, 'web')
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, loadbalancer_name: ' ', description: ' ' }))
    lb = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.deepEqual([lb.loadbalancer_name, lb.description, lb.is_applied], ['', null, 1])
    // the same values again change nothing that needs applying
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, security_group: group, http_header_size: 15, node_count: 1, private_ip: lb.private_ips[0] }))
    assert.equal((await describeLoadBalancer(t, id, { verbose: 0 })).is_applied, 1)
  })

  it('changes the group, header size and node count, and moves the address within the vxnet; each waits for UpdateLoadBalancers', async () => {
    const vxnet = await createVxnet(t)
    const prefix = await prefixOf(t, vxnet)
    const id = await createLoadBalancer(t, { vxnet })
    assert.deepEqual(await addressesOf(t, vxnet), [`${prefix}2`])
    const group = await createGroup(t, 'lb')
    for (const [params, field, value] of [
      [{ security_group: group }, 'security_group_id', group],
      [{ http_header_size: 127 }, 'http_header_size', 127],
      [{ node_count: 3 }, 'node_count', 3],
      [{ private_ip: `${prefix}100` }, 'private_ips', [`${prefix}100`]],
    ] as const) {
      ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, ...params }))
      const lb = await describeLoadBalancer(t, id, { verbose: 0 })
      assert.deepEqual([lb[field], lb.is_applied], [value, 0], field)
      await lbJob(t, 'UpdateLoadBalancers', [id])
      assert.equal((await describeLoadBalancer(t, id, { verbose: 0 })).is_applied, 1)
    }
    assert.deepEqual(await addressesOf(t, vxnet), [`${prefix}100`], 'the old address is free again')
    // its old address may be taken by another load balancer
    await createLoadBalancer(t, { vxnet, private_ip: `${prefix}2` })
  })

  it('answers 2110 for an address another holds, 1100 outside the vxnet or for bad values, and changes nothing', async () => {
    const vxnet = await createVxnet(t)
    const prefix = await prefixOf(t, vxnet)
    const id = await createLoadBalancer(t, { vxnet, private_ip: `${prefix}10` })
    await createLoadBalancer(t, { vxnet, private_ip: `${prefix}11` })
    const taken = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, private_ip: `${prefix}11`, loadbalancer_name: 'x' })
    assert.deepEqual([taken.ret_code, taken.message], [2110, `ResourceAlreadyExisted, address [${prefix}11] is already used in vxnet [${vxnet}]`])
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ private_ip: '10.140.1.1' }, new RegExp(`^InvalidRequestFormat, address \\[10\\.140\\.1\\.1\\] is not in vxnet \\[${vxnet}\\]`)],
      [{ private_ip: 'nowhere' }, /^InvalidRequestFormat, parameter private_ip \[nowhere\] is not an IPv4 address$/],
      [{ http_header_size: 0 }, /http_header_size/],
      [{ http_header_size: 128 }, /http_header_size/],
      [{ node_count: 0 }, /node_count/],
      [{}, /loadbalancer/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: params === cases.at(-1)![0] ? undefined : id, ...params })
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, message)
    }
    const lb = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.deepEqual([lb.private_ips, lb.loadbalancer_name, lb.is_applied], [[`${prefix}10`], '', 1])
  })

  it('answers 1400 for another user’s load balancer or group, a busy or deleted one; 2100 for unknown ones', async () => {
    const other = await payingUser(t, 10)
    const theirs = await createLoadBalancer(t, {}, { key: other.key })
    const theirGroup = await createGroup(t, 'theirs', { key: other.key })
    const id = await createLoadBalancer(t)
    const r1 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: theirs, loadbalancer_name: 'x' })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, security_group: theirGroup })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, resource [${theirGroup}] does not belong to you`])
    const r3 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, security_group: 'sg-nothere1' })
    assert.deepEqual([r3.ret_code, r3.message], [2100, 'ResourceNotFound, resource [sg-nothere1] not found'])
    const r4 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: 'lb-nothere1', loadbalancer_name: 'x' })
    assert.deepEqual([r4.ret_code, r4.message], [2100, 'ResourceNotFound, resource [lb-nothere1] not found'])
    ok(await t.call('StopLoadBalancers', { loadbalancers: [id] }))
    const r5 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, node_count: 2 })
    assert.deepEqual([r5.ret_code, r5.message], [1400, `PermissionDenied, loadbalancer [${id}] is [stopping], please try later`])
    await t.settle()
    // a stopped one may be modified
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, node_count: 2 }))
    await lbJob(t, 'DeleteLoadBalancers', [id])
    const r6 = await t.call('ModifyLoadBalancerAttributes', { loadbalancer: id, description: 'x' })
    assert.deepEqual([r6.ret_code, r6.message], [1400, `PermissionDenied, loadbalancer [${id}] has already been deleted, can not be modified`])
  })
})
