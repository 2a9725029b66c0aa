// The overload guard (issue 6, item 5): at most `maxInFlight` API requests are handled at once and
// each has a deadline of `requestTimeoutMs`; beyond either the server answers 5100 ServerBusy at
// once (the standard error body, HTTP 200 like every reply) instead of queueing without end.
//
// It lives in protocol/ rather than features/: it wraps the endpoint's handler, knows no resource
// and has no actions, like the rest of the request pipeline.
//
// - Only the API route is guarded (every module path). /healthz, /readyz and /metrics are routes of
//   their own and always answer, so a busy server can still be probed and scraped.
// - A request counts from the moment its handler starts (its body has been read, bounded by
//   bodyLimitBytes) until the handler has finished, even when its deadline answered it earlier: the
//   work still holds the store, so a server whose requests time out refuses new ones rather than
//   piling more work on top. A handler that never finishes keeps its slot.
// - At the deadline the client is answered 5100 at once and the request is marked `overdue`. Its
//   work goes on in the background, but endpoint.ts checks the mark just before the commit and rolls
//   the transaction back (nothing half-written either way: an action is one transaction). Only a
//   commit already under way when the deadline fires goes through: the client was told 5100 and the
//   action took effect, which is the usual "timeout, outcome unknown" of any API: a client checks
//   with a Describe action (DescribeJobs for a job it may have queued) before retrying. What the work
//   finally did is logged with the request id.
// - The deadline is wall-clock time (a timer), not the injected domain clock: it bounds how long the
//   process takes, as fastify's own timeouts do.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import type { Metrics } from '../metrics.ts'
import { sendError, type ApiOutcome } from './endpoint.ts'
import { decodePairs } from './params.ts'

export interface OverloadLimits {
  /** API requests handled at once; one more is answered 5100 at once. */
  maxInFlight: number
  /** A request not answered within this many milliseconds is answered 5100. */
  requestTimeoutMs: number
}

/** What `serve` configures when nothing is set (src/config.ts has the same defaults). */
export const DEFAULT_OVERLOAD_LIMITS: OverloadLimits = { maxInFlight: 256, requestTimeoutMs: 30_000 }

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the guard has answered this request 5100 at its deadline: the endpoint then neither commits nor sends. */
    overdue: boolean
  }
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>

export interface OverloadGuard {
  /** `handler` behind the limit and the deadline. */
  guard(handler: Handler): Handler
}

/**
 * The guard for one app: decorates requests with `overdue`, publishes the limits as gauges and
 * counts what it refuses. Call once per app, before `ready()`.
 */
export function overloadGuard(
  app: { decorateRequest(name: 'overdue', value: boolean): unknown },
  metrics: Metrics,
  limits: Partial<OverloadLimits>,
): OverloadGuard {
  const maxInFlight = limits.maxInFlight ?? DEFAULT_OVERLOAD_LIMITS.maxInFlight
  const timeoutMs = limits.requestTimeoutMs ?? DEFAULT_OVERLOAD_LIMITS.requestTimeoutMs
  app.decorateRequest('overdue', false)
  metrics.maxInFlight.set(maxInFlight)
  metrics.requestTimeout.set(timeoutMs / 1000)
  let inFlight = 0

  return {
    guard: (handler) =>
      async function guarded(request, reply) {
        if (inFlight >= maxInFlight) {
          metrics.busy.inc({ reason: 'in_flight' })
          return sendError(request, reply, new ApiError('ServerBusy', `requests in flight reached the limit [${maxInFlight}], retry later`), actionOf(request))
        }
        inFlight++
        metrics.inFlight.inc()
        let answered: ApiOutcome | undefined
        const deadline = setTimeout(() => {
          // the endpoint sets apiOutcome as it sends its own answer: nothing to do then
          if (request.apiOutcome !== null || reply.sent) return
          metrics.busy.inc({ reason: 'deadline' })
          void sendError(
            request,
            reply,
            new ApiError('ServerBusy', `the request was not answered within [${timeoutMs}] ms, its outcome is unknown: check with a Describe action before retrying`),
            actionOf(request),
          )
          answered = request.apiOutcome ?? undefined
          request.overdue = true
        }, timeoutMs)
        try {
          return await handler(request, reply)
        } finally {
          clearTimeout(deadline)
          inFlight--
          metrics.inFlight.dec()
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
