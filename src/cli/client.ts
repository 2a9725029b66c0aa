// A signed QingCloud API client over node:http: what the CLI, the console and the tests speak.
// node:http rather than fetch: loading undici and waiting for its idle keep-alive socket cost
// `qinglocal call` ~50-100 ms of a ~0.2 s run; one request per connection lets the process end at once.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { rootCause } from '../lib/cause.ts'
import { formatTime } from '../lib/clock.ts'
import { sign } from '../protocol/signature.ts'

export interface ClientOptions {
  baseUrl: string
  uri?: string
  accessKeyId: string
  secretAccessKey: string
  method?: 'GET' | 'POST'
  now?: () => Date
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
}

export function signedRequest(options: ClientOptions, action: string, params: Record<string, unknown>): SignedRequestParts {
  return signedAt(options, options.method ?? 'GET', options.uri ?? '/iaas/', { ...flattenParams(params), action })
}

/** A control API request (`/_qinglocal/<name>`): a GET signed the same way, with no action. */
export function signedControlRequest(options: ClientOptions, name: string): SignedRequestParts {
  return signedAt(options, 'GET', `/_qinglocal/${name}`, {})
}

function signedAt(options: ClientOptions, method: 'GET' | 'POST', path: string, params: Record<string, string>): SignedRequestParts {
  const wire: Record<string, string> = {
    ...params,
    access_key_id: options.accessKeyId,
    signature_method: 'HmacSHA256',
    signature_version: '1',
    version: '1',
    time_stamp: formatTime((options.now ?? (() => new Date()))()),
  }
  const signature = sign({ method, path, params: wire, secret: options.secretAccessKey })
  const encoded = new URLSearchParams({ ...wire, signature }).toString()
  return method === 'GET'
    ? { url: `${options.baseUrl}${path}?${encoded}`, method, body: undefined, headers: {} }
    : { url: `${options.baseUrl}${path}`, method, body: encoded, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
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

/** Asks one control of the control API (`health`, `coverage`) and returns its JSON reply. */
export async function callControl(options: ClientOptions, name: string): Promise<Record<string, unknown>> {
  return await exchange(signedControlRequest(options, name), `${options.baseUrl}/_qinglocal/${name}`)
}

async function exchange(request: SignedRequestParts, endpoint: string): Promise<Record<string, unknown>> {
  let response: IncomingMessage
  try {
    response = await send(request)
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

/** Sends one request on its own connection (no keep-alive); resolves at the response's head. */
async function send(request: SignedRequestParts): Promise<IncomingMessage> {
  // node:https (and TLS) loads only for an https endpoint
  const requestFn = request.url.startsWith('https:') ? (await import('node:https')).request : httpRequest
  return new Promise((resolve, reject) => {
    // a length rather than chunked encoding, as fetch sent it
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) }
    const req = requestFn(request.url, { method: request.method, headers, agent: false }, resolve)
    req.on('error', reject)
    req.end(request.body)
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
