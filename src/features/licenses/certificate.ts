// The license certificate: a JSON document `{ "license": {...}, "signature": "<base64>" }` where
// the signature is Ed25519 over the canonical JSON of `license` (keys sorted at every level, no
// whitespace, UTF-8). Only the canonical form is signed, so a certificate may be pretty-printed,
// re-indented or have its keys reordered and stay the same certificate (same id, same signature).
// No database, no clock: the CLI (`qinglocal license issue`) and the server share this file.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'

export interface License {
  licensee: string
  /** The platform (config platformId) the license is for. */
  platform_id: string
  /** `YYYY-MM-DDThh:mm:ssZ` */
  issued: string
  /** `YYYY-MM-DDThh:mm:ssZ`; the license is expired from this instant on. */
  expires: string
  /** Hosts the platform may have, counting every zone. */
  max_hosts: number
  features: string[]
}

export interface Certificate {
  license: License
  signature: string
  /** SHA-256 (hex) of the signed bytes: the same certificate, however it is formatted, has one id. */
  license_id: string
}

/** Why a text is not a certificate this platform can accept; `kind` picks the error code. */
export class CertificateError extends Error {
  constructor(
    readonly kind: 'malformed' | 'signature',
    message: string,
  ) {
    super(message)
  }
}

const LICENSE_FIELDS = ['expires', 'features', 'issued', 'licensee', 'max_hosts', 'platform_id'] as const
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const FEATURE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
export const MAX_LICENSE_HOSTS = 1_000_000

/** JSON with object keys sorted at every level and no whitespace: what is signed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const signedBytes = (license: unknown) => Buffer.from(canonicalJson(license), 'utf8')

/** A time the certificate may carry: canonical form and a real calendar instant. */
export function isLicenseTime(text: string): boolean {
  if (!TIME.test(text)) return false
  const d = new Date(text)
  return !Number.isNaN(d.getTime()) && d.toISOString().replace(/\.\d{3}Z$/, 'Z') === text
}

/** The problems of a license body, in words an operator can act on; empty when it is well-formed. */
export function licenseProblems(license: Record<string, unknown>): string[] {
  const problems: string[] = []
  const extra = Object.keys(license).filter((k) => !(LICENSE_FIELDS as readonly string[]).includes(k))
  if (extra.length) problems.push(`unknown field(s) ${extra.join(', ')}`)
  for (const field of LICENSE_FIELDS) if (!(field in license)) problems.push(`missing field ${field}`)
  const { licensee, platform_id, issued, expires, max_hosts, features } = license
  if ('licensee' in license && (typeof licensee !== 'string' || licensee.trim() === '' || licensee.length > 256)) problems.push('licensee must be a non-empty text of at most 256 characters')
  if ('platform_id' in license && (typeof platform_id !== 'string' || platform_id === '' || platform_id.length > 64)) problems.push('platform_id must be a non-empty text of at most 64 characters')
  for (const [name, value] of [
    ['issued', issued],
    ['expires', expires],
  ] as const) {
    if (name in license && (typeof value !== 'string' || !isLicenseTime(value))) problems.push(`${name} must be a time like 2027-01-01T00:00:00Z`)
  }
  if (typeof issued === 'string' && typeof expires === 'string' && isLicenseTime(issued) && isLicenseTime(expires) && expires <= issued) problems.push('expires must be later than issued')
  if ('max_hosts' in license && (typeof max_hosts !== 'number' || !Number.isInteger(max_hosts) || max_hosts < 1 || max_hosts > MAX_LICENSE_HOSTS)) problems.push(`max_hosts must be an integer from 1 to ${MAX_LICENSE_HOSTS}`)
  if ('features' in license && (!Array.isArray(features) || features.length > 64 || !features.every((f) => typeof f === 'string' && FEATURE.test(f)))) {
    problems.push('features must be a list of at most 64 names (letters, digits, dots, dashes, underscores)')
  }
  return problems
}

/**
 * Reads a certificate and checks its signature with the vendor's key. Throws CertificateError:
 * `malformed` when the text is no certificate or the license body is not well-formed, `signature`
 * when the body was changed after signing or another key signed it. The platform id and the
 * expiry are the caller's to judge.
 */
export function verifyCertificate(text: string, vendorKey: KeyObject): Certificate {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new CertificateError('malformed', 'the certificate is not JSON')
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new CertificateError('malformed', 'the certificate must be a JSON object with "license" and "signature"')
  const { license, signature } = doc as Record<string, unknown>
  if (license === null || typeof license !== 'object' || Array.isArray(license)) throw new CertificateError('malformed', 'the certificate has no "license" object')
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) throw new CertificateError('malformed', 'the certificate has no base64 "signature"')
  const raw = Buffer.from(signature, 'base64')
  if (raw.length !== 64) throw new CertificateError('malformed', 'the signature is not an Ed25519 signature (64 bytes)')
  if (!verify(null, signedBytes(license), vendorKey, raw)) {
    throw new CertificateError('signature', 'the signature does not match: the certificate was changed after signing or is signed by another key than the platform trusts')
  }
  const problems = licenseProblems(license as Record<string, unknown>)
  if (problems.length) throw new CertificateError('malformed', `the license is not well-formed: ${problems.join('; ')}`)
  return { license: license as License, signature, license_id: licenseId(license as License) }
}

export const licenseId = (license: License) => createHash('sha256').update(signedBytes(license)).digest('hex')

/** Signs a license with the vendor's private key; the certificate text, pretty-printed. */
export function issueCertificate(license: License, privateKey: KeyObject): string {
  const problems = licenseProblems(license as unknown as Record<string, unknown>)
  if (problems.length) throw new Error(`cannot issue this license: ${problems.join('; ')}`)
  const signature = sign(null, signedBytes(license), privateKey).toString('base64')
  return `${JSON.stringify({ license, signature }, null, 2)}\n`
}

/** A new vendor key pair as PEM texts (PKCS#8 private, SPKI public). */
export function generateVendorKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

/** An Ed25519 public key from PEM. A private key is refused: it must never sit on the platform. */
export function ed25519PublicKey(pem: string): KeyObject {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new Error('this is a private key; the platform needs the public key only')
  const key = createPublicKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`)
  return key
}

export function ed25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`)
  return key
}
