// CreateServerCertificate: a POST with the PEM texts in the form body; certificate and key parsed
// and matched (RSA, EC, a chain, an expired certificate), each problem a 1100 naming it, nothing
// stored on failure; the key sealed in the store.
import assert from 'node:assert/strict'
import { createPrivateKey } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createCertificate, pem } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const certificateRow = (id: string) => t.store.db.selectFrom('server_certificates').selectAll().where('server_certificate_id', '=', id).executeTakeFirstOrThrow()
const countRows = async () => (await t.store.db.selectFrom('server_certificates').select('server_certificate_id').execute()).length
const create = (params: Record<string, unknown>) => t.call('CreateServerCertificate', params, { method: 'POST' })

describe('CreateServerCertificate', () => {
  it('stores an RSA certificate sent as a POST form body and answers its sc- id; the key is sealed, the certificate as given', async () => {
    const reply = ok(await create({ server_certificate_name: 'web', certificate_content: pem('rsa.crt'), private_key: pem('rsa.key') }))
    assert.equal(reply.action, 'CreateServerCertificateResponse')
    assert.match(reply.server_certificate_id, /^sc-[a-z0-9]+$/)
    const row = await certificateRow(reply.server_certificate_id)
    assert.deepEqual([row.owner, row.zone_id, row.server_certificate_name, row.description, row.certificate_content], [t.user.user_id, 'pek3a', 'web', null, pem('rsa.crt')])
    assert.notEqual(row.private_key, pem('rsa.key'))
    assert.ok(!row.private_key.includes('PRIVATE KEY'))
    assert.equal(t.box.open(row.private_key), pem('rsa.key'))
  })

  it('accepts an EC pair, a chain (leaf first) with its leaf’s key, an expired certificate, no name, and a GET', async () => {
    const ec = await createCertificate(t, { certificate_content: pem('ec.crt'), private_key: pem('ec.key') })
    const chain = await createCertificate(t, { certificate_content: pem('chain.crt'), private_key: pem('leaf.key') })
    const expired = await createCertificate(t, { certificate_content: pem('expired.crt'), private_key: pem('expired.key') })
    assert.equal((await certificateRow(chain)).certificate_content, pem('chain.crt'))
    assert.equal((await certificateRow(ec)).server_certificate_name, '')
    assert.equal((await certificateRow(expired)).server_certificate_name, '')
    const get = ok(await t.call('CreateServerCertificate', { certificate_content: pem('rsa.crt'), private_key: pem('rsa.key'), server_certificate_name: ' ' }))
    assert.equal((await certificateRow(get.server_certificate_id)).server_certificate_name, '')
  })

  it('accepts the key as PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY), and Windows line ends', async () => {
    const pkcs1 = createPrivateKey(pem('rsa.key')).export({ type: 'pkcs1', format: 'pem' }) as string
    const sec1 = createPrivateKey(pem('ec.key')).export({ type: 'sec1', format: 'pem' }) as string
    assert.match(pkcs1, /^-----BEGIN RSA PRIVATE KEY-----/)
    assert.match(sec1, /^-----BEGIN EC PRIVATE KEY-----/)
    await createCertificate(t, { private_key: pkcs1 })
    await createCertificate(t, { certificate_content: pem('ec.crt'), private_key: sec1 })
    const crlf = await createCertificate(t, { certificate_content: pem('chain.crt').replaceAll('\n', '\r\n'), private_key: pem('leaf.key').replaceAll('\n', '\r\n') })
    assert.equal(ok(await t.call('DescribeServerCertificates', { server_certificates: [crlf] })).server_certificate_set[0].private_key, pem('leaf.key').replaceAll('\n', '\r\n'))
  })

  it('answers 1100 naming the problem and stores nothing: not a certificate, not a key, a key of another certificate', async () => {
    const before = await countRows()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ private_key: pem('rsa.key') }, 'missing parameter certificate_content'],
      [{ certificate_content: pem('rsa.crt') }, 'missing parameter private_key'],
      [{ certificate_content: 'hello', private_key: pem('rsa.key') }, 'parameter certificate_content is not a PEM certificate (-----BEGIN CERTIFICATE-----)'],
      [{ certificate_content: pem('rsa.key'), private_key: pem('rsa.key') }, 'parameter certificate_content is not a PEM certificate (-----BEGIN CERTIFICATE-----)'],
      [{ certificate_content: pem('rsa.key') + pem('rsa.crt'), private_key: pem('rsa.key') }, 'parameter certificate_content holds something besides PEM certificates'],
      [{ certificate_content: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', private_key: pem('rsa.key') }, 'parameter certificate_content: certificate 1 of 1 is not a valid X.509 certificate'],
      [{ certificate_content: pem('rsa.crt'), private_key: pem('rsa.crt') }, 'parameter private_key is not a PEM private key (-----BEGIN PRIVATE KEY-----)'],
      [{ certificate_content: pem('rsa.crt'), private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }, 'parameter private_key is not a valid private key'],
      [{ certificate_content: pem('rsa.crt'), private_key: pem('rsa.key') + pem('other.key') }, 'parameter private_key must hold exactly one PEM private key and nothing else'],
      [{ certificate_content: pem('rsa.crt'), private_key: pem('other.key') }, 'parameter private_key does not match the certificate [CN=example.test]'],
      [{ certificate_content: pem('ec.crt'), private_key: pem('rsa.key') }, 'parameter private_key does not match the certificate [CN=ec.example.test]'],
      // a chain's key is its first certificate's
      [{ certificate_content: pem('chain.crt'), private_key: pem('rsa.key') }, 'parameter private_key does not match the certificate [CN=leaf.example.test]'],
      [{ certificate_content: pem('rsa.crt'), private_key: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n' }, 'parameter private_key is encrypted, give the key without a passphrase'],
      [{ certificate_content: pem('rsa.crt'), private_key: pem('rsa.key'), server_certificate_name: 'x'.repeat(256) }, 'parameter server_certificate_name has an invalid length'],
      [{ certificate_content: pem('rsa.crt').repeat(60), private_key: pem('rsa.key') }, 'parameter certificate_content has an invalid length'],
    ]
    for (const [params, message] of cases) {
      const reply = await create(params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], message)
    }
    assert.equal(await countRows(), before)
  })

  it('stores the certificate for its caller only, in the zone asked', async () => {
    const id = await createCertificate(t, { zone: 'sh1a' })
    assert.equal((await certificateRow(id)).zone_id, 'sh1a')
    assert.equal(ok(await t.call('DescribeServerCertificates', { server_certificates: [id] })).total_count, 0)
    assert.equal(ok(await t.call('DescribeServerCertificates', { server_certificates: [id], zone: 'sh1a' })).total_count, 1)
  })
})
