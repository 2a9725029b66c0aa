// HTTPS for `qinglocal serve`: the real SDKs, qingcloud-cli and terraform speak https on 443 by
// default. Either the operator names a certificate and key (--tls-cert/--tls-key, checked by
// config.ts) or asks for a self-signed one (--tls-self-signed): a local CA and a server certificate
// for localhost, 127.0.0.1 and ::1, made once into <data>/tls/ and reused on later starts. The CA's
// private key is thrown away once it has signed: a key left on disk would let anything that gets it
// mint certificates the developer's machine trusts for any name. node:crypto cannot make X.509
// certificates, so @peculiar/x509 (over node's WebCrypto) does; it loads only when TLS is asked for.
import { X509Certificate, createPrivateKey, randomBytes, webcrypto } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.ts'
import { realTimeMs } from './lib/clock.ts'
import { ensurePrivateDir, restrictFiles } from './lib/private-files.ts'

/** What fastify's `https` option takes. */
export interface TlsMaterial {
  cert: string
  key: string
}

export interface ServerTls extends TlsMaterial {
  /** The generated CA certificate's path, for clients to trust (self-signed only). */
  caFile?: string
}

export const TLS_DIR = 'tls'
export const SELF_SIGNED_FILES = { ca: 'ca.pem', cert: 'server.pem', key: 'server.key' } as const
/** The names the self-signed certificate is good for. */
export const SELF_SIGNED_NAMES = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] } as const
const VALID_YEARS = 10

/** Undefined when the server speaks plain http. Self-signed material is generated here when missing or unusable (call it before forking workers). */
export async function serverTls(config: Readonly<Pick<Config, 'tlsCert' | 'tlsKey' | 'tlsSelfSigned' | 'dataDir'>>): Promise<ServerTls | undefined> {
  if (config.tlsCert && config.tlsKey) return { cert: readFileSync(config.tlsCert, 'utf8'), key: readFileSync(config.tlsKey, 'utf8') }
  if (config.tlsSelfSigned) return ensureSelfSigned(config.dataDir)
  return undefined
}

/**
 * `<data>/tls/{ca.pem,server.pem,server.key}`: reused while all three are there, the key fits the
 * certificate, the CA issued it and it has not expired; otherwise made anew (the CA too: its key is
 * not kept, so clients must trust the new ca.pem).
 */
export async function ensureSelfSigned(dataDir: string): Promise<ServerTls> {
  const dir = join(dataDir, TLS_DIR)
  const paths = { ca: join(dir, SELF_SIGNED_FILES.ca), cert: join(dir, SELF_SIGNED_FILES.cert), key: join(dir, SELF_SIGNED_FILES.key) }
  if (!usable(paths)) {
    ensurePrivateDir(dir)
    const made = await generate()
    // each file lands whole (written aside, then renamed), the key 0600 before it holds anything
    for (const [name, text, mode] of [
      ['key', made.key, 0o600],
      ['cert', made.cert, 0o644],
      ['ca', made.ca, 0o644],
    ] as const) {
      const aside = `${paths[name]}.${randomBytes(4).toString('hex')}.tmp`
      writeFileSync(aside, text, { mode, flag: 'wx' })
      renameSync(aside, paths[name])
    }
  }
  // an older key, or one a person loosened, is private again
  restrictFiles([paths.key])
  return { cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8'), caFile: paths.ca }
}

function usable(paths: { ca: string; cert: string; key: string }): boolean {
  if (!existsSync(paths.ca) || !existsSync(paths.cert) || !existsSync(paths.key)) return false
  try {
    const ca = new X509Certificate(readFileSync(paths.ca))
    const cert = new X509Certificate(readFileSync(paths.cert))
    // certificates are checked by clients against their real clocks, never the platform's
    const soon = realTimeMs() + 24 * 3600_000
    return cert.checkPrivateKey(createPrivateKey(readFileSync(paths.key))) && cert.checkIssued(ca) && cert.verify(ca.publicKey) && Date.parse(cert.validTo) > soon && Date.parse(ca.validTo) > soon
  } catch {
    return false
  }
}

async function generate(): Promise<{ ca: string; cert: string; key: string }> {
  // @peculiar/x509 2.x resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill loaded first
  await import('reflect-metadata')
  const x509 = await import('@peculiar/x509')
  const crypto = webcrypto
  x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const notBefore = new Date(realTimeMs() - 3600_000) // a client whose clock is a little behind still accepts it
  const notAfter = new Date(notBefore.getTime() + VALID_YEARS * 365 * 24 * 3600_000)
  const serial = () => `01${randomBytes(15).toString('hex')}` // positive, 16 bytes
  const caKeys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const serverKeys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=QingLocal development CA ${randomBytes(4).toString('hex')}, O=QingLocal`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: algorithm,
    // what strict verifiers (Python 3.13's VERIFY_X509_STRICT) require of a CA
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true), await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey)],
  })
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost, O=QingLocal',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...SELF_SIGNED_NAMES.dns.map((value) => ({ type: 'dns' as const, value })), ...SELF_SIGNED_NAMES.ip.map((value) => ({ type: 'ip' as const, value }))]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  })
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', serverKeys.privateKey))
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString()
  return { ca: ca.toString('pem'), cert: server.toString('pem'), key }
}
