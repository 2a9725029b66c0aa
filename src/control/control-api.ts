// The control API: QingLocal's own switches for the emulator, under one reserved path prefix
// (/_qinglocal/) that no API module can take. Every control is a GET signed the QingCloud way by an
// administrator's key (the signed query string carries no action); anyone else who signs correctly
// gets 1400, a bad signature 1200. Requests from a non-loopback address are refused with 1400 before
// the signature is read, unless `controlFromAnywhere` is set. A control reads with GET and changes
// state with POST; its parameters are always in the signed query string (a POST's body is data the
// control reads itself, such as a state file, never form parameters), and a parameter it does not
// declare is refused. Replies are HTTP 200 JSON with a ret_code, as the API's are, except a control
// that streams a file back (state export) on success.
import type { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import { adminOnly } from '../features/accounts/admin-only.ts'
import { type ApiModule, moduleOf } from '../protocol/api-module.ts'
import { type Authenticate, sendError } from '../protocol/endpoint.ts'
import { buildTree, readPairs } from '../protocol/params.ts'
import type { MaybePromise } from '../lib/maybe-promise.ts'
import type { Store } from '../store/store.ts'

export const CONTROL_PREFIX = '/_qinglocal/'

/** What a control is given: its parameters (the signed query's, without the signature's own) and the request body. */
export interface ControlInput {
  params: Readonly<Record<string, string>>
  /** The request's body, unread (POST controls that take a file); empty for GET. */
  body: Readable
}

/** A control's answer that is a file, not JSON (state export): sent as it streams. */
export interface StreamedReply {
  stream: Readable
  contentType: string
  /** Offered to the client as the file's name (content-disposition). */
  fileName: string
}

export interface Control {
  /** GET reads, POST changes state. */
  method: 'GET' | 'POST'
  /** The parameters it takes; any other is refused with 1100. */
  params?: readonly string[]
  /** The fields next to ret_code 0, or a file. */
  run(input: ControlInput): Promise<Record<string, unknown> | StreamedReply>
}

/** The parameters of the signature itself, never a control's. */
const SIGNATURE_PARAMS = new Set(['access_key_id', 'signature', 'signature_method', 'signature_version', 'version', 'time_stamp', 'expires'])

export function isStreamedReply(answer: Record<string, unknown> | StreamedReply): answer is StreamedReply {
  return typeof (answer as StreamedReply).stream?.pipe === 'function'
}

export interface ControlDeps {
  store: Store
  /** Brings the clock up to the epoch just refreshed (features/virtual-clock), as the API's endpoint does. */
  syncClock: () => MaybePromise<void>
  /** The API's signature authenticator (app.ts): controls are signed like /admin/ requests. */
  signature: Authenticate
  /** Answer non-loopback addresses too (config controlFromAnywhere). */
  fromAnywhere: boolean
  controls: Record<string, Control>
}

// the authenticator wants a module: the control API is one with no actions of the API's kind
const CONTROL_MODULE: ApiModule = moduleOf('_qinglocal', [])

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

export function registerControls(app: FastifyInstance, deps: ControlDeps): void {
  const admin = adminOnly(deps.signature)
  const names = Object.keys(deps.controls).sort()

  const admitted = async (request: FastifyRequest, name: string) => {
    if (!deps.fromAnywhere && !isLoopback(request.socket.remoteAddress)) {
      throw new ApiError('PermissionDenied', `the control API answers loopback addresses only, not [${request.socket.remoteAddress ?? 'unknown'}]; set controlFromAnywhere (QINGLOCAL_CONTROL_FROM_ANYWHERE) to allow others`)
    }
    const url = request.raw.url ?? '/'
    const query = url.indexOf('?')
    const path = query < 0 ? url : url.slice(0, query)
    const pairs = readPairs(query < 0 ? '' : url.slice(query + 1))
    // the admin check names what was asked for; the signature covers the pairs, not this tree
    const tree = { ...buildTree(pairs), action: `${CONTROL_PREFIX}${name}` }
    // keys, roles and statuses as committed now, as the API reads them (store/cache-epoch.ts)
    const refreshing = deps.store.epoch.refresh(request.arrivedAt)
    if (refreshing) await refreshing
    await deps.syncClock()
    await admin({ method: request.method, path, pairs, tree, requestId: request.id, cookies: {}, bearer: undefined, csrf: undefined }, CONTROL_MODULE)
    return pairs
  }

  /** The control's own parameters out of the signed pairs: each once, each declared. */
  const controlParams = (name: string, control: Control, pairs: ReadonlyArray<readonly [string, string]>) => {
    const params: Record<string, string> = {}
    for (const [key, value] of pairs) {
      if (SIGNATURE_PARAMS.has(key)) continue
      if (!control.params?.includes(key)) {
        const takes = control.params?.length ? `it takes ${control.params.join(', ')}` : 'it takes none'
        throw new ApiError('InvalidRequestFormat', `control [${name}] has no parameter [${key}]; ${takes}`)
      }
      if (key in params) throw new ApiError('InvalidRequestFormat', `parameter [${key}] is given twice`)
      params[key] = value
    }
    return params
  }

  const answer = (reply: FastifyReply, fields: Record<string, unknown>) =>
    reply
      .code(200)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ ...fields, ret_code: 0 }))

  // controls read their bodies themselves (a state file may be larger than any body limit): no parser runs
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined))
    for (const name of names) {
      const control = deps.controls[name] as Control
      scope.route({
        method: control.method,
        url: `${CONTROL_PREFIX}${name}`,
        handler: async (request, reply) => {
          try {
            const pairs = await admitted(request, name)
            const answered = await control.run({ params: controlParams(name, control, pairs), body: request.raw })
            if (!isStreamedReply(answered)) return answer(reply, answered)
            return reply.code(200).type(answered.contentType).header('content-disposition', `attachment; filename="${answered.fileName}"`).send(answered.stream)
          } catch (error) {
            return sendError(request, reply, error)
          }
        },
      })
    }
    // any other path under the prefix (or method on a control) is ours too, never an API module's
    scope.route({
      method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
      url: `${CONTROL_PREFIX}*`,
      handler: async (request, reply) => {
        const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
        const name = path.slice(CONTROL_PREFIX.length)
        const control = deps.controls[name]
        const error = control
          ? new ApiError('InvalidRequestMethod', `HTTP method ${request.method} is not supported by control [${name}], use ${control.method}`)
          : new ApiError('InvalidRequestFormat', `no control at path [${path}]; the controls are ${names.join(', ')}`)
        return sendError(request, reply, error)
      },
    })
  })
}
