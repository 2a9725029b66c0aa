// Reads a qingcloud-cli style credentials file (qy_access_key_id, qy_secret_access_key, zone, host,
// port, protocol, uri) for `qinglocal call`, and the CA an https server is trusted with.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import type { ClientOptions } from './client.ts'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  zone: string | undefined
  baseUrl: string
  uri: string
  /** PEM certificates trusted besides the system's for an https server (--ca, or the data directory's tls/ca.pem). */
  ca?: string
}

/**
 * The credentials file at `path`; for an https server also the CA to trust: `options.ca` when
 * given, else `tls/ca.pem` beside the file when it is there (the credential files `serve
 * --tls-self-signed` writes sit next to the CA it made), else only the system's roots.
 */
export function readCredentials(path: string, options: { ca?: string } = {}): Credentials {
  const credentials = readCredentialsFile(path)
  if (!credentials.baseUrl.startsWith('https:')) return credentials
  const beside = join(dirname(path), 'tls', 'ca.pem')
  const caFile = options.ca ?? (existsSync(beside) ? beside : undefined)
  if (caFile === undefined) return credentials
  try {
    return { ...credentials, ca: readFileSync(caFile, 'utf8') }
  } catch (error) {
    throw new Error(`cannot read CA file ${caFile}: ${(error as Error).message}`)
  }
}

function readCredentialsFile(path: string): Credentials {
  let doc: Record<string, unknown>
  try {
    doc = parse(readFileSync(path, 'utf8')) ?? {}
  } catch (error) {
    throw new Error(`cannot read credentials file ${path}: ${(error as Error).message}`)
  }
  const accessKeyId = doc.qy_access_key_id
  const secretAccessKey = doc.qy_secret_access_key
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') {
    throw new Error(`credentials file ${path} must set qy_access_key_id and qy_secret_access_key`)
  }
  const protocol = String(doc.protocol ?? 'http')
  const host = String(doc.host ?? '127.0.0.1')
  const port = String(doc.port ?? (protocol === 'https' ? 443 : 80))
  return {
    accessKeyId,
    secretAccessKey,
    zone: typeof doc.zone === 'string' ? doc.zone : undefined,
    baseUrl: `${protocol}://${host}:${port}`,
    uri: String(doc.uri ?? '/iaas/'),
  }
}

/** What the client needs of a credentials file: where, who, and the CA it trusts. */
export function clientOf(credentials: Credentials): ClientOptions {
  return { baseUrl: credentials.baseUrl, uri: credentials.uri, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(credentials.ca !== undefined && { ca: credentials.ca }) }
}
