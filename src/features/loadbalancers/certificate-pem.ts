// The checks CreateServerCertificate makes before it stores anything: `certificate_content` is one
// or more PEM certificates and nothing else (the first is the server's own, the rest its chain),
// `private_key` is one unencrypted PEM private key (PKCS#1, SEC1 or PKCS#8), and the key is the
// certificate's. Each failure is a 1100 naming the problem. Node's crypto (OpenSSL) does the parsing;
// an expired certificate is stored (as QingCloud does): the load balancer serves what it is given.
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { ApiError } from '../../errors.ts'

/** A chain of several certificates, and an RSA key of 8192 bits, fit with room to spare. */
export const MAX_CERTIFICATE_LENGTH = 65536
export const MAX_PRIVATE_KEY_LENGTH = 16384

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/g

const invalid = (message: string) => new ApiError('InvalidRequestFormat', message)

/** The leaf certificate of `pem`, every block checked to parse; 1100 otherwise. */
export function parseCertificateChain(pem: string): X509Certificate {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? []
  if (blocks.length === 0) throw invalid('parameter certificate_content is not a PEM certificate (-----BEGIN CERTIFICATE-----)')
  // a key or anything else pasted in with the certificates would be served to every client
  if (pem.replace(CERTIFICATE_BLOCK, '').trim() !== '') throw invalid('parameter certificate_content holds something besides PEM certificates')
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block)
    } catch {
      throw invalid(`parameter certificate_content: certificate ${i + 1} of ${blocks.length} is not a valid X.509 certificate`)
    }
  })
  return certificates[0]!
}

/** Checks `pem` is one unencrypted private key that belongs to `certificate`; 1100 naming what is wrong. */
export function checkPrivateKey(pem: string, certificate: X509Certificate): void {
  const blocks = [...pem.matchAll(KEY_BLOCK)]
  if (blocks.length === 0) throw invalid('parameter private_key is not a PEM private key (-----BEGIN PRIVATE KEY-----)')
  if (blocks.length > 1 || pem.replace(KEY_BLOCK, '').trim() !== '') throw invalid('parameter private_key must hold exactly one PEM private key and nothing else')
  const [block, label] = blocks[0]! as unknown as [string, string]
  // a load balancer has nobody to type the passphrase in
  if (label === 'ENCRYPTED PRIVATE KEY' || block.includes('Proc-Type: 4,ENCRYPTED')) throw invalid('parameter private_key is encrypted, give the key without a passphrase')
  let key
  try {
    key = createPrivateKey(block)
  } catch {
    throw invalid('parameter private_key is not a valid private key')
  }
  if (!certificate.checkPrivateKey(key)) throw invalid(`parameter private_key does not match the certificate [${certificate.subject.replaceAll('\n', ', ')}]`)
}
