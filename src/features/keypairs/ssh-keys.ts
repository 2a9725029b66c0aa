// SSH key material: generating real key pairs (CreateKeyPair mode=system) and checking imported
// public keys (mode=user). Public keys are kept in OpenSSH's one-line form ("ssh-rsa AAAA… comment",
// RFC 4253 §6.6 wire encoding in base64). node:crypto does the cryptography; this file only
// translates between its JWK/DER exports and the SSH wire format, which is small enough to do here
// rather than pull in a dependency.
import { createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'

/** The key types QingCloud offers (`encrypt_method`). */
export const KEY_TYPES = ['ssh-rsa', 'ssh-dss', 'ecdsa-sha2-nistp521', 'ssh-ed25519'] as const
export type KeyType = (typeof KEY_TYPES)[number]

export interface GeneratedKeyPair {
  /** OpenSSH one-line public key, ready for authorized_keys. */
  publicKey: string
  /** Unencrypted private key text that `ssh -i` accepts. */
  privateKey: string
}

/** A public key the user supplied could not be accepted; the message says why. */
export class InvalidPublicKey extends Error {}

const RSA_BITS = 2048
// OpenSSH refuses smaller RSA moduli, and only knows DSA with 1024-bit p and 160-bit q
const RSA_MIN_BITS = 1024
const DSA_P_BITS = 1024
const DSA_Q_BITS = 160
const P521_COORDINATE_BYTES = 66

const generateOffLoop = promisify(generateKeyPair)

/**
 * Key generations run in libuv's thread pool (4 threads by default), never on the event loop. At
 * most this many at once, so a burst of CreateKeyPair cannot occupy the whole pool that file I/O
 * and password hashing share; the others wait their turn.
 */
const MAX_PARALLEL_GENERATIONS = 2
let generating = 0
const waiting: Array<() => void> = []

/** Counts key generations begun in this process; tests read it to show a refused request generated nothing. */
export const keyGenerations = { started: 0 }

const generate = (async (...args: Parameters<typeof generateOffLoop>) => {
  if (generating >= MAX_PARALLEL_GENERATIONS) await new Promise<void>((resolve) => waiting.push(resolve))
  else generating++
  keyGenerations.started++
  try {
    return await (generateOffLoop as (...a: unknown[]) => Promise<unknown>)(...args)
  } finally {
    // hand the slot straight to the next waiter, or free it
    const next = waiting.shift()
    if (next) next()
    else generating--
  }
}) as typeof generateOffLoop

// ── SSH wire encoding (RFC 4251 §5) ────────────────────────────────────────────────────────────

class SshWriter {
  private parts: Buffer[] = []
  uint32(n: number): this {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(n)
    this.parts.push(b)
    return this
  }
  string(s: Buffer | string): this {
    const b = typeof s === 'string' ? Buffer.from(s) : s
    return this.uint32(b.length).raw(b)
  }
  /** A non-negative integer given as unsigned big-endian bytes (JWK's encoding). */
  mpint(magnitude: Buffer): this {
    let start = 0
    while (start < magnitude.length && magnitude[start] === 0) start++
    const trimmed = magnitude.subarray(start)
    // two's complement: a set high bit would read as negative, so prefix a zero byte
    return this.string(trimmed.length > 0 && trimmed[0]! & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed)
  }
  raw(b: Buffer): this {
    this.parts.push(b)
    return this
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts)
  }
}

class SshReader {
  private at = 0
  constructor(private readonly b: Buffer) {}
  string(): Buffer {
    if (this.at + 4 > this.b.length) throw new InvalidPublicKey('the key data is truncated')
    const length = this.b.readUInt32BE(this.at)
    const start = this.at + 4
    if (start + length > this.b.length) throw new InvalidPublicKey('the key data is truncated')
    this.at = start + length
    return this.b.subarray(start, this.at)
  }
  /** A positive mpint, as its unsigned magnitude. */
  positiveMpint(name: string): Buffer {
    const v = this.string()
    if (v.length === 0 || v[0]! & 0x80) throw new InvalidPublicKey(`${name} is not a positive integer`)
    let start = 0
    while (start < v.length - 1 && v[start] === 0) start++
    return v.subarray(start)
  }
  end(): void {
    if (this.at !== this.b.length) throw new InvalidPublicKey('the key data has trailing bytes')
  }
}

const fromJwk = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64url')

function bitLength(magnitude: Buffer): number {
  let start = 0
  while (start < magnitude.length && magnitude[start] === 0) start++
  if (start === magnitude.length) return 0
  return (magnitude.length - start - 1) * 8 + (32 - Math.clz32(magnitude[start]!))
}

// ── DER, only as far as node's DSA export needs (it has no JWK form for DSA) ────────────────────

