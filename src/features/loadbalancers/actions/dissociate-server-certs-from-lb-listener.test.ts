import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { certificatesOf, insertCertificate, insertListener, insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const dissociate = (server_certificates: string[], loadbalancer_listener?: string) => t.call('DissociateServerCertsFromLBListener', { server_certificates, ...(loadbalancer_listener !== undefined && { loadbalancer_listener }) })
const result = (reply: Record<string, unknown>) => [reply.ret_code, reply.message]

/** An https listener presenting `count` new certificates, its load balancer applied. */
async function httpsListener(count: number, lb?: { loadbalancer_id: string }) {
  const owner = lb ?? (await insertLoadBalancer(t))
  const certs = []
  for (let i = 0; i < count; i++) certs.push((await insertCertificate(t)).server_certificate_id)
  const added = await t.call('AddLoadBalancerListeners', { loadbalancer: owner.loadbalancer_id, listeners: [{ listener_port: 443 + (lb ? 1 : 0), listener_protocol: 'https', server_certificate_id: certs.join(',') }] })
  assert.equal(added.ret_code, 0, added.message)
  await t.store.db.updateTable('loadbalancers').set({ is_applied: 1 }).where('loadbalancer_id', '=', owner.loadbalancer_id).execute()
  return { lb: owner, listener: added.loadbalancer_listeners[0] as string, certs }
}

describe('DissociateServerCertsFromLBListener', () => {
  it('takes certificates off one listener, keeping the order of the rest, and marks the load balancer not applied', async () => {
    const { lb, listener, certs } = await httpsListener(3)
    const reply = await dissociate([certs[1]!, certs[0]!], listener)
    assert.deepEqual([reply.ret_code, reply.action], [0, 'DissociateServerCertsFromLBListenerResponse'])
    assert.deepEqual(await certificatesOf(t, listener), [certs[2]])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
  })

  it('without a listener, takes the certificates off every listener that presents them', async () => {
    const shared = (await insertCertificate(t)).server_certificate_id
    const one = await httpsListener(1)
    const two = await httpsListener(1)
    const untouched = await httpsListener(1)
    for (const l of [one, two]) assert.equal((await t.call('AssociateServerCertsToLBListener', { loadbalancer_listener: l.listener, server_certificates: [shared] })).ret_code, 0)
    await t.store.db.updateTable('loadbalancers').set({ is_applied: 1 }).execute()
    assert.equal((await dissociate([shared])).ret_code, 0)
    assert.deepEqual([await certificatesOf(t, one.listener), await certificatesOf(t, two.listener), await certificatesOf(t, untouched.listener)], [one.certs, two.certs, untouched.certs])
    assert.deepEqual([(await loadBalancerOf(t, one.lb.loadbalancer_id)).is_applied, (await loadBalancerOf(t, untouched.lb.loadbalancer_id)).is_applied], [0, 1])
    // a certificate no listener presents: nothing to do
    assert.equal((await dissociate([(await insertCertificate(t)).server_certificate_id])).ret_code, 0)
  })

  it('answers 1400 for the last certificate of an https listener (anywhere) and for a listener of another protocol, 1100 for one it does not present', async () => {
    const { listener, certs } = await httpsListener(1)
    assert.deepEqual(result(await dissociate(certs, listener)), [1400, `PermissionDenied, loadbalancer_listener [${listener}] is https, it needs a server certificate, its last one can not be dissociated`])
    assert.deepEqual(result(await dissociate(certs)), [1400, `PermissionDenied, loadbalancer_listener [${listener}] is https, it needs a server certificate, its last one can not be dissociated`])
    assert.deepEqual(await certificatesOf(t, listener), certs)
    const other = (await insertCertificate(t)).server_certificate_id
    assert.deepEqual(result(await dissociate([other], listener)), [1100, `InvalidRequestFormat, parameter server_certificates: server certificate [${other}] is not presented by loadbalancer_listener [${listener}]`])
    const tcp = await insertListener(t, await insertLoadBalancer(t))
    assert.deepEqual(result(await dissociate([other], tcp.loadbalancer_listener_id)), [1400, `PermissionDenied, loadbalancer_listener [${tcp.loadbalancer_listener_id}] is tcp, only https and ssl listeners present server certificates`])
  })

  it("answers 2100 for what is unknown, 1400 for another user's, 1100 for missing or repeated ids", async () => {
    const { listener, certs } = await httpsListener(2)
    assert.deepEqual(result(await dissociate(['sc-nothere'], listener)), [2100, 'ResourceNotFound, resource [sc-nothere] not found'])
    assert.deepEqual(result(await dissociate(['sc-nothere'])), [2100, 'ResourceNotFound, resource [sc-nothere] not found'])
    assert.deepEqual(result(await dissociate([certs[0]!], 'lbl-nothere')), [2100, 'ResourceNotFound, resource [lbl-nothere] not found'])
    const theirCert = (await insertCertificate(t, { owner: t.admin.user_id })).server_certificate_id
    assert.deepEqual(result(await dissociate([theirCert])), [1400, `PermissionDenied, resource [${theirCert}] does not belong to you`])
    const theirListener = await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id }), { listener_protocol: 'https', backend_protocol: 'http' })
    assert.deepEqual(result(await dissociate([certs[0]!], theirListener.loadbalancer_listener_id)), [1400, `PermissionDenied, resource [${theirListener.loadbalancer_listener_id}] does not belong to you`])
    assert.deepEqual(result(await dissociate([certs[0]!, certs[0]!], listener)), [1100, `InvalidRequestFormat, parameter server_certificates lists [${certs[0]}] more than once`])
    assert.deepEqual(result(await dissociate([], listener)), [1100, 'InvalidRequestFormat, missing parameter server_certificates'])
    assert.deepEqual(await certificatesOf(t, listener), certs)
  })
})
