import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertBackend, insertCertificate, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeListeners = (params: Record<string, unknown>, options: { key?: TestApp['user'] } = {}) => t.call('DescribeLoadBalancerListeners', params, options)

describe('DescribeLoadBalancerListeners', () => {
  it('lists the listeners of a load balancer oldest first, every field typed, certificates as an array', async () => {
    const lb = await insertLoadBalancer(t)
    const cert = await insertCertificate(t)
    const reply = await t.call('AddLoadBalancerListeners', {
      loadbalancer: lb.loadbalancer_id,
      listeners: [
        { listener_port: 443, listener_protocol: 'https', backend_protocol: 'http', server_certificate_id: cert.server_certificate_id, timeout: 120, scene: 11 },
        { listener_port: 53, listener_protocol: 'udp', loadbalancer_listener_name: 'dns' },
      ],
    })
    assert.equal(reply.ret_code, 0, reply.message)
    const listed = await describeListeners({ loadbalancer: lb.loadbalancer_id, limit: 20, offset: 0 })
    assert.equal(listed.ret_code, 0, listed.message)
    assert.equal(listed.total_count, 2)
    // added together: same create_time, then by id
    assert.deepEqual(
      listed.loadbalancer_listener_set.map((l: Record<string, unknown>) => l.loadbalancer_listener_id),
      [...reply.loadbalancer_listeners].sort(),
    )
    const byPort = (port: number) => listed.loadbalancer_listener_set.find((l: Record<string, unknown>) => l.listener_port === port)
    const [https, udp] = [byPort(443), byPort(53)]
    assert.deepEqual(https, {
      loadbalancer_listener_id: reply.loadbalancer_listeners[0],
      loadbalancer_listener_name: '',
      loadbalancer_id: lb.loadbalancer_id,
      listener_port: 443,
      listener_protocol: 'https',
      backend_protocol: 'http',
      balance_mode: 'roundrobin',
      session_sticky: '',
      forwardfor: 0,
      healthy_check_method: 'tcp',
      healthy_check_option: '10|5|2|5',
      listener_option: 0,
      tunnel_timeout: 50,
      timeout: 120,
      scene: 11,
      server_certificate_id: [cert.server_certificate_id],
      create_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
    })
    assert.deepEqual([udp.loadbalancer_listener_name, udp.server_certificate_id, 'backends' in udp], ['dns', [], false])
    // search_word: in the id or the name, ignoring case
    const found = await describeListeners({ loadbalancer: lb.loadbalancer_id, search_word: 'DN' })
    assert.deepEqual([found.total_count, found.loadbalancer_listener_set[0].loadbalancer_listener_name], [1, 'dns'])
    assert.equal((await describeListeners({ search_word: https.loadbalancer_listener_id })).total_count, 1)
  })

  it('embeds the backends with port and name at verbose=1, with a status derived from the instance', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const instance = await insertInstance(t, { status: 'stopped' })
    const up = await insertBackend(t, listener, { loadbalancer_backend_name: 'node-1', port: 30080 })
    const down = await insertBackend(t, listener, { resource_id: instance.instance_id, loadbalancer_backend_name: instance.instance_id, port: 30080 })
    const reply = await describeListeners({ loadbalancer_listeners: [listener.loadbalancer_listener_id], verbose: 1 })
    assert.equal(reply.total_count, 1)
    const backends = reply.loadbalancer_listener_set[0].backends
    assert.deepEqual(
      backends.map((b: Record<string, unknown>) => [b.loadbalancer_backend_id, b.loadbalancer_backend_name, b.port, b.weight, b.status, b.loadbalancer_listener_id, b.loadbalancer_id]),
      [
        [up.loadbalancer_backend_id, 'node-1', 30080, 1, 'up', listener.loadbalancer_listener_id, lb.loadbalancer_id],
        [down.loadbalancer_backend_id, instance.instance_id, 30080, 1, 'down', listener.loadbalancer_listener_id, lb.loadbalancer_id],
      ],
    )
    assert.deepEqual((await describeListeners({ loadbalancer_listeners: [listener.loadbalancer_listener_id], verbose: 2 })).loadbalancer_listener_set[0].backends.length, 2)
  })

  it("pages (limit at most 100), and shows only the caller's listeners; an admin names another user with owner", async () => {
    const lb = await insertLoadBalancer(t)
    const mine = []
    for (let port = 1; port <= 5; port++) mine.push(await insertListener(t, lb, { listener_port: port }))
    const page = await describeListeners({ loadbalancer: lb.loadbalancer_id, offset: 1, limit: 2 })
    assert.deepEqual([page.total_count, page.loadbalancer_listener_set.map((l: Record<string, unknown>) => l.listener_port)], [5, [2, 3]])
    assert.equal((await describeListeners({ loadbalancer: lb.loadbalancer_id, limit: 1000 })).loadbalancer_listener_set.length, 5)

    const theirLb = await insertLoadBalancer(t, { owner: t.admin.user_id })
    const theirs = await insertListener(t, theirLb)
    assert.deepEqual(await describeListeners({ loadbalancer_listeners: [theirs.loadbalancer_listener_id, 'lbl-nothere'] }).then((r) => [r.ret_code, r.total_count, r.loadbalancer_listener_set]), [0, 0, []])
    assert.deepEqual((await describeListeners({ loadbalancer: theirLb.loadbalancer_id })).loadbalancer_listener_set, [])
    assert.deepEqual((await describeListeners({ owner: t.admin.user_id })).loadbalancer_listener_set, [])
    const asAdmin = await describeListeners({ owner: t.user.user_id, loadbalancer: lb.loadbalancer_id }, { key: t.admin })
    assert.equal(asAdmin.total_count, 5)
    // another zone's listener is not this zone's
    assert.equal((await describeListeners({ loadbalancer_listeners: [mine[0]!.loadbalancer_listener_id], zone: 'sh1a' })).total_count, 0)
  })

  it('answers 1100 for a bad verbose or offset', async () => {
    assert.deepEqual(await describeListeners({ verbose: 3 }).then((r) => [r.ret_code, r.message]), [1100, 'InvalidRequestFormat, parameter verbose value 3 is out of range, maximum 2'])
    assert.deepEqual(await describeListeners({ offset: -1 }).then((r) => [r.ret_code, r.message]), [1100, 'InvalidRequestFormat, parameter offset value -1 is out of range, minimum 0'])
  })
})
