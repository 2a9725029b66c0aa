// Load balancers made through the API (CreateLoadBalancer and its job), and reads through
// DescribeLoadBalancers, for the load-balancer tests. For one written straight to the store in a
// given state, see lb-fixtures.ts.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

const as = (key: Key | undefined) => (key ? { key } : {})

/** CreateLoadBalancer as `key`'s user (default: the test user; in vxnet-0 unless eips or a vxnet are given), its job run; the new id. */
export async function createLoadBalancer(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string> {
  const placed = params.vxnet !== undefined || params.eips !== undefined ? params : { vxnet: 'vxnet-0', ...params }
  const reply = await t.call('CreateLoadBalancer', placed, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.loadbalancer_id as string
}

/** The load balancer as DescribeLoadBalancers shows it by id (verbose 1 unless told otherwise). */
export async function describeLoadBalancer(t: TestApp, id: string, options: { key?: Key; verbose?: number } = {}): Promise<Record<string, any>> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await t.call('DescribeLoadBalancers', { loadbalancers: [id], verbose: options.verbose ?? 1 }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  assert.equal(reply.loadbalancer_set.length, 1)
  return reply.loadbalancer_set[0]
}

/** An action on load balancers (loadbalancers.N) that must succeed, with its job run to the end. */
export async function lbJob(t: TestApp, action: string, loadbalancers: string[], options: { key?: Key; params?: Record<string, unknown> } = {}): Promise<Record<string, any>> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await t.call(action, { loadbalancers, ...options.params }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  assert.match(reply.job_id, /^j-/)
  await t.settle()
  return reply
}
