// Listeners and backends under parallel requests: every change locks the load balancer row first
// (listener-access.ts), so on PostgreSQL parallel listeners never share a port, parallel backends
// never repeat a resource and port on a listener, and a backend added while its listener is deleted
// either lands before the delete (and goes with it) or is refused (2100), never left behind.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { backendsOfListener, insertListener, insertLoadBalancer, listenersOfLb } from '../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('listeners and backends under parallel requests', () => {
  it('lets one of several parallel listeners on one port through, the others get 2110', async () => {
    const lb = await insertLoadBalancer(t)
    const replies = await Promise.all(Array.from({ length: 8 }, () => t.call('AddLoadBalancerListeners', { loadbalancer: lb.loadbalancer_id, listeners: [{ listener_port: 80, listener_protocol: 'tcp' }] })))
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 2110, 2110, 2110, 2110, 2110, 2110, 2110])
    assert.equal((await listenersOfLb(t, lb.loadbalancer_id)).length, 1)
  })

  it('adds a resource and port to a listener once under parallel requests', async () => {
    const listener = await insertListener(t, await insertLoadBalancer(t))
    const replies = await Promise.all(Array.from({ length: 8 }, () => t.call('AddLoadBalancerBackends', { loadbalancer_listener: listener.loadbalancer_listener_id, backends: [{ resource_id: '10.0.0.5', port: 80 }] })))
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 2110, 2110, 2110, 2110, 2110, 2110, 2110])
    assert.equal((await backendsOfListener(t, listener.loadbalancer_listener_id)).length, 1)
  })

  it('leaves no backend without its listener when backends are added while the listener is deleted', async () => {
    for (let round = 0; round < 5; round++) {
      const listener = await insertListener(t, await insertLoadBalancer(t))
      const [added, deleted] = await Promise.all([
        t.call('AddLoadBalancerBackends', { loadbalancer_listener: listener.loadbalancer_listener_id, backends: [{ resource_id: '10.0.0.5', port: 80 }] }),
        t.call('DeleteLoadBalancerListeners', { loadbalancer_listeners: [listener.loadbalancer_listener_id] }),
      ])
      assert.equal(deleted.ret_code, 0, deleted.message)
      assert.ok(added.ret_code === 0 || added.ret_code === 2100, `${added.ret_code} ${added.message}`)
      assert.deepEqual(await backendsOfListener(t, listener.loadbalancer_listener_id), [])
    }
  })
})
