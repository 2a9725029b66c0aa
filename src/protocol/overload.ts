// The overload guard (issue 6, item 5; fairness: issue 14): at most `maxInFlight` API requests are
// handled at once, at most `maxInFlightPerUser` of them for any one user, and each has a deadline of
// `requestTimeoutMs`; beyond any of these the server answers 5100 ServerBusy at once (the standard
// error body, HTTP 200 like every reply) instead of queueing without end.
//
// It lives in protocol/ rather than features/: it wraps the endpoint's handler, knows no resource
// and has no actions, like the rest of the request pipeline.
//
// - Only the API route is guarded (every module path). /healthz, /readyz and /metrics are routes of
//   their own and always answer, so a busy server can still be probed and scraped.
// - Two kinds of slot. A request takes one of the `maxInFlight` global slots as its handler starts
//   (its body has been read, bounded by bodyLimitBytes), before anything is known of its caller:
//   none left → 5100 `in_flight`. Once authenticated (endpoint.ts step 5, through `claim`) it also
//   takes one of its user's `maxInFlightPerUser` slots: none left → 5100 `user_in_flight`, answered
//   at once. The user is the one authentication proved (the owner of the key that signed, the
//   session's user, an admin), never an unverified access_key_id: a request that fails
//   authentication takes no user's slot, and holds its global slot only while it is checked (a key
//   lookup and an HMAC, or a session lookup). Callers of public actions (Login, Register, …) share
//   one slot count of their own, so strangers together take no more than one user's share.
// - Why that is fair: a user never holds more than `maxInFlightPerUser` slots, overdue ones
//   included, and the setting is at most `maxInFlight` (a quarter of it by default). However slow
//   one tenant's requests are, `maxInFlight - maxInFlightPerUser` slots stay for everybody else; it
//   takes several tenants at their share at once (four with the defaults) to fill the pool, and
//   then the server is overloaded and refusing is what the limit is for.
// - A request counts from the moment its handler starts until the handler has finished, even when
//   its deadline answered it earlier: the work still holds the store, so it keeps both its slots.
//   Overdue work thus eats into its own user's share (and the global count) only: its user is
//   refused sooner, other users are not. A handler that never finishes keeps its slots.
// - At the deadline the client is answered 5100 at once and the request is marked `overdue`. Its
//   work goes on in the background, but endpoint.ts checks the mark just before the commit and rolls
//   the transaction back (nothing half-written either way: an action is one transaction). Only a
//   commit already under way when the deadline fires goes through: the client was told 5100 and the
//   action took effect, which is the usual "timeout, outcome unknown" of any API: a client checks
//   with a Describe action (DescribeJobs for a job it may have queued) before retrying. What the work
//   finally did is logged with the request id.
// - The deadline is wall-clock time (a timer), not the injected domain clock: it bounds how long the
//   process takes, as fastify's own timeouts do. Every request has the same timeout, so requests
//   reach their deadlines in the order they started: they wait in one insertion-ordered set, and
//   ONE timer is armed for the oldest. When it fires it answers every request now due and is armed
//   again for the next; a request that finishes only leaves the set. That is a Set insert and delete
//   per request instead of a timer created and cleared (the timer is cleared once the set is empty).
import { performance } from 'node:perf_hooks'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { defaultPerUserLimit } from '../config.ts'
import { ApiError } from '../errors.ts'
import type { Metrics } from '../metrics.ts'
import type { Caller } from './action.ts'
import { sendError, type ApiOutcome } from './endpoint.ts'
import { decodePairs } from './params.ts'

export interface OverloadLimits {
  /** API requests handled at once; one more is answered 5100 at once. */
  maxInFlight: number
  /** API requests of one user handled at once (at most maxInFlight); one more is answered 5100 at once. */
  maxInFlightPerUser: number
  /** A request not answered within this many milliseconds is answered 5100. */
  requestTimeoutMs: number
}

/** What `serve` configures when nothing is set (src/config.ts has the same defaults). */
export const DEFAULT_OVERLOAD_LIMITS: OverloadLimits = { maxInFlight: 256, maxInFlightPerUser: 64, requestTimeoutMs: 30_000 }

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the guard has answered this request 5100 at its deadline: the endpoint then neither commits nor sends. */
    overdue: boolean
    /** The guard's record of this request while its handler runs (null when it is not guarded). */
    overloadSlot: InFlight | null
  }
}

