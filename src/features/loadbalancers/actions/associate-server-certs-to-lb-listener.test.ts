import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { certificatesOf, insertCertificate, insertListener, insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const associate = (loadbalancer_listener: string, server_certificates: string[]) => t.call('AssociateServerCertsToLBListener', { loadbalancer_listener, server_certificates })
const result = (reply: Record<string, unknown>) => [reply.ret_code, reply.message]

async function httpsListener(protocol = 'https') {
  const lb = await insertLoadBalancer(t)
  const first = await insertCertificate(t)
  const added = await t.call('AddLoadBalancerListeners', { loadbalancer: lb.loadbalancer_id, listeners: [{ listener_port: 443, listener_protocol: protocol, server_certificate_id: first.server_certificate_id }] })
  assert.equal(added.ret_code, 0, added.message)
  await t.store.db.updateTable('loadbalancers').set({ is_applied: 1 }).where('loadbalancer_id', '=', lb.loadbalancer_id).execute()
  return { lb, listener: added.loadbalancer_listeners[0] as string, first: first.server_certificate_id }
}

describe('AssociateServerCertsToLBListener', () => {
  it('adds certificates after those an https or ssl listener presents, once each, and marks the load balancer not applied', async () => {
    const { lb, listener, first } = await httpsListener()
    const [a, b] = [(await insertCertificate(t)).server_certificate_id, (await insertCertificate(t)).server_certificate_id]
    const reply = await associate(listener, [b, first, a])
    assert.deepEqual([reply.ret_code, reply.action], [0, 'AssociateServerCertsToLBListenerResponse'])
    assert.deepEqual(await certificatesOf(t, listener), [first, b, a])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
    const described = await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: [listener] })
    assert.deepEqual(described.loadbalancer_listener_set[0].server_certificate_id, [first, b, a])
    const ssl = await httpsListener('ssl')
    assert.equal((await associate(ssl.listener, [a])).ret_code, 0)
    assert.deepEqual(await certificatesOf(t, ssl.listener), [ssl.first, a])
  })

  it("answers 1400 for a listener of another protocol or another user's, 2100 for what is unknown, 1100 for missing or repeated ids", async () => {
    const { listener, first } = await httpsListener()
    const tcp = await insertListener(t, await insertLoadBalancer(t))
    const cert = (await insertCertificate(t)).server_certificate_id
    assert.deepEqual(result(await associate(tcp.loadbalancer_listener_id, [cert])), [1400, `PermissionDenied, loadbalancer_listener [${tcp.loadbalancer_listener_id}] is tcp, only https and ssl listeners present server certificates`])
    assert.deepEqual(result(await associate('lbl-nothere', [cert])), [2100, 'ResourceNotFound, resource [lbl-nothere] not found'])
    const theirListener = await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id }), { listener_protocol: 'https', backend_protocol: 'http' })
    assert.deepEqual(result(await associate(theirListener.loadbalancer_listener_id, [cert])), [1400, `PermissionDenied, resource [${theirListener.loadbalancer_listener_id}] does not belong to you`])
    assert.deepEqual(result(await associate(listener, ['sc-nothere'])), [2100, 'ResourceNotFound, resource [sc-nothere] not found'])
    const theirCert = (await insertCertificate(t, { owner: t.admin.user_id })).server_certificate_id
    assert.deepEqual(result(await associate(listener, [cert, theirCert])), [1400, `PermissionDenied, resource [${theirCert}] does not belong to you`])
    assert.deepEqual(result(await associate(listener, [cert, cert])), [1100, `InvalidRequestFormat, parameter server_certificates lists [${cert}] more than once`])
    assert.deepEqual(result(await associate(listener, [])), [1100, 'InvalidRequestFormat, missing parameter server_certificates'])
    assert.deepEqual(result(await t.call('AssociateServerCertsToLBListener', { server_certificates: [cert] })), [1100, 'InvalidRequestFormat, missing parameter loadbalancer_listener'])
    const busyLb = await insertLoadBalancer(t, { transition_status: 'updating' })
    const busy = await insertListener(t, busyLb, { listener_protocol: 'https', backend_protocol: 'http' })
    assert.deepEqual(result(await associate(busy.loadbalancer_listener_id, [cert])), [1400, `PermissionDenied, loadbalancer [${busyLb.loadbalancer_id}] is [updating], please try later`])
    assert.deepEqual(await certificatesOf(t, listener), [first])
  })
})
