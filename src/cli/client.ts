// A signed QingCloud API client over node:http: what the CLI, the console and the tests speak.
// node:http rather than fetch: loading undici and waiting for its idle keep-alive socket cost
// `qinglocal call` ~50-100 ms of a ~0.2 s run; one request per connection lets the process end at once.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { rootCause } from '../lib/cause.ts'
import { formatTime, systemClock } from '../lib/clock.ts'
import { sign } from '../protocol/signature.ts'

export interface ClientOptions {
  baseUrl: string
  uri?: string
  accessKeyId: string
  secretAccessKey: string
  method?: 'GET' | 'POST'
  now?: () => Date
  /** PEM certificates an https server is trusted with, besides the system's roots. */
  ca?: string
}

/** Flattens `{ instances: ['a','b'], rules: [{ protocol: 'tcp' }] }` into wire pairs. */
export function flattenParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (name: string, value: unknown) => {
    if (value === undefined || value === null) return
    if (Array.isArray(value)) for (const [i, v] of value.entries()) put(`${name}.${i + 1}`, v)
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) put(`${name}.${k}`, v)
    else out[name] = String(value)
  }
  for (const [k, v] of Object.entries(params)) put(k, v)
  return out
}

export interface SignedRequestParts {
  url: string
  method: 'GET' | 'POST'
  body: string | undefined
  headers: Record<string, string>
  /** ClientOptions.ca, for the connection. */
  ca?: string
}

export function signedRequest(options: ClientOptions, action: string, params: Record<string, unknown>): SignedRequestParts {
  return signedAt(options, options.method ?? 'GET', options.uri ?? '/iaas/', { ...flattenParams(params), action })
}

/** How one control is asked: GET to read, POST to change; its parameters always travel in the signed query. */
export interface ControlCall {
  method?: 'GET' | 'POST'
  params?: Record<string, string>
}

/** A control API request (`/_qinglocal/<name>`): signed the API's way, with no action; a POST's body is left to the caller. */
export function signedControlRequest(options: ClientOptions, name: string, call: ControlCall = {}): SignedRequestParts {
  const path = `/_qinglocal/${name}`
  const query = signedAt(options, 'GET', path, call.params ?? {}, call.method ?? 'GET')
  return { ...query, method: call.method ?? 'GET' }
}

/** `signedMethod`: the method the signature names when it differs from how the parameters travel (a control's POST keeps them in the query). */
function signedAt(options: ClientOptions, method: 'GET' | 'POST', path: string, params: Record<string, string>, signedMethod: 'GET' | 'POST' = method): SignedRequestParts {
  const wire: Record<string, string> = {
    ...params,
    access_key_id: options.accessKeyId,
    signature_method: 'HmacSHA256',
    signature_version: '1',
    version: '1',
    // a client signs with its own wall clock, as the real SDKs do (the server judges it by its base clock)
    time_stamp: formatTime((options.now ?? systemClock.now)()),
  }
  const signature = sign({ method: signedMethod, path, params: wire, secret: options.secretAccessKey })
  const encoded = new URLSearchParams({ ...wire, signature }).toString()
  const parts: SignedRequestParts =
    method === 'GET' ? { url: `${options.baseUrl}${path}?${encoded}`, method, body: undefined, headers: {} } : { url: `${options.baseUrl}${path}`, method, body: encoded, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  return options.ca === undefined ? parts : { ...parts, ca: options.ca }
}

/** No HTTP answer at all (refused, unknown host, reset): names the endpoint and the system's reason. */
export class UnreachableError extends Error {
  constructor(
    readonly endpoint: string,
    cause: unknown,
  ) {
    super(`cannot reach ${endpoint}: ${rootCause(cause)}`, { cause })
  }
}

export async function callApi(options: ClientOptions, action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return await exchange(signedRequest(options, action, params), `${options.baseUrl}${options.uri ?? '/iaas/'}`)
}

/** Asks one control of the control API (`health`, `coverage`, `clock/advance`, …) and returns its JSON reply. */
export async function callControl(options: ClientOptions, name: string, call: ControlCall = {}): Promise<Record<string, unknown>> {
  return await exchange(signedControlRequest(options, name, call), `${options.baseUrl}/_qinglocal/${name}`)
}

async function exchange(request: SignedRequestParts, endpoint: string, stream?: Readable): Promise<Record<string, unknown>> {
  let response: IncomingMessage
  try {
    response = await send(request, stream)
  } catch (error) {
    // the URL without its query: the signed parameters are no help here
    throw new UnreachableError(endpoint, error)
  }
  const text = await readBody(response)
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new Error(`server answered HTTP ${response.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`)
  }
}

/**
 * A control that answers with a file on success (state export): the file streams into `into`, and
 * the result is undefined; a JSON reply (an error) is returned as it is and `into` gets nothing.
 */
export async function downloadControl(options: ClientOptions, name: string, call: ControlCall, into: Writable): Promise<Record<string, unknown> | undefined> {
  const request = signedControlRequest(options, name, call)
  const endpoint = `${options.baseUrl}/_qinglocal/${name}`
  let response: IncomingMessage
  try {
    response = await send(request)
  } catch (error) {
    throw new UnreachableError(endpoint, error)
  }
  if (/^application\/json/.test(String(response.headers['content-type']))) return JSON.parse(await readBody(response)) as Record<string, unknown>
  await pipeline(response, into)
  return undefined
}

/** A control that reads a file from the request body (state import): `body` streams up, `length` bytes of it. */
export async function uploadControl(options: ClientOptions, name: string, call: ControlCall, body: Readable, length: number): Promise<Record<string, unknown>> {
  const request = { ...signedControlRequest(options, name, { ...call, method: 'POST' }), headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) } }
  return await exchange(request, `${options.baseUrl}/_qinglocal/${name}`, body)
}

/** Sends one request on its own connection (no keep-alive); resolves at the response's head. `stream`: a body to pipe instead of request.body. */
async function send(request: SignedRequestParts, stream?: Readable): Promise<IncomingMessage> {
  // node:https (and TLS) loads only for an https endpoint
  const https = request.url.startsWith('https:')
  const requestFn = https ? (await import('node:https')).request : httpRequest
  // an extra CA adds to the system's roots rather than replacing them
  const ca = https && request.ca !== undefined ? [...(await import('node:tls')).rootCertificates, request.ca] : undefined
  return new Promise((resolve, reject) => {
    // a length rather than chunked encoding, as fetch sent it
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) }
    const req = requestFn(request.url, { method: request.method, headers, agent: false, ...(ca && { ca }) }, resolve)
    req.on('error', reject)
    if (stream) stream.on('error', (error) => req.destroy(error)).pipe(req)
    else req.end(request.body)
  })
}

/** The whole body as text; rejects when the connection breaks before its end. */
function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => (text += chunk))
    response.on('end', () => resolve(text))
    response.on('error', reject)
    response.on('aborted', () => reject(new Error('the server closed the connection before the end of its reply')))
  })
}
