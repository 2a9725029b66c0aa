// One API request, as a readable list of steps: module → method → parameters → action name →
// authenticate → rate limits → find the action → admission (scripted faults, maintenance) →
// validate → zone → run in a transaction → reply. Every outcome, errors included, is an HTTP 200
// JSON body (see reply.ts).
//
// A step that needs no I/O in the common case (a cached key, a local rate-limit slot, cached gate
// state, the cached zone list) answers a plain value, a promise only otherwise, and is awaited only
// then (lib/maybe-promise.ts): a request in the steady state takes one await, the action's.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import type { Clock } from '../lib/clock.ts'
import { pauseMs } from '../lib/failpoints.ts'
import type { MaybePromise } from '../lib/maybe-promise.ts'
import type { IdGenerator } from '../lib/ids.ts'
import type { Tx } from '../store/database.ts'
import type { Store } from '../store/store.ts'
import type { Action, AuthMode, Caller, CookieOptions, JobBase, JobSpec, OutgoingMail, ActionSettings } from './action.ts'
import { type ApiModule, findModule } from './api-module.ts'
import { lockForAction, type Lockers } from './locks.ts'

import { buildTree, readPairs, type Pairs, type ParamTree } from './params.ts'
import { errorBody, internalError, successBody } from './reply.ts'

/** What the authenticator sees of a request. */
export interface SignedRequest {
  method: string
  /** The path exactly as received: clients sign `/iaas/` or `/iaas`. */
  path: string
  pairs: Pairs
  tree: ParamTree
  requestId: string
  /** Cookies and the bearer token, for session authentication. */
  cookies: Record<string, string>
  bearer: string | undefined
  /** The `X-CSRF-Token` header: what a cookie-authenticated console request must carry. */
  csrf: string | undefined
}

export type Authenticate = (request: SignedRequest, module: ApiModule) => MaybePromise<Caller>

export const ANONYMOUS: Caller = Object.freeze({ user_id: '', role: 'anonymous', access_key_id: '', session_id: '' })
export type ZoneCheck = (zone: unknown) => MaybePromise<string>

/** What the admission step knows of a request: who calls which action of which module (parameters are not read yet). */
export interface Admission {
  caller: Caller
  action: Action
  module: ApiModule
}

export interface EndpointDeps {
  store: Store
  clock: Clock
  /** Brings the clock up to the epoch just refreshed (the virtual clock, features/virtual-clock): a plain value while it is current. */
  syncClock: () => MaybePromise<void>
  ids: IdGenerator
  /** One authenticator per mode; `public` needs none. */
  authenticate: Record<Exclude<AuthMode, 'public'>, Authenticate>
  settings: ActionSettings
  /** Writes a mail to the outbox inside the action's transaction… */
  queueMail: (db: Tx, mail: OutgoingMail) => Promise<void>
  /** …and delivers queued mail once it has committed. */
  mailQueued: () => void
  requireZone: ZoneCheck
  modules: readonly ApiModule[]
  /** Queues a job row inside the action's transaction (features/jobs). */
  insertJob: (db: Tx, spec: JobSpec) => Promise<string>
  /** Called after a transaction that queued jobs has committed. */
  jobsQueued: () => void
  /** Seals a secret with the master key (lib/secret-box.ts). */
  seal: (secret: string) => string
  /** Takes a slot of the authenticated caller's share of the requests in flight; throws 5100 when it is used up (protocol/overload.ts). */
  claimSlot: (request: FastifyRequest, caller: Caller) => void
  /** Opens a sealed secret (lib/secret-box.ts). */
  unseal: (sealed: string) => string
  /** Counts a signed request against its user's API rate limits; throws 2500 when one is used up (features/rate-limits). */
  rateLimit: (caller: Caller) => MaybePromise<void>
  /** Lets the request in, or throws what it answers instead: a scripted fault, 5300 in maintenance (features/faults, features/maintenance). */
  admit: (request: Admission) => MaybePromise<void>
  /** The lockers of the global lock order (protocol/locks.ts), registered by the composition root (src/lockers.ts). */
  lockers: Lockers
}

