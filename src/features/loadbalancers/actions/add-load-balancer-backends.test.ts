import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { backendsOfListener, insertBackend, insertListener, insertLoadBalancer, insertPolicy, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'
import { insertRouter } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const add = (loadbalancer_listener: string, backends: Array<Record<string, unknown>>, options: { key?: TestApp['user'] } = {}) => t.call('AddLoadBalancerBackends', { loadbalancer_listener, backends }, options)

describe('AddLoadBalancerBackends', () => {
  it("adds the CCM's backends (no weight: 1) and terraform's (with the Go SDK's extra keys), instances, routers and addresses, and marks the load balancer not applied", async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const [node1, node2] = [await insertInstance(t), await insertInstance(t)]
    const router = await insertRouter(t)
    const policy = await insertPolicy(t)
    const reply = await add(listener.loadbalancer_listener_id, [
      { loadbalancer_backend_name: node1.instance_id, resource_id: node1.instance_id, port: 30080 },
      { loadbalancer_backend_name: node2.instance_id, resource_id: node2.instance_id, port: 30080 },
      { loadbalancer_listener_id: listener.loadbalancer_listener_id, loadbalancer_backend_name: 'tf', resource_id: '192.168.0.10', port: 80, weight: 100, loadbalancer_policy_id: policy },
      { resource_id: router.router_id, port: 80, weight: 5 },
    ])
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.loadbalancer_backends.length, 4)
    for (const id of reply.loadbalancer_backends) assert.match(id, /^lbb-[0-9a-z]{8}$/)
    const rows = await backendsOfListener(t, listener.loadbalancer_listener_id)
    const byId = new Map(rows.map((r) => [r.loadbalancer_backend_id, r]))
    const fields = (id: string) => {
      const r = byId.get(id)!
      return [r.loadbalancer_backend_name, r.resource_id, r.port, r.weight, r.disabled, r.loadbalancer_policy_id, r.loadbalancer_id, r.owner, r.zone_id]
    }
    assert.deepEqual(reply.loadbalancer_backends.map(fields), [
      [node1.instance_id, node1.instance_id, 30080, 1, 0, '', lb.loadbalancer_id, t.user.user_id, 'pek3a'],
      [node2.instance_id, node2.instance_id, 30080, 1, 0, '', lb.loadbalancer_id, t.user.user_id, 'pek3a'],
      ['tf', '192.168.0.10', 80, 100, 0, policy, lb.loadbalancer_id, t.user.user_id, 'pek3a'],
      ['', router.router_id, 80, 5, 0, '', lb.loadbalancer_id, t.user.user_id, 'pek3a'],
    ])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
    // the same resource on another port, or on another listener, is another backend
    assert.equal((await add(listener.loadbalancer_listener_id, [{ resource_id: node1.instance_id, port: 30081 }])).ret_code, 0)
    assert.equal((await add((await insertListener(t, lb, { listener_port: 81 })).loadbalancer_listener_id, [{ resource_id: node1.instance_id, port: 30080 }])).ret_code, 0)
  })

  it('answers 1100 naming the field for bad input, and adds none', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ port: 80 }, 'missing parameter backends.2.resource_id'],
      [{ resource_id: '10.0.0.2' }, 'missing parameter backends.2.port'],
      [{ resource_id: '10.0.0.2', port: 0 }, 'parameter backends.2.port value 0 is out of range, minimum 1'],
      [{ resource_id: '10.0.0.2', port: 65536 }, 'parameter backends.2.port value 65536 is out of range, maximum 65535'],
      [{ resource_id: '10.0.0.2', port: 'http' }, 'parameter backends.2.port should be integer'],
      [{ resource_id: '10.0.0.2', port: 80, weight: 0 }, 'parameter backends.2.weight value 0 is out of range, minimum 1'],
      [{ resource_id: '10.0.0.2', port: 80, weight: 101 }, 'parameter backends.2.weight value 101 is out of range, maximum 100'],
      [{ resource_id: '10.0.0.256', port: 80 }, 'parameter backends.2.resource_id value 10.0.0.256 is not a valid backend, it should be an instance (i-…), a router (rtr-…) or an IPv4 address'],
      [{ resource_id: 'vol-12345678', port: 80 }, 'parameter backends.2.resource_id value vol-12345678 is not a valid backend, it should be an instance (i-…), a router (rtr-…) or an IPv4 address'],
      [{ resource_id: '10.0.0.2', port: 80, loadbalancer_backend_name: 'x'.repeat(256) }, 'parameter backends.2.loadbalancer_backend_name has an invalid length'],
    ]
    for (const [bad, message] of cases) {
      const reply = await add(listener.loadbalancer_listener_id, [{ resource_id: '10.0.0.1', port: 80 }, bad])
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    }
    assert.equal((await add(listener.loadbalancer_listener_id, [])).message, 'InvalidRequestFormat, missing parameter backends')
    assert.equal((await t.call('AddLoadBalancerBackends', { backends: [{ resource_id: '10.0.0.1', port: 80 }] })).message, 'InvalidRequestFormat, missing parameter loadbalancer_listener')
    assert.deepEqual(await backendsOfListener(t, listener.loadbalancer_listener_id), [])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 1)
  })

  it('answers 2110 for a resource and port already serving the listener, or given twice', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const held = await insertBackend(t, listener, { resource_id: '10.0.0.1', port: 8080 })
    const taken = await add(listener.loadbalancer_listener_id, [{ resource_id: '10.0.0.1', port: 8080 }])
    assert.deepEqual([taken.ret_code, taken.message], [2110, `ResourceAlreadyExisted, backends.1: [10.0.0.1] port [8080] is already a backend of listener [${listener.loadbalancer_listener_id}] (backend [${held.loadbalancer_backend_id}])`])
    const twice = await add(listener.loadbalancer_listener_id, [
      { resource_id: '10.0.0.2', port: 80 },
      { resource_id: '10.0.0.2', port: 80 },
    ])
    assert.deepEqual([twice.ret_code, twice.message], [2110, `ResourceAlreadyExisted, backends.2: [10.0.0.2] port [80] is already a backend of listener [${listener.loadbalancer_listener_id}] (backends.1)`])
  })

  it("answers 2100 for what is unknown, 1400 for another user's, a terminated instance, a deleted router or load balancer", async () => {
    const lb = await insertLoadBalancer(t)
    const id = (await insertListener(t, lb)).loadbalancer_listener_id
    const backend = (resource_id: string, extra: Record<string, unknown> = {}) => [{ resource_id, port: 80, ...extra }]
    const result = (reply: Record<string, unknown>) => [reply.ret_code, reply.message]
    assert.deepEqual(result(await add('lbl-nothere', backend('10.0.0.1'))), [2100, 'ResourceNotFound, resource [lbl-nothere] not found'])
    const theirListener = await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id }))
    assert.deepEqual(result(await add(theirListener.loadbalancer_listener_id, backend('10.0.0.1'))), [1400, `PermissionDenied, resource [${theirListener.loadbalancer_listener_id}] does not belong to you`])
    assert.deepEqual(result(await add(id, backend('i-nothere'))), [2100, 'ResourceNotFound, resource [i-nothere] not found'])
    assert.deepEqual(result(await add(id, backend((await insertInstance(t, { zone_id: 'sh1a' })).instance_id))).slice(0, 1), [2100])
    const theirInstance = await insertInstance(t, { owner: t.admin.user_id })
    assert.deepEqual(result(await add(id, backend(theirInstance.instance_id))), [1400, `PermissionDenied, resource [${theirInstance.instance_id}] does not belong to you`])
    const terminated = await insertInstance(t, { status: 'terminated' })
    assert.deepEqual(result(await add(id, backend(terminated.instance_id))), [1400, `PermissionDenied, instance [${terminated.instance_id}] has been terminated, can not be a backend`])
    assert.deepEqual(result(await add(id, backend('rtr-nothere'))), [2100, 'ResourceNotFound, resource [rtr-nothere] not found'])
    const theirRouter = await insertRouter(t, { owner: t.admin.user_id })
    assert.deepEqual(result(await add(id, backend(theirRouter.router_id))), [1400, `PermissionDenied, resource [${theirRouter.router_id}] does not belong to you`])
    const deletedRouter = await insertRouter(t, { status: 'deleted' })
    assert.deepEqual(result(await add(id, backend(deletedRouter.router_id))), [1400, `PermissionDenied, router [${deletedRouter.router_id}] has been deleted, can not be a backend`])
    assert.deepEqual(result(await add(id, backend('10.0.0.1', { loadbalancer_policy_id: 'lbp-nothere' }))), [2100, 'ResourceNotFound, resource [lbp-nothere] not found'])
    const theirPolicy = await insertPolicy(t, { owner: t.admin.user_id })
    assert.deepEqual(result(await add(id, backend('10.0.0.1', { loadbalancer_policy_id: theirPolicy }))), [1400, `PermissionDenied, resource [${theirPolicy}] does not belong to you`])
    const goneLb = await insertLoadBalancer(t, { status: 'deleted' })
    const orphan = await insertListener(t, goneLb)
    assert.deepEqual(result(await add(orphan.loadbalancer_listener_id, backend('10.0.0.1'))), [1400, `PermissionDenied, loadbalancer [${goneLb.loadbalancer_id}] has been deleted, its listeners and backends can not change`])
    assert.deepEqual(await backendsOfListener(t, id), [])
  })
})
