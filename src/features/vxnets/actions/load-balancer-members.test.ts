// A load balancer's address in a vxnet is a NIC it holds (its id as the NIC's instance_id, written
// by LoadBalancerJoinVxnet): DeleteVxnets, JoinRouter and LeaveRouter name the load balancer, and
// the vxnets' instance lists (DescribeVxnets verbose=1, DescribeVxnetInstances) leave it out.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { loadBalancerIn } from '../../../../test/support/lb-network-fixtures.ts'
import { insertRouter } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { vxnet: 100 })
})
after(() => t.close())

describe('vxnets with a load balancer in them', () => {
  it('DeleteVxnets answers 5400 naming the load balancer, and deletes the vxnet once it has left', async () => {
    const vxnet = await createVxnet(t)
    const { lb } = await loadBalancerIn(t, vxnet)
    const reply = await t.call('DeleteVxnets', { vxnets: [vxnet] })
    assert.deepEqual([reply.ret_code, reply.message], [5400, `ResourceDependence, vxnet [${vxnet}] still has load balancer [${lb}], it must leave the vxnet first`])
    ok(await t.call('LoadBalancerLeaveVxnet', { vxnet, loadbalancer: lb }))
    await t.settle()
    ok(await t.call('DeleteVxnets', { vxnets: [vxnet] }))
  })

  it('DescribeVxnets verbose=1 and DescribeVxnetInstances list instances only, not the load balancer', async () => {
    const vxnet = await createVxnet(t)
    const instance = await launchOne(t, 'running', { vxnets: [vxnet] })
    const { lb } = await loadBalancerIn(t, vxnet)
    const [item] = ok(await t.call('DescribeVxnets', { vxnets: [vxnet], verbose: 1 })).vxnet_set
    assert.deepEqual(item.instance_ids, [instance])
    const members = ok(await t.call('DescribeVxnetInstances', { vxnet }))
    assert.deepEqual([members.total_count, members.instance_set.map((i: { instance_id: string }) => i.instance_id)], [1, [instance]])
    // vxnet-0 is shared: the same there
    const base = await loadBalancerIn(t, 'vxnet-0')
    const [baseItem] = ok(await t.call('DescribeVxnets', { vxnets: ['vxnet-0'], verbose: 1 })).vxnet_set
    assert.ok(!baseItem.instance_ids.includes(base.lb))
    assert.ok(!ok(await t.call('DescribeVxnetInstances', { vxnet: 'vxnet-0', limit: 100 })).instance_set.some((i: { instance_id: string }) => i.instance_id === base.lb))
    assert.ok(lb.startsWith('lb-'))
  })

  it('JoinRouter and LeaveRouter answer 5400 naming the load balancer', async () => {
    const router = await insertRouter(t)
    const vxnet = await createVxnet(t)
    const { lb } = await loadBalancerIn(t, vxnet)
    const join = await t.call('JoinRouter', { vxnet, router: router.router_id, ip_network: '192.168.40.0/24' })
    assert.equal(join.ret_code, 5400, join.message)
    assert.match(join.message, new RegExp(`^ResourceDependence, vxnet \\[${vxnet}\\] still has load balancer \\[${lb}\\], `))

    const joined = await createVxnet(t)
    ok(await t.call('JoinRouter', { vxnet: joined, router: router.router_id, ip_network: '192.168.41.0/24' }))
    await t.settle()
    const inVpc = await loadBalancerIn(t, joined)
    assert.match(inVpc.ip, /^192\.168\.41\./)
    const leave = await t.call('LeaveRouter', { vxnets: [joined], router: router.router_id })
    assert.equal(leave.ret_code, 5400, leave.message)
    assert.match(leave.message, new RegExp(`^ResourceDependence, vxnet \\[${joined}\\] still has load balancer \\[${inVpc.lb}\\], `))
  })
})