/** A guarded request whose handler runs. */
interface InFlight {
  request: FastifyRequest
  reply: FastifyReply
  /** performance.now() at which it is answered 5100 if it has not been answered yet. */
  due: number
  /** The user whose slot it holds, once claimed. */
  user: string | undefined
  /** What the client was told at the deadline, if the deadline answered it. */
  answered: ApiOutcome | undefined
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>

export interface OverloadGuard {
  /** `handler` behind the limits and the deadline. */
  guard(handler: Handler): Handler
  /**
   * Takes a slot of the authenticated caller's share for a guarded request, or throws 5100 when
   * the share is used up. The slot is given back when the guarded handler finishes. A request the
   * guard does not wrap is not counted.
   */
  claim(request: FastifyRequest, caller: Caller): void
}

/**
 * The guard for one app: decorates requests with `overdue`, publishes the limits as gauges and
 * counts what it refuses. Call once per app, before `ready()`.
 */
export function overloadGuard(app: { decorateRequest(name: 'overdue' | 'overloadSlot', value: boolean | null): unknown }, metrics: Metrics, limits: Partial<OverloadLimits>): OverloadGuard {
  const maxInFlight = limits.maxInFlight ?? DEFAULT_OVERLOAD_LIMITS.maxInFlight
  const perUser = Math.min(limits.maxInFlightPerUser ?? defaultPerUserLimit(maxInFlight), maxInFlight)
  const timeoutMs = limits.requestTimeoutMs ?? DEFAULT_OVERLOAD_LIMITS.requestTimeoutMs
  app.decorateRequest('overdue', false)
  app.decorateRequest('overloadSlot', null)
  metrics.maxInFlight.set(maxInFlight)
  metrics.maxInFlightPerUser.set(perUser)
  metrics.requestTimeout.set(timeoutMs / 1000)
  let inFlight = 0
  /** Slots held per user id ('' = callers of public actions); a user holding none has no entry. */
  const byUser = new Map<string, number>()
  /** Requests not answered yet, oldest (soonest due) first; `timer` is armed for the first. */
  const waiting = new Set<InFlight>()
  let timer: NodeJS.Timeout | undefined

  const expire = (entry: InFlight) => {
    const { request, reply } = entry
    // the endpoint sets apiOutcome as it sends its own answer: nothing to do then
    if (request.apiOutcome !== null || reply.sent) return
    metrics.busy.inc({ reason: 'deadline' })
    void sendError(request, reply, new ApiError('ServerBusy', `the request was not answered within [${timeoutMs}] ms, its outcome is unknown: check with a Describe action before retrying`), actionOf(request))
    entry.answered = request.apiOutcome ?? undefined
    request.overdue = true
  }
  const arm = (due: number) => {
    timer = setTimeout(sweep, Math.max(1, Math.ceil(due - performance.now())))
  }
  function sweep() {
    timer = undefined
    const now = performance.now()
    for (const entry of waiting) {
      if (entry.due > now) return arm(entry.due)
      waiting.delete(entry)
      expire(entry)
    }
  }

  return {
    claim(request, caller) {
      const slot = request.overloadSlot
      if (!slot || slot.user !== undefined) return
      const user = caller.user_id
      const count = byUser.get(user) ?? 0
      if (count >= perUser) {
        metrics.busy.inc({ reason: 'user_in_flight' })
        const whose = user === '' ? 'of callers without credentials (public actions)' : 'for this user'
        throw new ApiError('ServerBusy', `requests in flight ${whose} reached the limit [${perUser}], retry later`)
      }
      byUser.set(user, count + 1)
      slot.user = user
    },
    guard: (handler) =>
      async function guarded(request, reply) {
        if (inFlight >= maxInFlight) {
          metrics.busy.inc({ reason: 'in_flight' })
          return sendError(request, reply, new ApiError('ServerBusy', `requests in flight reached the limit [${maxInFlight}], retry later`), actionOf(request))
        }
        inFlight++
        metrics.inFlight.inc()
        const slot: InFlight = { request, reply, due: performance.now() + timeoutMs, user: undefined, answered: undefined }
        request.overloadSlot = slot
        waiting.add(slot)
        if (timer === undefined) arm(slot.due)
        try {
          return await handler(request, reply)
        } finally {
          waiting.delete(slot)
          if (waiting.size === 0 && timer !== undefined) {
            clearTimeout(timer)
            timer = undefined
          }
          inFlight--
          metrics.inFlight.dec()
          if (slot.user !== undefined) {
            const left = (byUser.get(slot.user) ?? 1) - 1
            if (left > 0) byUser.set(slot.user, left)
            else byUser.delete(slot.user)
          }
          request.overloadSlot = null
          const answered = slot.answered
          if (answered) {
            // what the work came to; the access log and the metrics keep what the client was told
            const work = request.apiOutcome
            request.apiOutcome = answered
            if (work?.retCode === 0) request.log.warn({ action: answered.action }, 'a request answered 5100 at its deadline committed afterwards: the client was told 5100 and the action took effect')
            else request.log.info({ action: answered.action, ret_code: work?.retCode }, 'a request answered 5100 at its deadline finished without taking effect')
          }
        }
      },
  }
}

/** The `action` the request names, for the access log and the metrics (which keep registered names only). */
function actionOf(request: FastifyRequest): string | undefined {
  const url = request.raw.url ?? ''
  const at = url.indexOf('?')
  const pairs = decodePairs(at < 0 ? '' : url.slice(at + 1))
  if (request.method === 'POST' && typeof request.body === 'string') pairs.push(...decodePairs(request.body))
  return pairs.find(([name]) => name === 'action')?.[1]
}