/** The TLV elements directly inside `der` (a SEQUENCE's contents). */
function derChildren(der: Buffer): Array<{ tag: number; value: Buffer }> {
  const out: Array<{ tag: number; value: Buffer }> = []
  let at = 0
  while (at < der.length) {
    const tag = der[at++]!
    let length = der[at++]!
    if (length & 0x80) {
      const octets = length & 0x7f
      length = 0
      for (let i = 0; i < octets; i++) length = length * 256 + der[at++]!
    }
    out.push({ tag, value: der.subarray(at, at + length) })
    at += length
  }
  return out
}

/** p, q, g, y of a DSA public key: SubjectPublicKeyInfo { { oid, { p, q, g } }, BIT STRING { y } }. */
function dsaPublicNumbers(key: KeyObject): { p: Buffer; q: Buffer; g: Buffer; y: Buffer } {
  const [spki] = derChildren(key.export({ type: 'spki', format: 'der' }))
  const [algorithm, bits] = derChildren(spki!.value)
  const [p, q, g] = derChildren(derChildren(algorithm!.value)[1]!.value).map((e) => e.value)
  const [y] = derChildren(bits!.value.subarray(1)) // skip the unused-bits octet
  return { p: p!, q: q!, g: g!, y: y!.value }
}

// ── public keys ────────────────────────────────────────────────────────────────────────────────

/** The SSH wire blob of a public key of one of the offered types. */
function publicBlob(type: KeyType, key: KeyObject): Buffer {
  const w = new SshWriter().string(type)
  if (type === 'ssh-dss') {
    const { p, q, g, y } = dsaPublicNumbers(key)
    return w.mpint(p).mpint(q).mpint(g).mpint(y).toBuffer()
  }
  const jwk = key.export({ format: 'jwk' })
  switch (type) {
    case 'ssh-rsa':
      return w.mpint(fromJwk(jwk.e)).mpint(fromJwk(jwk.n)).toBuffer()
    case 'ecdsa-sha2-nistp521':
      return w
        .string('nistp521')
        .string(Buffer.concat([Buffer.of(4), fromJwk(jwk.x), fromJwk(jwk.y)]))
        .toBuffer()
    case 'ssh-ed25519':
      return w.string(fromJwk(jwk.x)).toBuffer()
  }
}

const oneLine = (type: string, blob: Buffer, comment: string) => `${type} ${blob.toString('base64')}${comment ? ` ${comment}` : ''}`

// ── private keys ───────────────────────────────────────────────────────────────────────────────

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,70}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/**
 * OpenSSH's own private key format (PROTOCOL.key in the OpenSSH sources), unencrypted. Ed25519 needs
 * it: OpenSSH does not read Ed25519 keys from PKCS#8 PEM.
 */
function openSshEd25519PrivateKey(publicKey: KeyObject, privateKey: KeyObject, comment: string): string {
  const pub = fromJwk(publicKey.export({ format: 'jwk' }).x)
  const seed = fromJwk(privateKey.export({ format: 'jwk' }).d)
  const blob = publicBlob('ssh-ed25519', publicKey)
  const check = randomBytes(4).readUInt32BE() // two equal words that show a correct decryption
  const section = new SshWriter()
    .uint32(check)
    .uint32(check)
    .string('ssh-ed25519')
    .string(pub)
    .string(Buffer.concat([seed, pub]))
    .string(comment)
  const unpadded = section.toBuffer()
  const padding = Buffer.from(Array.from({ length: (8 - (unpadded.length % 8)) % 8 }, (_, i) => i + 1))
  const body = new SshWriter()
    .raw(Buffer.from('openssh-key-v1\0'))
    .string('none') // cipher
    .string('none') // kdf
    .string('') // kdf options
    .uint32(1)
    .string(blob)
    .string(Buffer.concat([unpadded, padding]))
    .toBuffer()
  return pem('OPENSSH PRIVATE KEY', body)
}

/**
 * Generates a new key pair of `type`. The private key comes in the PEM form ssh-keygen writes with
 * `-m PEM` (PKCS#1 for RSA, SEC1 for ECDSA, PKCS#8 for DSA) and in OpenSSH's format for Ed25519.
 */
