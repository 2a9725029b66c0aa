// ImportImage's download, run by its job in the background (never inside an API request). It is a
// request made on a user's behalf from inside the platform, so it must not be a way into the
// server's own network (SSRF): every hop's host is resolved here and the connection goes to the
// address that was checked (a `lookup` that refuses non-public addresses, lib/public-address.ts),
// so a name cannot answer one address to the check and another to the connection; redirects are
// followed by hand, at most MAX_REDIRECTS, each hop checked the same way. An administrator may
// allow private sources (QINGLOCAL_IMPORT_ALLOW_PRIVATE_SOURCES).
//
// The whole transfer has one deadline (a server trickling a byte a second is cut off too) and a
// size limit; the body goes to a temporary `.part-…` file renamed into place only when complete.
// Every failure of the source is a SourceFailed whose reason is for the server's log only: what a
// user is told never repeats what the remote answered (no status, size or error text).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { dirname } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { isPublicAddress } from '../../lib/public-address.ts'
import { publish, temporaryName } from './warehouse-files.ts'

/** Redirects followed before a source is given up. */
export const MAX_REDIRECTS = 5

/** The source could not be used: unreachable, refused address, not 2xx, too large, empty, too slow. `reason` is for the log. */
export class SourceFailed extends Error {
  constructor(readonly reason: string) {
    super(`source could not be downloaded: ${reason}`)
  }
}

/** The download was stopped from outside (the server is shutting down): not the source's fault. */
export class DownloadInterrupted extends Error {}

export interface DownloadOptions {
  maxBytes: number
  /** The whole transfer's deadline, redirects included. */
  timeoutMs: number
  /** Loopback, private and other non-public addresses are allowed (an administrator's choice). */
  allowPrivate: boolean
  /** Aborts the transfer (DownloadInterrupted). */
  signal?: AbortSignal
  /** Which addresses may be reached; default: public ones unless allowPrivate. Tests stand a local address in for a public one. */
  isAllowed?: (address: string) => boolean
}

type Allowed = (address: string) => boolean

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1')

const allowedBy = (allowPrivate: boolean): Allowed => (allowPrivate ? () => true : isPublicAddress)

/** True when `url` names its host by an address that is not allowed: checked at request time, no network needed. */
export function refusedLiteralAddress(url: URL, allowPrivate: boolean, allowed: Allowed = allowedBy(allowPrivate)): boolean {
  const host = bare(url.hostname)
  return isIP(host) !== 0 && !allowed(host)
}

/** A `lookup` for http(s).request: resolves, and refuses the connection when any address found is not allowed. */
function checkedLookup(allowed: Allowed): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '')
      const refused = addresses.find((a) => !allowed(a.address))
      if (refused || addresses.length === 0) return callback(new SourceFailed(refused ? `${hostname} resolves to ${refused.address}, which is not allowed` : `${hostname} has no address`), '')
      if (options.all) callback(null, addresses)
      else callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

/** One GET, answered with its response (any status). */
function get(url: URL, allowed: Allowed, signal: AbortSignal): Promise<IncomingMessage> {
  if (refusedLiteralAddress(url, false, allowed)) return Promise.reject(new SourceFailed(`address ${url.hostname} is not allowed`))
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    // agent false: no kept-alive connection is reused, so every hop is resolved and checked anew
    const request = send(url, { method: 'GET', agent: false, lookup: checkedLookup(allowed), signal, headers: { accept: '*/*', 'user-agent': 'qinglocal-import' } }, resolve)
    request.once('error', reject)
    request.end()
  })
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** A reason for the log, in a few words. */
function reasonOf(error: unknown): string {
  if (error instanceof SourceFailed) return error.reason
  const text = error instanceof Error ? error.message : String(error)
  return text.replaceAll(/\s+/g, ' ').slice(0, 200)
}

class TooLarge extends Error {}

/**
 * Downloads `url` to the absolute path `path` (a warehouse file), streaming to a temporary file
 * and stopping at `maxBytes`. Returns the size. Throws SourceFailed for anything the source did,
 * DownloadInterrupted when `signal` aborted it, and the file system's error when the disk failed.
 */
export async function downloadTo(url: URL, path: string, options: DownloadOptions): Promise<number> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline
  const allowed = options.isAllowed ?? allowedBy(options.allowPrivate)
  const failed = (error: unknown) => {
    if (options.signal?.aborted) return new DownloadInterrupted()
    if (deadline.aborted) return new SourceFailed(`no complete answer within ${options.timeoutMs} ms`)
    return error instanceof SourceFailed ? error : new SourceFailed(reasonOf(error))
  }

  let current = url
  let response: IncomingMessage
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new SourceFailed(`redirected to ${current.protocol}`)
    try {
      response = await get(current, allowed, signal)
    } catch (error) {
      throw failed(error)
    }
    const location = response.headers.location
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) break
    response.destroy()
    if (hop >= MAX_REDIRECTS) throw new SourceFailed(`more than ${MAX_REDIRECTS} redirects`)
    try {
      current = new URL(location, current)
    } catch {
      throw new SourceFailed('redirected to an invalid URL')
    }
  }
  // which side failed first: a failure is passed on to the other streams of the pipeline
  let origin: 'download' | 'disk' | undefined
  response.once('error', () => (origin ??= 'download'))
  response.once('aborted', () => (origin ??= 'download'))
  const status = response.statusCode ?? 0
  const declared = Number(response.headers['content-length'] ?? NaN)
  const refuse = (reason: string) => {
    response.destroy()
    return new SourceFailed(reason)
  }
  if (status < 200 || status > 299) throw refuse(`answered HTTP ${status}`)
  if (declared > options.maxBytes) throw refuse(`announced ${declared} bytes, more than the limit`)
  if (declared === 0) throw refuse('empty')

  await mkdir(dirname(path), { recursive: true })
  const temporary = temporaryName(path)
  let bytes = 0
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > options.maxBytes) done(new TooLarge())
      else done(null, chunk)
    },
  })
  const out = createWriteStream(temporary, { flags: 'wx' })
  out.once('error', () => (origin ??= 'disk'))
  try {
    await pipeline(response, count, out, { signal })
  } catch (error) {
    await rm(temporary, { force: true })
    if (error instanceof TooLarge) throw new SourceFailed('more bytes than the limit')
    // the warehouse's disk failed, not the source: that is the server's problem
    if (origin === 'disk' && !signal.aborted) throw error
    throw failed(error)
  }
  if (bytes === 0) {
    await rm(temporary, { force: true })
    throw new SourceFailed('empty')
  }
  await publish(temporary, path)
  return bytes
}
