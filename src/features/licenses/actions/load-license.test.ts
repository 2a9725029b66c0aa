// LoadLicense and DescribeLicense through /admin/: every refusal (4000, 4001, 4002, 4004) with its
// message, the license in force as time passes, and both ways of configuring the trusted key.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeLicense, LICENSE, loadLicense, signCertificate, vendorKeys } from '../../../../test/support/fixtures-licenses.ts'

const vendor = vendorKeys()
const stranger = vendorKeys()

describe('LoadLicense', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { licensePublicKey: vendor.publicPem } })))
  after(() => t.close())

  it('loads a certificate signed by the trusted key and answers the license', async () => {
    const reply = ok(await loadLicense(t, signCertificate(vendor.privateKey)))
    assert.equal(reply.in_force, 1)
    assert.match(reply.license.license_id, /^[0-9a-f]{64}$/)
    assert.deepEqual(
      { ...reply.license, license_id: undefined },
      {
        license_id: undefined,
        licensee: 'Example Ops',
        platform_id: 'qinglocal',
        issued: '2026-01-01T00:00:00Z',
        expires: '2027-01-01T00:00:00Z',
        max_hosts: 10,
        features: ['warehouse'],
        loaded_time: '2026-01-15T08:00:00Z',
      },
    )
  })

  it('4002 for the same certificate again, however it is formatted', async () => {
    const again = await loadLicense(t, signCertificate(vendor.privateKey))
    assert.equal(again.ret_code, 4002)
    assert.match(again.message, /^LicenseAlreadyExisted, license \[[0-9a-f]{64}\] is already loaded \(since 2026-01-15T08:00:00Z\)$/)
    // compact, keys in another order: the signed content is the same, so it is the same certificate
    const doc = JSON.parse(signCertificate(vendor.privateKey))
    const compact = JSON.stringify({ signature: doc.signature, license: Object.fromEntries(Object.entries(doc.license).reverse()) })
    assert.equal((await loadLicense(t, compact)).ret_code, 4002)
  })

  it('4000 for a certificate changed after signing or signed by another key', async () => {
    const doc = JSON.parse(signCertificate(vendor.privateKey, { ...LICENSE, licensee: 'Tampered' }))
    doc.license.max_hosts = 1000
    const tampered = await loadLicense(t, JSON.stringify(doc))
    assert.deepEqual([tampered.ret_code, tampered.message], [4000, 'InvalidLicense, the signature does not match: the certificate was changed after signing or is signed by another key than the platform trusts'])
    const foreign = await loadLicense(t, signCertificate(stranger.privateKey, { ...LICENSE, licensee: 'Foreign' }))
    assert.equal(foreign.ret_code, 4000)
    // a signature of the right length but not over this content
    const swapped = JSON.parse(signCertificate(vendor.privateKey, { ...LICENSE, licensee: 'Other' }))
    swapped.license.licensee = 'Swapped'
    assert.equal((await loadLicense(t, JSON.stringify(swapped))).ret_code, 4000)
  })

  it('4001 for a certificate that has expired by the platform clock', async () => {
    const expired = await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, issued: '2025-01-01T00:00:00Z', expires: '2026-01-15T08:00:00Z' }))
    assert.deepEqual([expired.ret_code, expired.message], [4001, 'LicenseExpired, the license for [Example Ops] expired at 2026-01-15T08:00:00Z'])
  })

  it('4004 for text that is no certificate, a malformed license, or another platform', async () => {
    const cases: Array<[string, string]> = [
      ['not json at all', 'LoadLicenseFailed, the certificate is not JSON'],
      ['[1,2]', 'LoadLicenseFailed, the certificate must be a JSON object with "license" and "signature"'],
      ['{"signature":"AAAA"}', 'LoadLicenseFailed, the certificate has no "license" object'],
      [JSON.stringify({ license: LICENSE, signature: 'not base64!' }), 'LoadLicenseFailed, the certificate has no base64 "signature"'],
      [JSON.stringify({ license: LICENSE, signature: 'AAAA' }), 'LoadLicenseFailed, the signature is not an Ed25519 signature (64 bytes)'],
      [
        signCertificate(vendor.privateKey, { ...LICENSE, max_hosts: 0, expires: 'soon', extra: 1 }),
        'LoadLicenseFailed, the license is not well-formed: unknown field(s) extra; expires must be a time like 2027-01-01T00:00:00Z; max_hosts must be an integer from 1 to 1000000',
      ],
      [signCertificate(vendor.privateKey, { licensee: 'X' }), 'LoadLicenseFailed, the license is not well-formed: missing field expires; missing field features; missing field issued; missing field max_hosts; missing field platform_id'],
      [signCertificate(vendor.privateKey, { ...LICENSE, platform_id: 'another-site' }), 'LoadLicenseFailed, the license is for platform [another-site], this platform is [qinglocal]'],
      ['x'.repeat(16_385), 'LoadLicenseFailed, the certificate is longer than 16384 characters'],
    ]
    for (const [text, message] of cases) {
      const reply = await loadLicense(t, text)
      assert.deepEqual([reply.ret_code, reply.message], [4004, message], text.slice(0, 80))
    }
    // no parameter at all is a malformed request, not a failed load
    assert.equal((await t.admin_call('LoadLicense')).ret_code, 1100)
  })

  it('is for administrators only', async () => {
    assert.equal((await t.admin_call('LoadLicense', { license: signCertificate(vendor.privateKey) }, { key: t.user })).ret_code, 1400)
    assert.equal((await t.admin_call('DescribeLicense', {}, { key: t.user })).ret_code, 1400)
  })
})

