// QingCloud signature version 1: HMAC over "METHOD\nPATH\nCANONICAL_QUERY". Shared by the server
// (verify), the CLI and the tests (sign). Always computed from decoded parameters, never from the
// raw wire text, because clients differ in how they encode (`+` versus `%20` for a space).
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto'

export type SignatureMethod = 'HmacSHA256' | 'HmacSHA1'
export const signatureMethods: readonly SignatureMethod[] = ['HmacSHA256', 'HmacSHA1']

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/
/** What encodeURIComponent leaves alone but RFC 3986 reserves. */
const SUB_DELIMS_KEPT = /[!'()*]/g

/** RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex, UTF-8 bytes. */
export function percentEncode(s: string): string {
  // most names and values (action names, ids, key ids) need no escaping: no encoder call, no copy
  if (UNRESERVED_ONLY.test(s)) return s
  return encodeURIComponent(s).replace(SUB_DELIMS_KEPT, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

const byName = (a: readonly [string, string], b: readonly [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)

/** Every pair except `signature`, sorted by name in plain code-unit order (`x.10` before `x.2`). */
export function canonicalQuery(pairs: Iterable<readonly [string, string]>): string {
  // once per signed request: one array and one string, no chain of intermediate arrays
  const signed: Array<readonly [string, string]> = []
  for (const pair of pairs) if (pair[0] !== 'signature') signed.push(pair)
  signed.sort(byName)
  let canonical = ''
  for (const [name, value] of signed) canonical += `${canonical === '' ? '' : '&'}${percentEncode(name)}=${percentEncode(value)}`
  return canonical
}

export function stringToSign(method: string, path: string, pairs: Iterable<readonly [string, string]>): string {
  return `${method.toUpperCase()}\n${path}\n${canonicalQuery(pairs)}`
}

/** `secret` as a KeyObject (createSecretKey) when one key signs many requests: the key bytes are not converted again each time. */
export function hmacBase64(secret: string | KeyObject, method: SignatureMethod, text: string): string {
  const algorithm = method === 'HmacSHA1' ? 'sha1' : 'sha256'
  return createHmac(algorithm, secret).update(text, 'utf8').digest('base64')
}

export interface SignInput {
  method: string
  path: string
  params: Record<string, string>
  secret: string
}

/** The base64 signature a client sends for these parameters (`signature_method` picks the hash). */
export function sign({ method, path, params, secret }: SignInput): string {
  const algorithm = (params.signature_method ?? 'HmacSHA256') as SignatureMethod
  return hmacBase64(secret, algorithm, stringToSign(method, path, Object.entries(params)))
}

/**
 * Constant-time comparison of a received signature with the expected one. A space in the received
 * value is read as `+`: a client that forgot to escape `+` in a query string sent a space.
 */
export function signaturesMatch(received: string, expected: string): boolean {
  const a = Buffer.from(received.includes(' ') ? received.replaceAll(' ', '+') : received, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  if (a.length !== b.length) {
    timingSafeEqual(b, b) // spend the same work either way
    return false
  }
  return timingSafeEqual(a, b)
}