export async function generateSshKeyPair(type: KeyType, comment: string): Promise<GeneratedKeyPair> {
  switch (type) {
    case 'ssh-rsa': {
      const { publicKey, privateKey } = await generate('rsa', { modulusLength: RSA_BITS })
      return { publicKey: oneLine(type, publicBlob(type, publicKey), comment), privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string }
    }
    case 'ssh-dss': {
      const { publicKey, privateKey } = await generate('dsa', { modulusLength: DSA_P_BITS, divisorLength: DSA_Q_BITS })
      return { publicKey: oneLine(type, publicBlob(type, publicKey), comment), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }
    }
    case 'ecdsa-sha2-nistp521': {
      const { publicKey, privateKey } = await generate('ec', { namedCurve: 'P-521' })
      return { publicKey: oneLine(type, publicBlob(type, publicKey), comment), privateKey: privateKey.export({ type: 'sec1', format: 'pem' }) as string }
    }
    case 'ssh-ed25519': {
      const { publicKey, privateKey } = await generate('ed25519')
      return { publicKey: oneLine(type, publicBlob(type, publicKey), comment), privateKey: openSshEd25519PrivateKey(publicKey, privateKey, comment) }
    }
  }
}

export interface ParsedPublicKey {
  type: KeyType
  /** The key as stored: type, base64 blob and the comment if one was given, on one line. */
  line: string
}

const isKeyType = (s: string): s is KeyType => (KEY_TYPES as readonly string[]).includes(s)

/**
 * Checks an OpenSSH one-line public key ("type base64 [comment]") down to the numbers: the blob must
 * decode, name the same type as the line, have exactly the fields of that type, and describe a key
 * node:crypto accepts (an ECDSA point on the curve, an Ed25519 key of 32 bytes, …).
 * Throws InvalidPublicKey with the reason.
 */
export function parsePublicKey(text: string): ParsedPublicKey {
  const fields = text.trim().split(/\s+/)
  if (fields.length < 2) throw new InvalidPublicKey('expected "<type> <base64 key> [comment]" on one line')
  const [typeName, encoded, ...rest] = fields as [string, string, ...string[]]
  if (!isKeyType(typeName)) throw new InvalidPublicKey(`key type [${typeName}] is not supported, use one of ${KEY_TYPES.join(', ')}`)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) throw new InvalidPublicKey('the key data is not valid base64')
  const blob = Buffer.from(encoded, 'base64')
  const r = new SshReader(blob)
  const inner = r.string().toString('latin1')
  if (inner !== typeName) throw new InvalidPublicKey(`the key data is a [${inner}] key, not [${typeName}]`)

  switch (typeName) {
    case 'ssh-rsa': {
      const e = r.positiveMpint('the RSA exponent')
      const n = r.positiveMpint('the RSA modulus')
      r.end()
      if (bitLength(n) < RSA_MIN_BITS) throw new InvalidPublicKey(`the RSA key has ${bitLength(n)} bits, at least ${RSA_MIN_BITS} are required`)
      if (!(e[e.length - 1]! & 1) || bitLength(e) < 2) throw new InvalidPublicKey('the RSA exponent is invalid')
      accept({ kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') })
      break
    }
    case 'ssh-dss': {
      const p = r.positiveMpint('the DSA p')
      const q = r.positiveMpint('the DSA q')
      const g = r.positiveMpint('the DSA g')
      const y = r.positiveMpint('the DSA y')
      r.end()
      if (bitLength(p) !== DSA_P_BITS || bitLength(q) !== DSA_Q_BITS) throw new InvalidPublicKey(`a DSA key must have a ${DSA_P_BITS}-bit p and a ${DSA_Q_BITS}-bit q`)
      const [P, G, Y] = [p, g, y].map((b) => BigInt(`0x${b.toString('hex')}`)) as [bigint, bigint, bigint]
      if (G <= 1n || G >= P || Y <= 1n || Y >= P) throw new InvalidPublicKey('the DSA numbers are out of range')
      break
    }
    case 'ecdsa-sha2-nistp521': {
      const curve = r.string().toString('latin1')
      const point = r.string()
      r.end()
      if (curve !== 'nistp521') throw new InvalidPublicKey(`the key data names curve [${curve}], not nistp521`)
      if (point.length !== 1 + 2 * P521_COORDINATE_BYTES || point[0] !== 4) throw new InvalidPublicKey('the ECDSA point is not an uncompressed P-521 point')
      const x = point.subarray(1, 1 + P521_COORDINATE_BYTES)
      const y = point.subarray(1 + P521_COORDINATE_BYTES)
      accept({ kty: 'EC', crv: 'P-521', x: x.toString('base64url'), y: y.toString('base64url') })
      break
    }
    case 'ssh-ed25519': {
      const pub = r.string()
      r.end()
      if (pub.length !== 32) throw new InvalidPublicKey(`an Ed25519 key has 32 bytes, not ${pub.length}`)
      accept({ kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') })
      break
    }
  }
  return { type: typeName, line: oneLine(typeName, blob, rest.join(' ')) }
}

/** Lets OpenSSL check the numbers (points on the curve and the like). */
function accept(jwk: Record<string, string>): void {
  try {
    createPublicKey({ key: jwk, format: 'jwk' })
  } catch {
    throw new InvalidPublicKey('the key numbers do not form a valid key')
  }
}
