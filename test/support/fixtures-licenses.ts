// License helpers for tests: a vendor key pair made with node:crypto, and certificates signed with
// it. `signCertificate` builds the document by hand (keys sorted, no whitespace, Ed25519 over it),
// so the tests pin the certificate format instead of trusting the code under test to produce it.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import type { TestApp } from './harness.ts'
import { ok } from './harness.ts'

export interface VendorKeys {
  privateKey: KeyObject
  /** SPKI PEM, for config licensePublicKey. */
  publicPem: string
  privatePem: string
}

export function vendorKeys(): VendorKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
}

export type LicenseFields = {
  licensee: string
  platform_id: string
  issued: string
  expires: string
  max_hosts: number
  features: string[]
}

/** A license for the default platform (`qinglocal`), valid for a year from the harness's start time. */
export const LICENSE: LicenseFields = {
  licensee: 'Example Ops',
  platform_id: 'qinglocal',
  issued: '2026-01-01T00:00:00Z',
  expires: '2027-01-01T00:00:00Z',
  max_hosts: 10,
  features: ['warehouse'],
}

/** The canonical JSON of a flat license: keys sorted, no whitespace (features is the only list). */
export function canonical(license: Record<string, unknown>): string {
  return `{${Object.keys(license)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(license[k])}`)
    .join(',')}}`
}

/** A certificate for `license` signed with `key`, as pretty JSON (how `license issue` prints it). */
export function signCertificate(key: KeyObject, license: Record<string, unknown> = LICENSE): string {
  const signature = sign(null, Buffer.from(canonical(license), 'utf8'), key).toString('base64')
  return JSON.stringify({ license, signature }, null, 2)
}

export async function loadLicense(t: TestApp, certificate: string) {
  return t.admin_call('LoadLicense', { license: certificate })
}

export async function describeLicense(t: TestApp) {
  return ok(await t.admin_call('DescribeLicense'))
}
