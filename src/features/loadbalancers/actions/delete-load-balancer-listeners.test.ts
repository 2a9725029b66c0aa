import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { backendsOfListener, certificatesOf, insertBackend, insertCertificate, insertListener, insertLoadBalancer, listenerRow, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const remove = (ids: string[], options: { key?: TestApp['user'] } = {}) => t.call('DeleteLoadBalancerListeners', { loadbalancer_listeners: ids }, options)

describe('DeleteLoadBalancerListeners', () => {
  it('removes listeners of several load balancers with their backends and certificate bindings, keeping the certificates', async () => {
    const [lb1, lb2] = [await insertLoadBalancer(t), await insertLoadBalancer(t)]
    const cert = await insertCertificate(t)
    const https = (await t.call('AddLoadBalancerListeners', { loadbalancer: lb1.loadbalancer_id, listeners: [{ listener_port: 443, listener_protocol: 'https', server_certificate_id: cert.server_certificate_id }] }))
      .loadbalancer_listeners[0]
    const tcp = await insertListener(t, lb2)
    const kept = await insertListener(t, lb2, { listener_port: 81 })
    await insertBackend(t, tcp)
    const keptBackend = await insertBackend(t, kept)
    await t.store.db.updateTable('loadbalancers').set({ is_applied: 1 }).execute()
    const reply = await remove([https, tcp.loadbalancer_listener_id])
    assert.deepEqual([reply.ret_code, reply.loadbalancer_listeners], [0, [https, tcp.loadbalancer_listener_id]])
    assert.equal(await listenerRow(t, https), undefined)
    assert.equal(await listenerRow(t, tcp.loadbalancer_listener_id), undefined)
    assert.deepEqual(await certificatesOf(t, https), [])
    assert.deepEqual(await backendsOfListener(t, tcp.loadbalancer_listener_id), [])
    assert.deepEqual(await backendsOfListener(t, kept.loadbalancer_listener_id), [keptBackend])
    assert.ok(await t.store.db.selectFrom('server_certificates').select('server_certificate_id').where('server_certificate_id', '=', cert.server_certificate_id).executeTakeFirst())
    assert.deepEqual([(await loadBalancerOf(t, lb1.loadbalancer_id)).is_applied, (await loadBalancerOf(t, lb2.loadbalancer_id)).is_applied], [0, 0])
    assert.equal((await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: [https] })).total_count, 0)
  })

  it("answers 2100 for an unknown listener, 1400 for another user's or a deleted load balancer's, 1100 for one listed twice, and deletes none", async () => {
    const lb = await insertLoadBalancer(t)
    const mine = await insertListener(t, lb)
    const theirs = await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id }))
    const goneLb = await insertLoadBalancer(t, { status: 'deleted' })
    const gone = await insertListener(t, goneLb)
    const cases: Array<[string[], number, string]> = [
      [[mine.loadbalancer_listener_id, 'lbl-nothere'], 2100, 'ResourceNotFound, resource [lbl-nothere] not found'],
      [[mine.loadbalancer_listener_id, theirs.loadbalancer_listener_id], 1400, `PermissionDenied, resource [${theirs.loadbalancer_listener_id}] does not belong to you`],
      [[mine.loadbalancer_listener_id, gone.loadbalancer_listener_id], 1400, `PermissionDenied, loadbalancer [${goneLb.loadbalancer_id}] has been deleted, its listeners and backends can not change`],
      [[mine.loadbalancer_listener_id, mine.loadbalancer_listener_id], 1100, `InvalidRequestFormat, parameter loadbalancer_listeners lists [${mine.loadbalancer_listener_id}] more than once`],
      [[], 1100, 'InvalidRequestFormat, missing parameter loadbalancer_listeners'],
    ]
    for (const [ids, code, message] of cases) assert.deepEqual(await remove(ids).then((r) => [r.ret_code, r.message]), [code, message], ids.join())
    assert.ok(await listenerRow(t, mine.loadbalancer_listener_id))
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 1)
  })
})