/** What the access log and the metrics record about an API request. */
export interface ApiOutcome {
  action: string | undefined
  retCode: number
}

declare module 'fastify' {
  interface FastifyRequest {
    apiOutcome: ApiOutcome | null
    /** performance.now() when the request reached the app (its onRequest hook): what the cache epoch must be newer than. */
    arrivedAt: number
  }
}

export function apiHandler(deps: EndpointDeps) {
  return async function handleApiRequest(request: FastifyRequest, reply: FastifyReply) {
    let action: string | undefined
    try {
      const { path, query } = splitUrl(request.raw.url ?? '/')
      const module = findModule(path, deps.modules)
      if (!module) throw new ApiError('InvalidAPIModule', `no API module at path [${path}]`)
      if (request.method !== 'GET' && request.method !== 'POST') {
        throw new ApiError('InvalidRequestMethod', `HTTP method ${request.method} is not supported, use GET or POST`)
      }

      const pairs = readPairs(query)
      if (request.method === 'POST' && typeof request.body === 'string') pairs.push(...readPairs(request.body))
      const tree = buildTree(pairs)
      if (typeof tree.action !== 'string' || tree.action === '') throw new ApiError('InvalidRequestFormat', 'missing parameter action')
      action = tree.action
      // once per request: caches of shared state (keys, zones, faults, maintenance, the clock) compare with it
      const refreshing = deps.store.epoch.refresh(request.arrivedAt)
      if (refreshing) await refreshing
      // before anything reads the time: a clock moved through any process is the time of this request
      const synced = deps.syncClock()
      if (synced instanceof Promise) await synced

      // an unknown action is authenticated the module's way first, so it reveals nothing to strangers
      const definition = module.actions.get(action)
      const mode = definition?.auth ?? module.auth
      const { cookie, authorization, 'x-csrf-token': csrfHeader } = request.headers
      const cookies = cookie === undefined ? NO_COOKIES : parseCookies(cookie)
      const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
      const authenticated =
        mode === 'public' ? ANONYMOUS : deps.authenticate[mode]({ method: request.method, path, pairs, tree, requestId: request.id, cookies, bearer, csrf: typeof csrfHeader === 'string' ? csrfHeader : undefined }, module)
      const caller = authenticated instanceof Promise ? await authenticated : authenticated
      deps.claimSlot(request, caller)
      const counted = deps.rateLimit(caller)
      if (counted instanceof Promise) await counted
      if (!definition) throw new ApiError('InvalidRequestMethod', `action [${action}] is not supported by module [${module.name}]`)
      const admitted = deps.admit({ caller, action: definition, module })
      if (admitted instanceof Promise) await admitted
      const params = definition.read(tree)
      const zoned = definition.zone === 'required' ? deps.requireZone(tree.zone) : ''
      const zone = zoned instanceof Promise ? await zoned : zoned

      // a request made slow on purpose by a test (lib/failpoints.ts), outside any transaction
      const pause = pauseMs(`request:${action}`)
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
      if (definition.query) {
        const fields = await definition.query(params, { db: deps.store.readDb, epoch: deps.store.epoch, clock: deps.clock, caller, zone, requestId: request.id, log: request.log, settings: deps.settings })
        request.apiOutcome = { action, retCode: 0 }
        return sendJson(reply, successBody(definition.replyAction ?? action, fields))
      }
      const handle = definition.handle
      if (!handle) throw new Error(`action ${action} has neither handle nor query`)
      const prepared = definition.prepare ? await definition.prepare(params, { db: deps.store.readDb, clock: deps.clock, ids: deps.ids, caller, zone, settings: deps.settings }) : undefined
      let queued = 0
      let mails = 0
      const compensations: Array<(db: Tx) => Promise<void>> = []
      const committed: Array<() => void> = []
      const fields = await runWithCompensation(deps.store, request, compensations, async (db) => {
        // the job's payload type is the settling action's (checked by the type system where the job is started)
        const queueJob = (job_action: string, job: JobBase & { payload?: unknown }) => {
          queued++
          return deps.insertJob(db, { job_action, owner: caller.user_id, zone_id: zone, resource_ids: job.resource_ids, payload: job.payload, work_ms: job.work_ms })
        }
        // the declared locks, in the global order, before the handler reads anything
        const locks = await lockForAction({ db, caps: deps.store.caps, clock: deps.clock, ids: deps.ids }, deps.lockers, definition, caller.user_id, zone)
        return handle(
          params,
          {
            db,
            locks,
            caps: deps.store.caps,
            clock: deps.clock,
            ids: deps.ids,
            caller,
            zone,
            requestId: request.id,
            log: request.log,
            jobs: {
              start: (job) => queueJob(definition.name, job),
              startFor: (settledBy, job) => queueJob(settledBy.name, job),
            },
            settings: deps.settings,
            mail: (message) => {
              mails++
              return deps.queueMail(db, message)
            },
            setCookie: (name, value, options) => void reply.header('set-cookie', serializeCookie(name, value, options)),
            request: { cookies, bearer },
            afterRollback: (work) => void compensations.push(work),
            afterCommit: (work) => void committed.push(work),
            seal: deps.seal,
            unseal: deps.unseal,
          },
          prepared,
        )
      })
      for (const work of committed) work()
      if (queued > 0) deps.jobsQueued()
      if (mails > 0) deps.mailQueued()
      request.apiOutcome = { action, retCode: 0 }
      return sendJson(reply, successBody(definition.replyAction ?? action, fields))
    } catch (error) {
      return sendError(request, reply, error, action)
    }
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown, action?: string) {
  let apiError: ApiError
  if (error instanceof ApiError) {
    apiError = error
  } else {
    request.log.error({ err: error }, 'unexpected error while handling request')
    apiError = internalError(request.id)
  }
  request.apiOutcome = { action, retCode: apiError.code }
  return sendJson(reply, errorBody(apiError))
}

function sendJson(reply: FastifyReply, body: unknown) {
  // answered 5100 at its deadline already (protocol/overload.ts): a request gets one reply
  if (reply.request.overdue) return reply
  return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(body))
}

