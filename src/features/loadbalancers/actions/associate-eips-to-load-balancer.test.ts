import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocate, allocateOne, associate, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
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
  const reply = await t.call('AssociateEipsToLoadBalancer', params, options)
  assert.equal(reply.ret_code, code, reply.message)
  if (typeof message === 'string') assert.equal(reply.message, message)
  else assert.match(reply.message, message)
}

describe('AssociateEipsToLoadBalancer', () => {
  it('binds available EIPs: reserved and associating in the request, associated when the job ends, shown as the EIPs’ resource', async () => {
    const lb = (await insertLoadBalancer(t, { loadbalancer_name: 'web' })).loadbalancer_id
    const eips = await allocate(t, { count: 2 })
    const reply = ok(await t.call('AssociateEipsToLoadBalancer', { loadbalancer: lb, eips }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await bindingsOf(t, lb), eips.map((e) => `${e} associating`).sort())
    for (const e of eips) assert.deepEqual([(await eipRow(t, e)).status, (await eipRow(t, e)).transition_status], ['available', 'associating'])
    assert.equal((await loadBalancerOf(t, lb)).transition_status, 'updating')
    const listed = async () => ok(await t.call('DescribeLoadBalancers', { loadbalancers: [lb] })).loadbalancer_set[0]
    assert.deepEqual([(await listed()).eips, (await listed()).cluster], [[], []], 'not the load balancer’s until the job settles')
    await t.settle()
    assert.deepEqual((await listed()).cluster.map((e: { eip_id: string }) => e.eip_id).sort(), [...eips].sort())
    const job = ok(await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.status, job.job_action], ['successful', 'AssociateEipsToLoadBalancer'])
    assert.deepEqual(await bindingsOf(t, lb), [...eips].sort())
    for (const e of eips) assert.deepEqual([(await eipRow(t, e)).status, (await eipRow(t, e)).transition_status], ['associated', ''])
    const row = await loadBalancerOf(t, lb)
    assert.deepEqual([row.transition_status, row.status, row.is_applied], ['', 'active', 1], 'EIP changes are live at once: is_applied is untouched')
    const described = ok(await t.call('DescribeEips', { eips })).eip_set
    for (const item of described) assert.deepEqual(item.resource, { resource_id: lb, resource_name: 'web', resource_type: 'loadbalancer' })
  })

  it('binds to a stopped load balancer and one in a vxnet too, up to 4 EIPs in all', async () => {
    const stopped = (await insertLoadBalancer(t, { status: 'stopped' })).loadbalancer_id
    const eips = await allocate(t, { count: 4 })
    await bindEips(t, stopped, eips.slice(0, 3))
    await bindEips(t, stopped, eips.slice(3))
    assert.equal((await bindingsOf(t, stopped)).length, 4)
  })

  it('answers 1100 for more than 4 EIPs in one request, and 1400 when those bound and the new ones would pass 4', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eips = await allocate(t, { count: 5 })
    await expectError({ loadbalancer: lb, eips }, 1100, 'InvalidRequestFormat, parameter eips lists 5 EIPs, a load balancer can have at most 4')
    await bindEips(t, lb, eips.slice(0, 3))
    await expectError({ loadbalancer: lb, eips: eips.slice(3) }, 1400, `PermissionDenied, load balancer [${lb}] already has 3 eip(s), 2 more would exceed the limit of 4`)
    for (const e of eips.slice(3)) assert.deepEqual([(await eipRow(t, e)).status, (await eipRow(t, e)).transition_status], ['available', ''], 'nothing reserved')
  })

  it('answers 1400 naming an EIP that is not available, busy, or already bound', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const other = (await insertLoadBalancer(t)).loadbalancer_id
    const instance = await launchOne(t)
    const onInstance = await allocateOne(t)
    await associate(t, onInstance, instance)
    const free = await allocateOne(t)
    await expectError({ loadbalancer: lb, eips: [free, onInstance] }, 1400, `PermissionDenied, eip [${onInstance}] is not available, can not be associated`)
    assert.equal((await eipRow(t, free)).transition_status, '', 'the request changed nothing')
    assert.deepEqual(await bindingsOf(t, lb), [])
    const onOther = await allocateOne(t)
    await bindEips(t, other, [onOther])
    await expectError({ loadbalancer: lb, eips: [onOther] }, 1400, `PermissionDenied, eip [${onOther}] is not available, can not be associated`)
    await bindEips(t, lb, [free])
    await expectError({ loadbalancer: lb, eips: [free] }, 1400, `PermissionDenied, eip [${free}] is already associated with load balancer [${lb}], can not be associated again`)
    const busy = await allocateOne(t)
    ok(await t.call('ChangeEipsBandwidth', { eips: [busy], bandwidth: 2 }))
    await expectError({ loadbalancer: lb, eips: [busy] }, 1400, `PermissionDenied, eip [${busy}] is [updating], please try later`)
    await t.settle()
  })

  it('answers 1400 for a load balancer that is busy, pending, suspended, deleted or in no vxnet', async () => {
    const eip = await allocateOne(t)
    for (const [overrides, message] of [
      [{ transition_status: 'creating', status: 'pending' }, 'is [creating], please try later'],
      [{ status: 'pending' }, 'is [pending], can not associate eips'],
      [{ status: 'suspended' }, 'is [suspended], can not associate eips'],
      [{ status: 'deleted' }, 'is [deleted], can not associate eips'],
      [{ vxnet_id: '' }, 'is in no vxnet, it must join one (LoadBalancerJoinVxnet) before eips are associated'],
    ] as const) {
      const lb = (await insertLoadBalancer(t, overrides)).loadbalancer_id
      await expectError({ loadbalancer: lb, eips: [eip] }, 1400, `PermissionDenied, load balancer [${lb}] ${message}`)
    }
    assert.equal((await eipRow(t, eip)).transition_status, '')
    // busy with one of these jobs: the second request waits for the first to end
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const [a, b] = await allocate(t, { count: 2 })
    ok(await t.call('AssociateEipsToLoadBalancer', { loadbalancer: lb, eips: [a] }))
    await expectError({ loadbalancer: lb, eips: [b] }, 1400, `PermissionDenied, load balancer [${lb}] is [updating], please try later`)
    await t.settle()
  })

  it('answers 1100 for missing or repeated parameters, 2100 for unknown ids, 1400 for another user’s load balancer or EIP', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    await expectError({ loadbalancer: lb }, 1100, 'InvalidRequestFormat, missing parameter eips')
    await expectError({ eips: [eip] }, 1100, /^InvalidRequestFormat, .*loadbalancer/)
    await expectError({ loadbalancer: lb, eips: [eip, eip] }, 1100, `InvalidRequestFormat, parameter eips lists [${eip}] more than once`)
    await expectError({ loadbalancer: 'lb-nonexist', eips: [eip] }, 2100, 'ResourceNotFound, resource [lb-nonexist] not found')
    await expectError({ loadbalancer: lb, eips: ['eip-nonexist'] }, 2100, 'ResourceNotFound, resource [eip-nonexist] not found')
    const theirs = (await insertLoadBalancer(t, { owner: t.admin.user_id })).loadbalancer_id
    const theirEip = await allocateOne(t, {}, { key: t.admin })
    await expectError({ loadbalancer: theirs, eips: [eip] }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    await expectError({ loadbalancer: lb, eips: [theirEip] }, 1400, `PermissionDenied, resource [${theirEip}] does not belong to you`)
    assert.deepEqual(await bindingsOf(t, lb), [])
    // the other user can bind their own EIP to their own load balancer
    await bindEips(t, theirs, [theirEip], t.admin)
    assert.deepEqual(await bindingsOf(t, theirs), [theirEip])
  })

  it('gives one EIP asked for by two load balancers at once to exactly one of them', async () => {
    const first = (await insertLoadBalancer(t)).loadbalancer_id
    const second = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    const replies = await Promise.all([first, second].map((loadbalancer) => t.call('AssociateEipsToLoadBalancer', { loadbalancer, eips: [eip] })))
    const codes = replies.map((r) => r.ret_code).sort()
    assert.equal(codes[0], 0, JSON.stringify(replies))
    assert.ok(codes[1] === 1400 || codes[1] === 5100, JSON.stringify(replies))
    await t.settle()
    const holders = [...(await bindingsOf(t, first)), ...(await bindingsOf(t, second))]
    assert.deepEqual(holders, [eip])
    assert.equal((await eipRow(t, eip)).status, 'associated')
  })

  it('answers a retryable 5100, never 5000, should the EIP’s binding exist already (the key is the EIP), and changes nothing', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const stale = (await insertLoadBalancer(t)).loadbalancer_id
    const eip = await allocateOne(t)
    // a binding the EIP row does not show (as a concurrent request's would be, before its commit)
    await t.store.db.insertInto('loadbalancer_eips').values({ eip_id: eip, loadbalancer_id: stale, zone_id: 'pek3a', owner: t.user.user_id, transition_status: '', bind_time: '2026-01-15T08:00:00Z' }).execute()
    await expectError({ loadbalancer: lb, eips: [eip] }, 5100, 'ServerBusy, an eip was bound by a concurrent request, nothing was changed: please try again')
    assert.deepEqual([(await eipRow(t, eip)).status, (await eipRow(t, eip)).transition_status], ['available', ''])
    assert.equal((await loadBalancerOf(t, lb)).transition_status, '')
    await t.store.db.deleteFrom('loadbalancer_eips').where('eip_id', '=', eip).execute()
  })

  it('takes the bindings back when the job fails: the EIPs available and idle, the load balancer idle', async () => {
    const lb = (await insertLoadBalancer(t)).loadbalancer_id
    const eips = await allocate(t, { count: 2 })
    ok(await t.admin_call('ArmJobFault', { job_action: 'AssociateEipsToLoadBalancer' }))
    ok(await t.call('AssociateEipsToLoadBalancer', { loadbalancer: lb, eips }))
    await t.settle()
    assert.deepEqual(await bindingsOf(t, lb), [])
    for (const e of eips) assert.deepEqual([(await eipRow(t, e)).status, (await eipRow(t, e)).transition_status], ['available', ''])
    assert.equal((await loadBalancerOf(t, lb)).transition_status, '')
    await bindEips(t, lb, eips)
    assert.equal((await bindingsOf(t, lb)).length, 2)
  })
})
