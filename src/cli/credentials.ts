// Reads a qingcloud-cli style credentials file (qy_access_key_id, qy_secret_access_key, zone, host,
// port, protocol, uri) for `qinglocal call`.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  zone: string | undefined
  baseUrl: string
  uri: string
}

export function readCredentials(path: string): Credentials {
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