/**
 * Runs `work` in a transaction; if it throws, runs the registered compensations in a new one, then rethrows.
 * A request answered 5100 at its deadline while `work` ran is rolled back instead of committed (protocol/overload.ts).
 */
async function runWithCompensation<T>(store: Store, request: FastifyRequest, compensations: Array<(db: Tx) => Promise<void>>, work: (db: Tx) => Promise<T>): Promise<T> {
  try {
    return await store.db.transaction().execute(async (db) => {
      const result = await work(db)
      if (request.overdue) throw new ApiError('ServerBusy', 'the request passed its deadline before its transaction committed, nothing was changed')
      return result
    })
  } catch (error) {
    if (compensations.length > 0) {
      await store.db.transaction().execute(async (db) => {
        for (const compensate of compensations) await compensate(db)
      })
    }
    throw error
  }
}

/** A request without a Cookie header (most signed calls): nothing to parse, nothing to allocate. */
const NO_COOKIES: Record<string, string> = Object.freeze({}) as Record<string, string>

/** `a=1; b=2` → { a: '1', b: '2' } (values URL-decoded when they can be). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at <= 0) continue
    const raw = part.slice(at + 1).trim()
    try {
      out[part.slice(0, at).trim()] = decodeURIComponent(raw)
    } catch {
      out[part.slice(0, at).trim()] = raw
    }
  }
  return out
}

/** Session cookies are HttpOnly (no script reads them) and SameSite=Strict (no cross-site request carries them). */
function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${options.maxAge}; HttpOnly; SameSite=Strict`
}

function splitUrl(url: string): { path: string; query: string } {
  const at = url.indexOf('?')
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at + 1) }
}
