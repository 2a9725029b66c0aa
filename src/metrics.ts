// Prometheus metrics, one registry per app so tests can build many apps in one process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  registry: Registry
  requests: Counter<'action' | 'ret_code'>
  duration: Histogram<'action'>
  /** Counts one answered API request in `requests` and `duration` (the cheap way: see below). */
  recordRequest(action: string, retCode: number, seconds: number): void
  /** API requests being handled now (protocol/overload.ts). */
  inFlight: Gauge
  /** The configured bounds on `inFlight` (in all, and per user) and the per-request deadline. */
  maxInFlight: Gauge
  maxInFlightPerUser: Gauge
  requestTimeout: Gauge
  /** Requests answered 5100 ServerBusy: refused at arrival (`in_flight`), beyond their user's share (`user_in_flight`) or at their deadline (`deadline`). */
  busy: Counter<'reason'>
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'qinglocal_' })
  const busy = new Counter({
    name: 'qinglocal_api_busy_total',
    help: 'API requests answered 5100 ServerBusy, by reason: in_flight (the limit was reached when it arrived), user_in_flight (its user had their share in flight) or deadline (not answered in time)',
    labelNames: ['reason'],
    registers: [registry],
  })
  // both series exist from the start, so a rate() or an alert sees 0 rather than nothing
  for (const reason of ['in_flight', 'user_in_flight', 'deadline']) busy.inc({ reason }, 0)
  // prom-client hashes the label values on every inc/observe (~0.6 µs each). Requests are counted
  // in plain numbers per action and ret_code instead and added to the counter whenever it is read
  // (its collect() runs before every /metrics text or worker aggregation), so what is exposed is
  // the same. The histogram's child per action is bound once.
  const pending = new Map<string, Map<number, { n: number }>>()
  const requests = new Counter({
    name: 'qinglocal_api_requests_total',
    help: 'API requests by action and ret_code',
    labelNames: ['action', 'ret_code'],
    registers: [registry],
    collect() {
      for (const [action, byCode] of pending) {
        for (const [retCode, count] of byCode) {
          if (count.n === 0) continue
          this.inc({ action, ret_code: String(retCode) }, count.n)
          count.n = 0
        }
      }
    },
  })
  const duration = new Histogram({
    name: 'qinglocal_api_request_duration_seconds',
    help: 'API request latency by action',
    labelNames: ['action'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const durationOf = new Map<string, ReturnType<typeof duration.labels>>()
  return {
    registry,
    requests,
    duration,
    recordRequest(action, retCode, seconds) {
      let byCode = pending.get(action)
      if (!byCode) {
        byCode = new Map()
        pending.set(action, byCode)
      }
      const count = byCode.get(retCode)
      if (count) count.n++
      else byCode.set(retCode, { n: 1 })
      let observe = durationOf.get(action)
      if (!observe) {
        observe = duration.labels(action)
        durationOf.set(action, observe)
      }
      observe.observe(seconds)
    },
    inFlight: new Gauge({ name: 'qinglocal_api_requests_in_flight', help: 'API requests being handled now (answered or not: work past its deadline still counts)', registers: [registry] }),
    maxInFlight: new Gauge({ name: 'qinglocal_api_max_in_flight', help: 'Configured limit of API requests in flight; more are answered 5100 at once', registers: [registry] }),
    maxInFlightPerUser: new Gauge({
      name: 'qinglocal_api_max_in_flight_per_user',
      help: 'Configured limit of API requests in flight for one user (callers of public actions count as one); more are answered 5100 at once',
      registers: [registry],
    }),
    requestTimeout: new Gauge({ name: 'qinglocal_api_request_timeout_seconds', help: 'Configured deadline of an API request; an unanswered request is answered 5100 then', registers: [registry] }),
    busy,
  }
}
