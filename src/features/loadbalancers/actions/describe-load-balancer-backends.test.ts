import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertBackend, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { insertRouter } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeBackends = (params: Record<string, unknown>, options: { key?: TestApp['user'] } = {}) => t.call('DescribeLoadBalancerBackends', params, options)
const statusOf = async (id: string) => (await describeBackends({ loadbalancer_backends: [id] })).loadbalancer_backend_set[0].status

describe('DescribeLoadBalancerBackends', () => {
  it('lists backends by id, listener or load balancer with every field typed', async () => {
    const lb = await insertLoadBalancer(t)
    const [l1, l2] = [await insertListener(t, lb), await insertListener(t, lb, { listener_port: 81 })]
    const node = await insertInstance(t)
    const added = await t.call('AddLoadBalancerBackends', { loadbalancer_listener: l1.loadbalancer_listener_id, backends: [{ resource_id: node.instance_id, port: 30080, loadbalancer_backend_name: node.instance_id }] })
    assert.equal(added.ret_code, 0, added.message)
    const other = await insertBackend(t, l2)
    const reply = await describeBackends({ loadbalancer_backends: added.loadbalancer_backends, verbose: 1, limit: 20, offset: 0 })
    assert.equal(reply.total_count, 1)
    assert.deepEqual(reply.loadbalancer_backend_set[0], {
      loadbalancer_backend_id: added.loadbalancer_backends[0],
      loadbalancer_backend_name: node.instance_id,
      loadbalancer_listener_id: l1.loadbalancer_listener_id,
      loadbalancer_id: lb.loadbalancer_id,
      loadbalancer_policy_id: '',
      resource_id: node.instance_id,
      port: 30080,
      weight: 1,
      disabled: 0,
      status: 'up',
      create_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
    })
    const ids = (r: Record<string, any>) => r.loadbalancer_backend_set.map((b: Record<string, unknown>) => b.loadbalancer_backend_id)
    assert.deepEqual(ids(await describeBackends({ loadbalancer_listener: l2.loadbalancer_listener_id })), [other.loadbalancer_backend_id])
    const all = await describeBackends({ loadbalancer: lb.loadbalancer_id })
    assert.deepEqual([all.total_count, ids(all).sort()], [2, [added.loadbalancer_backends[0], other.loadbalancer_backend_id].sort()])
    assert.deepEqual(ids(await describeBackends({ loadbalancer: lb.loadbalancer_id, search_word: node.instance_id.toUpperCase() })), added.loadbalancer_backends)
    const page = await describeBackends({ loadbalancer: lb.loadbalancer_id, limit: 1, offset: 1 })
    assert.deepEqual([page.total_count, page.loadbalancer_backend_set.length], [2, 1])
  })

  it('derives the status: down when the load balancer is not active, the backend disabled, or its instance or router does not serve', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const stopped = await insertBackend(t, listener, { resource_id: (await insertInstance(t, { status: 'stopped' })).instance_id })
    const disabled = await insertBackend(t, listener, { disabled: 1 })
    const router = await insertBackend(t, listener, { resource_id: (await insertRouter(t)).router_id })
    const offRouter = await insertBackend(t, listener, { resource_id: (await insertRouter(t, { status: 'poweroffed' })).router_id })
    const address = await insertBackend(t, listener, { resource_id: '10.0.0.9' })
    assert.deepEqual(await Promise.all([stopped, disabled, router, offRouter, address].map((b) => statusOf(b.loadbalancer_backend_id))), ['down', 'down', 'up', 'down', 'up'])
    await t.store.db.updateTable('loadbalancers').set({ status: 'stopped' }).where('loadbalancer_id', '=', lb.loadbalancer_id).execute()
    assert.equal(await statusOf(address.loadbalancer_backend_id), 'down')
  })

  it('keeps a backend whose instance is terminated (TerminateInstances), listed down', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const node = await launchOne(t)
    const added = await t.call('AddLoadBalancerBackends', { loadbalancer_listener: listener.loadbalancer_listener_id, backends: [{ resource_id: node, port: 30080, loadbalancer_backend_name: node }] })
    assert.equal(added.ret_code, 0, added.message)
    const id = added.loadbalancer_backends[0]
    assert.equal(await statusOf(id), 'up')
    assert.equal((await t.call('TerminateInstances', { instances: [node] })).ret_code, 0)
    await t.settle()
    const reply = await describeBackends({ loadbalancer_listener: listener.loadbalancer_listener_id })
    assert.deepEqual(
      reply.loadbalancer_backend_set.map((b: Record<string, unknown>) => [b.loadbalancer_backend_id, b.resource_id, b.status]),
      [[id, node, 'down']],
    )
    const verbose = await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: [listener.loadbalancer_listener_id], verbose: 1 })
    assert.equal(verbose.loadbalancer_listener_set[0].backends[0].status, 'down')
    // and it can still be deleted
    assert.equal((await t.call('DeleteLoadBalancerBackends', { loadbalancer_backends: [id] })).ret_code, 0)
  })

  it("shows only the caller's backends; an admin names another user with owner", async () => {
    const theirs = await insertBackend(t, await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id })))
    assert.deepEqual(await describeBackends({ loadbalancer_backends: [theirs.loadbalancer_backend_id, 'lbb-nothere'] }).then((r) => [r.ret_code, r.total_count, r.loadbalancer_backend_set]), [0, 0, []])
    assert.deepEqual((await describeBackends({ loadbalancer: theirs.loadbalancer_id })).loadbalancer_backend_set, [])
    assert.equal((await describeBackends({ owner: t.admin.user_id })).total_count, 0)
    assert.equal((await describeBackends({ loadbalancer_backends: [theirs.loadbalancer_backend_id] }, { key: t.admin })).total_count, 1)
    assert.deepEqual(await describeBackends({ limit: 'x' }).then((r) => [r.ret_code, r.message]), [1100, 'InvalidRequestFormat, parameter limit should be integer'])
  })
})
