// The control API: QingLocal's own switches for the emulator, under one reserved path prefix
// (/_qinglocal/) that no API module can take. Every control is a GET signed the QingCloud way by an
// administrator's key (the signed query string carries no action); anyone else who signs correctly
// gets 1400, a bad signature 1200. Requests from a non-loopback address are refused with 1400 before
// the signature is read, unless `controlFromAnywhere` is set. Replies are HTTP 200 JSON with a
// ret_code, as the API's are. The controls: `health` (what runs and how it stands) and `coverage`
// (the documented QingCloud actions as implemented or not).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import { adminOnly } from '../features/accounts/admin-only.ts'
import { type ApiModule, moduleOf } from '../protocol/api-module.ts'
import { type Authenticate, sendError } from '../protocol/endpoint.ts'
import { buildTree, readPairs } from '../protocol/params.ts'
import type { Store } from '../store/store.ts'

export const CONTROL_PREFIX = '/_qinglocal/'

/** What one control answers (the fields next to ret_code 0). */
export type Control = () => Promise<Record<string, unknown>>

export interface ControlDeps {
  store: Store
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
    await admin({ method: request.method, path, pairs, tree, requestId: request.id, cookies: {}, bearer: undefined, csrf: undefined }, CONTROL_MODULE)
  }

  const answer = (reply: FastifyReply, fields: Record<string, unknown>) =>
    reply
      .code(200)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ ...fields, ret_code: 0 }))

  for (const name of names) {
    const control = deps.controls[name] as Control
    app.get(`${CONTROL_PREFIX}${name}`, async (request, reply) => {
      try {
        await admitted(request, name)
        return answer(reply, await control())
      } catch (error) {
        return sendError(request, reply, error)
      }
    })
  }
  // any other path under the prefix (or method on a control) is ours too, never an API module's
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    url: `${CONTROL_PREFIX}*`,
    handler: async (request, reply) => {
      const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
      const name = path.slice(CONTROL_PREFIX.length)
      const error = names.includes(name)
        ? new ApiError('InvalidRequestMethod', `HTTP method ${request.method} is not supported by the control API, use GET`)
        : new ApiError('InvalidRequestFormat', `no control at path [${path}]; the controls are ${names.join(', ')}`)
      return sendError(request, reply, error)
    },
  })
}
