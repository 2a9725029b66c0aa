// ModifyServerCertificateAttributes: name and description, terraform's single space clearing them;
// the PEM texts stay; another user's → 1400, unknown → 2100, missing → 1100.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createCertificate, pem } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const shown = async (id: string) => ok(await t.call('DescribeServerCertificates', { server_certificates: [id] })).server_certificate_set[0]

describe('ModifyServerCertificateAttributes', () => {
  it('renames and describes, then clears both with a single space as terraform does; the PEM texts stay', async () => {
    const id = await createCertificate(t, { server_certificate_name: 'old' })
    const reply = ok(await t.call('ModifyServerCertificateAttributes', { server_certificate: id, server_certificate_name: 'new', description: 'the shop' }))
    assert.equal(reply.action, 'ModifyServerCertificateAttributesResponse')
    let c = await shown(id)
    assert.deepEqual([c.server_certificate_name, c.description, c.certificate_content, c.private_key], ['new', 'the shop', pem('rsa.crt'), pem('rsa.key')])
    ok(await t.call('ModifyServerCertificateAttributes', { server_certificate: id, description: 'again' }))
    assert.deepEqual([(await shown(id)).server_certificate_name, (await shown(id)).description], ['new', 'again'])
    ok(await t.call('ModifyServerCertificateAttributes', { server_certificate: id, server_certificate_name: ' ', description: ' ' }))
    c = await shown(id)
    assert.deepEqual([c.server_certificate_name, c.description], ['', null])
    ok(await t.call('ModifyServerCertificateAttributes', { server_certificate: id, description: 'x' }))
    ok(await t.call('ModifyServerCertificateAttributes', { server_certificate: id, description: '' }))
    assert.equal((await shown(id)).description, null)
  })

  it('answers 1400 for another user’s certificate, 2100 for an unknown one, 1100 for none or a long name', async () => {
    const other = await payingUser(t, 0)
    const theirs = await createCertificate(t, { server_certificate_name: 'theirs' }, other.key)
    const r1 = await t.call('ModifyServerCertificateAttributes', { server_certificate: theirs, server_certificate_name: 'mine' })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r2 = await t.call('ModifyServerCertificateAttributes', { server_certificate: 'sc-nothere1', server_certificate_name: 'x' })
    assert.deepEqual([r2.ret_code, r2.message], [2100, 'ResourceNotFound, resource [sc-nothere1] not found'])
    const r3 = await t.call('ModifyServerCertificateAttributes', { server_certificate_name: 'x' })
    assert.deepEqual([r3.ret_code, r3.message], [1100, 'InvalidRequestFormat, missing parameter server_certificate'])
    const id = await createCertificate(t)
    const r4 = await t.call('ModifyServerCertificateAttributes', { server_certificate: id, description: 'd'.repeat(1025) })
    assert.deepEqual([r4.ret_code, r4.message], [1100, 'InvalidRequestFormat, parameter description has an invalid length'])
    const theirRow = ok(await t.call('DescribeServerCertificates', { server_certificates: [theirs] }, { key: other.key })).server_certificate_set[0]
    assert.equal(theirRow.server_certificate_name, 'theirs')
  })
})
