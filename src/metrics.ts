// Prometheus metrics, one registry per app so tests can build many apps in one process.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  registry: Registry
  requests: Counter<'action' | 'ret_code'>
  duration: Histogram<'action'>
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'qinglocal_' })
  return {
    registry,
    requests: new Counter({
      name: 'qinglocal_api_requests_total',
      help: 'API requests by action and ret_code',
      labelNames: ['action', 'ret_code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'qinglocal_api_request_duration_seconds',
      help: 'API request latency by action',
      labelNames: ['action'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  }
}
