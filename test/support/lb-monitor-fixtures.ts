// What GetLoadBalancerMonitor's tests need beside lb-fixtures.ts and monitor-fixtures.ts (lease
// history, the series decoder): a call helper and the one-series reader.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

export interface MonitorQuery {
  resource: string
  meters?: string[]
  step?: string
  start_time: string
  end_time: string
}

/** GetLoadBalancerMonitor (default meter by the id's prefix, step 5m). */
export function monitor(t: TestApp, q: MonitorQuery, options: { key?: Key } = {}) {
  const meter = q.resource.startsWith('lb-') ? 'traffic' : 'request'
  return t.call('GetLoadBalancerMonitor', { meters: [meter], step: '5m', resource_type: 'loadbalancer', ...q }, options)
}

/** The one series of a successful reply with one meter and one data_set entry (asserting that shape). */
export function onlySeries(reply: Record<string, any>): unknown[] {
  assert.equal(reply.ret_code, 0, reply.message)
  assert.equal(reply.meter_set.length, 1)
  assert.equal(reply.meter_set[0].data_set.length, 1)
  return reply.meter_set[0].data_set[0].data
}
