// What reaches the server but never reaches a route: requests Node's HTTP parser refuses (headers
// too large, a body shorter than its Content-Length, bytes that are not HTTP), requests received
// too slowly, CONNECT, an Expect header other than 100-continue, and URLs the router cannot decode.
// Node and fastify answer those 400, 408, 417 or 431, or close the socket; a non-200 makes the
// Python SDK resend and the Go SDK fail to parse, so each gets the standard error body on HTTP 200
// instead (1100, or 1101 for CONNECT as for any method but GET and POST).
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import { type ApiModule, findModule } from './api-module.ts'
import { sendError } from './endpoint.ts'
import { errorBody } from './reply.ts'

/** How long a socket we answered stays open for the client to read the answer before it is destroyed. */
const LINGER_MS = 2000

const newRequestId = () => `req-${randomBytes(8).toString('hex')}`

/** The whole HTTP response for `error`, written straight to a socket; the connection closes after it. */
function rawReply(error: ApiError, requestId: string): string {
  const body = JSON.stringify(errorBody(error))
  return ['HTTP/1.1 200 OK', 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, `x-request-id: ${requestId}`, 'Connection: close', '', body].join('\r\n')
}

const answered = new WeakSet<Duplex>()

/** Writes `error` to the socket once, ends it, and destroys it once the client has had time to read. */
function answerSocket(socket: Duplex, error: ApiError, log: FastifyBaseLogger, reason: string): void {
  if (answered.has(socket) || socket.destroyed) return
  answered.add(socket)
  const requestId = newRequestId()
  log.info({ request_id: requestId, status: 200, ret_code: error.code, reason }, 'request')
  // a socket the client already reset, or one a response has started on, cannot carry another reply
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage
  if (socket.writable && !inFlight?.headersSent) socket.end(rawReply(error, requestId))
  else socket.destroy()
  // destroyed at once, unread request bytes would make the kernel reset the connection under the answer
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

interface ParserError extends Error {
  code?: string
  reason?: string
}

/** What a parser error or timeout means to the client. */
function clientErrorOf(error: ParserError, limits: { bodyLimitBytes: number; receiveTimeoutMs: number }): ApiError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError('InvalidRequestFormat', `request line and headers are larger than ${limits.bodyLimitBytes} bytes`)
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError('InvalidRequestFormat', `the request was not received in full within ${limits.receiveTimeoutMs} ms`)
    case 'HPE_INVALID_EOF_STATE':
      return new ApiError('InvalidRequestFormat', 'the connection ended before the request was complete (a body shorter than its Content-Length?)')
    default:
      return new ApiError('InvalidRequestFormat', `malformed HTTP request: ${error.reason ?? error.code ?? error.message}`)
  }
}

export interface EdgeLimits {
  bodyLimitBytes: number
  /** Node's requestTimeout: the whole request (headers and body) must arrive within it. */
  receiveTimeoutMs: number
}

/** fastify's `clientErrorHandler`: Node's parser refused the bytes or the request came too slowly. */
export function clientErrorHandler(log: FastifyBaseLogger, limits: EdgeLimits) {
  return function onClientError(error: ParserError, socket: Duplex): void {
    // a connection the client reset has nobody to answer
    if (error.code === 'ECONNRESET') return void socket.destroy()
    answerSocket(socket, clientErrorOf(error, limits), log, error.code ?? 'client error')
  }
}

/** Answers CONNECT (which Node hands over as a raw socket) and unknown Expect headers (417 otherwise). */
export function answerOddRequests(server: Server, log: FastifyBaseLogger): void {
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    answerSocket(socket, new ApiError('InvalidRequestMethod', `HTTP method ${request.method} is not supported, use GET or POST`), log, 'CONNECT')
  })
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const error = new ApiError('InvalidRequestFormat', `Expect header [${String(request.headers.expect).slice(0, 64)}] is not supported`)
    const body = JSON.stringify(errorBody(error))
    const requestId = newRequestId()
    log.info({ request_id: requestId, status: 200, ret_code: error.code, reason: 'expect' }, 'request')
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId, connection: 'close' })
    response.end(body)
  })
}

/**
 * fastify's `frameworkErrors`: the router could not decode the path (`/%FF/`, `/iaas/%`: 1100) or a
 * path segment is longer than it matches (no module path is that long: 3300).
 */
export function frameworkErrors(modules: readonly ApiModule[]) {
  return function onFrameworkError(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) {
    reply.header('x-request-id', request.id)
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path
    const apiError =
      error.code === 'FST_ERR_BAD_URL'
        ? new ApiError('InvalidRequestFormat', `path [${shown}] is not valid percent-encoded UTF-8`)
        : findModule(path, modules)
          ? new ApiError('InvalidRequestFormat', `malformed request: ${error.message}`)
          : new ApiError('InvalidAPIModule', `no API module at path [${shown}]`)
    return sendError(request, reply, apiError)
  }
}
