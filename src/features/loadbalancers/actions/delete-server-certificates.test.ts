// DeleteServerCertificates: deletes at once (no job) and answers the ids; terraform reads an empty
// set afterwards. A certificate a listener presents → 5400 naming the listener, nothing deleted;
// another user's → 1400, unknown → 2100, repeated or none → 1100.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { insertListener, insertLoadBalancer, presentCertificates } from '../../../../test/support/lb-fixtures.ts'
import { createCertificate } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const describeIds = async (ids: string[]) => ok(await t.call('DescribeServerCertificates', { server_certificates: ids, verbose: 0 })).server_certificate_set.map((c: { server_certificate_id: string }) => c.server_certificate_id)

describe('DeleteServerCertificates', () => {
  it('deletes the certificates at once and answers their ids; they are gone from Describe', async () => {
    const [a, b, c] = [await createCertificate(t), await createCertificate(t), await createCertificate(t)]
    const reply = ok(await t.call('DeleteServerCertificates', { server_certificates: [a, b] }))
    assert.deepEqual([reply.action, reply.server_certificates, reply.job_id], ['DeleteServerCertificatesResponse', [a, b], undefined])
    assert.deepEqual(await describeIds([a!, b!, c!]), [c])
    assert.equal(ok(await t.call('DescribeServerCertificates', {})).total_count, 1)
  })

  it('refuses a certificate a listener presents (5400 naming the listener) and deletes none of those asked', async () => {
    const [used, free] = [await createCertificate(t), await createCertificate(t)]
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb, { listener_protocol: 'https', listener_port: 443, backend_protocol: 'http' })
    await presentCertificates(t, listener.loadbalancer_listener_id, [used])
    const r = await t.call('DeleteServerCertificates', { server_certificates: [free, used] })
    assert.deepEqual([r.ret_code, r.message], [5400, `ResourceDependence, server certificate [${used}] is still used by listener [${listener.loadbalancer_listener_id}], dissociate it from the listener first`])
    assert.deepEqual((await describeIds([free!, used!])).sort(), [free, used].sort())
    // once the listener no longer presents it, it goes
    await t.store.db.deleteFrom('loadbalancer_listener_certificates').where('server_certificate_id', '=', used).execute()
    ok(await t.call('DeleteServerCertificates', { server_certificates: [used] }))
  })

  it('answers 1400 for another user’s, 2100 for an unknown one, 1100 for a repeated id or none; nothing deleted', async () => {
    const mine = await createCertificate(t)
    const other = await payingUser(t, 0)
    const theirs = await createCertificate(t, {}, other.key)
    const r1 = await t.call('DeleteServerCertificates', { server_certificates: [mine, theirs] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('DeleteServerCertificates', { server_certificates: [mine, 'sc-nothere1'] })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [sc-nothere1] not found'])
    const r3 = await t.call('DeleteServerCertificates', { server_certificates: [mine, mine] })
    assert.deepEqual([r3.ret_code, r3.message], [1100, `InvalidRequestFormat, parameter server_certificates lists [${mine}] more than once`])
    const r4 = await t.call('DeleteServerCertificates', {})
    assert.deepEqual([r4.ret_code, r4.message], [1100, 'InvalidRequestFormat, missing parameter server_certificates'])
    assert.deepEqual(await describeIds([mine]), [mine])
    assert.equal(ok(await t.call('DescribeServerCertificates', { server_certificates: [theirs] }, { key: other.key })).total_count, 1)
  })
})
