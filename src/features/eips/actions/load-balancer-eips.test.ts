// EIPs bound to a load balancer (AssociateEipsToLoadBalancer): DescribeEips names the load balancer
// as their resource, the instance actions refuse them (1400), and ReleaseEips answers 5400 — the
// load balancer depends on them — until DissociateEipsFromLoadBalancer frees them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocateOne, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { bindEips } from '../../../../test/support/lb-network-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { eip: 100 })
})
after(() => t.close())

describe('EIPs bound to a load balancer', () => {
  it('DescribeEips shows the load balancer as the resource; nothing while the association is in flight', async () => {
    const lb = (await insertLoadBalancer(t, { loadbalancer_name: 'front' })).loadbalancer_id
    const eip = await allocateOne(t)
    ok(await t.call('AssociateEipsToLoadBalancer', { loadbalancer: lb, eips: [eip] }))
    let [item] = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set
    assert.deepEqual([item.status, item.transition_status, item.resource], ['available', 'associating', { resource_id: '', resource_name: '', resource_type: '' }])
    await t.settle()
    ;[item] = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set
    assert.deepEqual([item.status, item.resource], ['associated', { resource_id: lb, resource_name: 'front', resource_type: 'loadbalancer' }])
  })

  it('ReleaseEips answers 5400 naming the load balancer (1400 while busy); released after DissociateEipsFromLoadBalancer', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    ok(await t.call('AssociateEipsToLoadBalancer', { loadbalancer: lb, eips: [eip] }))
    const busy = await t.call('ReleaseEips', { eips: [eip] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, eip [${eip}] is [associating], please try later`])
    await t.settle()
    const reply = await t.call('ReleaseEips', { eips: [eip] })
    assert.deepEqual([reply.ret_code, reply.message], [5400, `ResourceDependence, eip [${eip}] is still associated with load balancer [${lb}], dissociate it first (DissociateEipsFromLoadBalancer)`])
    assert.equal((await eipRow(t, eip)).status, 'associated')
    ok(await t.call('DissociateEipsFromLoadBalancer', { loadbalancer: lb, eips: [eip] }))
    await t.settle()
    ok(await t.call('ReleaseEips', { eips: [eip] }))
    await t.settle()
    assert.equal((await eipRow(t, eip)).status, 'released')
  })

  it('DissociateEips and AssociateEip answer 1400 for an EIP a load balancer holds', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    await bindEips(t, lb, [eip])
    const dissociate = await t.call('DissociateEips', { eips: [eip] })
    assert.deepEqual([dissociate.ret_code, dissociate.message], [1400, `PermissionDenied, eip [${eip}] is bound to load balancer [${lb}], unbind it with DissociateEipsFromLoadBalancer`])
    const instance = await launchOne(t)
    const associate = await t.call('AssociateEip', { eip, instance })
    assert.deepEqual([associate.ret_code, associate.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])
    const row = await eipRow(t, eip)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['associated', '', ''])
  })
})
