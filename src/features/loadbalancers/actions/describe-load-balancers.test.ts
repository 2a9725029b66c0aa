// DescribeLoadBalancers: filters (ids, status, search_word, tags, owner), paging, the fields the
// CCM and terraform read at every verbose level, listeners with certificates and backends (their
// status from the instance's state) at verbose ≥ 1, deleted ones kept by id.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne } from '../../../../test/support/fixtures-eips.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { createLoadBalancer, describeLoadBalancer, lbJob } from '../../../../test/support/fixtures-loadbalancers.ts'
import { insertBackend, insertListener, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'
import type { LoadBalancerBackendTable, LoadBalancerListenerTable } from '../../../store/database.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const ids = (reply: Record<string, any>): string[] => reply.loadbalancer_set.map((r: { loadbalancer_id: string }) => r.loadbalancer_id) // eslint-disable-line @typescript-eslint/no-explicit-any

/** A backend of `listener` naming `resource_id` (as the CCM names them: by the instance), port 30080; its id. */
const backendOn = async (listener: LoadBalancerListenerTable, resource_id: string, overrides: Partial<LoadBalancerBackendTable> = {}) =>
  (await insertBackend(t, listener, { resource_id, loadbalancer_backend_name: resource_id, port: 30080, ...overrides })).loadbalancer_backend_id

describe('DescribeLoadBalancers', () => {
  it('lists the caller’s load balancers newest first, filtered by id, status, search_word and tags, and pages them', async () => {
    const { key } = await payingUser(t, 10)
    const a = await createLoadBalancer(t, { loadbalancer_name: 'alpha' }, { key })
    const b = await createLoadBalancer(t, { loadbalancer_name: 'alpha' }, { key })
    t.clock.advance(1000)
    const named = await createLoadBalancer(t, { loadbalancer_name: 'k8s_lb_cluster_default_web' }, { key })
    await lbJob(t, 'StopLoadBalancers', [a], { key })
    const all = ok(await t.call('DescribeLoadBalancers', { limit: 20, offset: 0, verbose: 0 }, { key }))
    assert.equal(all.total_count, 3)
    assert.equal(ids(all)[0], named)
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { loadbalancers: [a, b] }, { key }))).sort(), [a, b].sort())
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { status: ['stopped'] }, { key }))), [a])
    // the CCM's lookup by name
    const byName = ok(await t.call('DescribeLoadBalancers', { status: ['pending', 'active', 'stopped'], search_word: 'k8s_lb_cluster_default_web', verbose: 2 }, { key }))
    assert.deepEqual([byName.total_count, ids(byName)], [1, [named]])
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { search_word: named.slice(3) }, { key }))), [named])
    const paged = ok(await t.call('DescribeLoadBalancers', { offset: 1, limit: 2 }, { key }))
    assert.deepEqual([paged.total_count, paged.loadbalancer_set.length], [3, 2])
    assert.equal(ok(await t.call('DescribeLoadBalancers', { limit: 500 }, { key })).loadbalancer_set.length, 3)

    const tag = ok(await t.call('CreateTag', { tag_name: 'k8s' }, { key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'loadbalancer', resource_id: b }] }, { key }))
    const tagged = ok(await t.call('DescribeLoadBalancers', { tags: [tag] }, { key }))
    assert.deepEqual([tagged.total_count, ids(tagged)], [1, [b]])
    assert.deepEqual(
      tagged.loadbalancer_set[0].tags.map((x: { tag_id: string; tag_name: string }) => [x.tag_id, x.tag_name]),
      [[tag, 'k8s']],
    )
  })

  it('shows listeners with their certificates and backends only at verbose ≥ 1; a backend is up while its instance runs and the load balancer is active', async () => {
    const id = await createLoadBalancer(t)
    const lb = await loadBalancerOf(t, id)
    const listener = await insertListener(t, lb, { loadbalancer_listener_name: 'listener_default_web_', listener_protocol: 'https', backend_protocol: 'http', listener_port: 443 })
    await t.store.db
      .insertInto('loadbalancer_listener_certificates')
      .values([
        { loadbalancer_listener_id: listener.loadbalancer_listener_id, server_certificate_id: 'sc-b', position: 1 },
        { loadbalancer_listener_id: listener.loadbalancer_listener_id, server_certificate_id: 'sc-a', position: 0 },
      ])
      .execute()
    const running = await launchOne(t)
    const stopped = await launchOne(t, 'stopped')
    const up = await backendOn(listener, running)
    const off = await backendOn(listener, stopped)
    const disabled = await backendOn(listener, running, { disabled: 1, port: 30081 })
    const address = await backendOn(listener, '192.168.1.10')
    const gone = await backendOn(listener, 'i-nothere1')

    assert.equal((await describeLoadBalancer(t, id, { verbose: 0 })).listeners, undefined)
    for (const verbose of [1, 2]) {
      const [l] = (await describeLoadBalancer(t, id, { verbose })).listeners
      assert.deepEqual([l.loadbalancer_listener_id, l.loadbalancer_listener_name, l.listener_port, l.server_certificate_id], [listener.loadbalancer_listener_id, 'listener_default_web_', 443, ['sc-a', 'sc-b']])
      assert.deepEqual(
        l.backends.map((b: { loadbalancer_backend_id: string; status: string; port: number }) => [b.loadbalancer_backend_id, b.status, b.port]),
        [
          [up, 'up', 30080],
          [off, 'down', 30080],
          [disabled, 'down', 30081],
          [address, 'up', 30080],
          [gone, 'down', 30080],
        ],
      )
    }
    // a stopped load balancer serves nothing
    await lbJob(t, 'StopLoadBalancers', [id])
    const [l] = (await describeLoadBalancer(t, id)).listeners
    assert.deepEqual(
      l.backends.map((b: { status: string }) => b.status),
      ['down', 'down', 'down', 'down', 'down'],
    )
  })

  it('keeps a deleted load balancer describable by id (deleted, transition ""), out of plain listings', async () => {
    const { key } = await payingUser(t, 10)
    const id = await createLoadBalancer(t, {}, { key })
    await lbJob(t, 'DeleteLoadBalancers', [id], { key })
    const gone = await describeLoadBalancer(t, id, { key, verbose: 0 })
    assert.deepEqual([gone.status, gone.transition_status], ['deleted', ''])
    assert.equal(ok(await t.call('DescribeLoadBalancers', {}, { key })).total_count, 0)
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { status: ['deleted'] }, { key }))), [id])
    // an unknown id is an empty set, not an error
    const unknown = ok(await t.call('DescribeLoadBalancers', { loadbalancers: ['lb-nothere1'] }, { key }))
    assert.deepEqual([unknown.total_count, unknown.loadbalancer_set], [0, []])
  })

  it('shows no one else’s load balancers, except to an admin naming the owner; the caller may name themself', async () => {
    const mine = await payingUser(t, 10)
    const theirs = await payingUser(t, 10)
    const id = await createLoadBalancer(t, {}, { key: theirs.key })
    assert.equal(ok(await t.call('DescribeLoadBalancers', { loadbalancers: [id] }, { key: mine.key })).total_count, 0)
    assert.equal(ok(await t.call('DescribeLoadBalancers', { owner: theirs.user_id }, { key: mine.key })).total_count, 0)
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { owner: theirs.user_id }, { key: theirs.key }))), [id])
    const adminKey = { access_key_id: t.admin.access_key_id, secret_access_key: t.admin.secret_access_key }
    assert.deepEqual(ids(ok(await t.call('DescribeLoadBalancers', { owner: theirs.user_id }, { key: adminKey }))), [id])
  })

  it('answers 1100 naming the parameter for a status load balancers never have or a bad verbose', async () => {
    for (const [params, field] of [
      [{ status: ['running'] }, 'status'],
      [{ verbose: 3 }, 'verbose'],
    ] as const) {
      const reply = await t.call('DescribeLoadBalancers', params)
      assert.equal(reply.ret_code, 1100)
      assert.match(reply.message, new RegExp(`^InvalidRequestFormat, .*${field}`))
    }
  })

  it('has every field the CCM and terraform read, with the JSON type the Go SDK decodes, at verbose 0', async () => {
    const { key } = await payingUser(t, 10)
    const eip = await allocateOne(t, { eip_name: 'k8s_lb_allocate_eip' }, { key })
    const id = await createLoadBalancer(t, { eips: [eip], loadbalancer_name: 'tf', loadbalancer_type: 2, node_count: 2 }, { key })
    const lb = await describeLoadBalancer(t, id, { key, verbose: 0 })
    const expected: Array<[string, string]> = [
      ['loadbalancer_id', 'string'],
      ['loadbalancer_name', 'string'],
      ['loadbalancer_type', 'number'],
      ['node_count', 'number'],
      ['vxnet_id', 'string'],
      ['security_group_id', 'string'],
      ['is_applied', 'number'],
      ['status', 'string'],
      ['transition_status', 'string'],
      ['create_time', 'string'],
      ['status_time', 'string'],
    ]
    for (const [field, type] of expected) assert.equal(typeof lb[field], type, `${field}: ${JSON.stringify(lb[field])}`)
    for (const field of ['private_ips', 'eips', 'cluster', 'tags']) assert.ok(Array.isArray(lb[field]), field)
    assert.doesNotMatch(lb.private_ips[0], /^198\.19\./)
    const addr = ok(await t.call('DescribeEips', { eips: [eip] }, { key })).eip_set[0].eip_addr
    assert.deepEqual(lb.cluster, [{ eip_id: eip, eip_name: 'k8s_lb_allocate_eip', eip_addr: addr }])
    assert.deepEqual([lb.loadbalancer_type, lb.node_count], [2, 2])
  })
})
