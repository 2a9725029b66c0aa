// NICs through the API, for the NIC tests.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

/** CreateNics as `key`'s user (default: the test user); returns the new NICs. */
export async function createNics(t: TestApp, params: Record<string, unknown>, options: { key?: Key } = {}): Promise<Array<{ nic_id: string; private_ip: string }>> {
  const reply = await t.call('CreateNics', params, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.nics
}

export async function createNic(t: TestApp, vxnet: string, options: { key?: Key } = {}): Promise<string> {
  return (await createNics(t, { vxnet }, options))[0]!.nic_id
}

/** The NIC as DescribeNics shows it to `key`'s user. */
export async function describeNic(t: TestApp, nicId: string, options: { key?: Key } = {}) {
  const reply = await t.call('DescribeNics', { nics: [nicId] }, options.key ? { key: options.key } : {})
  assert.equal(reply.total_count, 1, `${nicId} should be describable`)
  return reply.nic_set[0]
}

/** AttachNics, and its job run to the end. */
export async function attachNics(t: TestApp, nics: string[], instance: string): Promise<void> {
  const reply = await t.call('AttachNics', { nics, instance })
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
}