describe('DescribeLicense', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { licensePublicKey: vendor.publicPem, unlicensedHosts: 6 } })))
  after(() => t.close())

  it('none → valid → the later expiry wins → expired as the clock passes both', async () => {
    assert.deepEqual(await describeLicense(t), {
      action: 'DescribeLicenseResponse',
      ret_code: 0,
      status: 'none',
      license: null,
      platform_id: 'qinglocal',
      host_count: 4,
      max_hosts: 0,
      unlicensed_hosts: 6,
      host_limit: 6,
    })

    ok(await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, expires: '2026-06-01T00:00:00Z', max_hosts: 20 })))
    const shorter = ok(await loadLicense(t, signCertificate(vendor.privateKey, { ...LICENSE, licensee: 'Short', expires: '2026-03-01T00:00:00Z', max_hosts: 3 })))
    assert.equal(shorter.in_force, 0) // kept, but the later expiry stays in force
    let d = await describeLicense(t)
    assert.deepEqual([d.status, d.license.licensee, d.license.expires, d.max_hosts, d.host_limit], ['valid', 'Example Ops', '2026-06-01T00:00:00Z', 20, 20])

    t.clock.set('2026-06-01T00:00:00Z') // expiry is exclusive: expired at that instant
    d = await describeLicense(t)
    assert.deepEqual([d.status, d.license.licensee, d.license.expires, d.max_hosts, d.host_limit], ['expired', 'Example Ops', '2026-06-01T00:00:00Z', 0, 6])
  })
})

describe('the trusted key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-license-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('can be a PEM file path, or inline PEM with its line breaks written \\n', async () => {
    const path = join(dir, 'vendor.pem')
    writeFileSync(path, vendor.publicPem)
    for (const licensePublicKey of [path, vendor.publicPem.trim().replaceAll('\n', '\\n')]) {
      const t = await startTestApp({ config: { licensePublicKey } })
      try {
        ok(await loadLicense(t, signCertificate(vendor.privateKey)))
        assert.equal((await loadLicense(t, signCertificate(stranger.privateKey))).ret_code, 4000)
      } finally {
        await t.close()
      }
    }
  })

  it('4004 when none is configured, the file is missing, or it is no public key', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /^LoadLicenseFailed, the platform trusts no license key, set licensePublicKey \(QINGLOCAL_LICENSE_PUBLIC_KEY, license_public_key\)$/],
      [join(dir, 'missing.pem'), /^LoadLicenseFailed, licensePublicKey \(.*\) file .*missing\.pem cannot be read: ENOENT/],
      [vendor.privatePem, /^LoadLicenseFailed, licensePublicKey \(.*\) \(inline PEM\) is not an Ed25519 public key in PEM: this is a private key; the platform needs the public key only$/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /^LoadLicenseFailed, licensePublicKey \(.*\) \(inline PEM\) is not an Ed25519 public key in PEM/],
    ]
    for (const [licensePublicKey, message] of cases) {
      const t = await startTestApp({ config: { licensePublicKey } })
      try {
        const reply = await loadLicense(t, signCertificate(vendor.privateKey))
        assert.equal(reply.ret_code, 4004, reply.message)
        assert.match(reply.message, message)
        assert.equal((await describeLicense(t)).status, 'none') // reads keep working
      } finally {
        await t.close()
      }
    }
  })
})
