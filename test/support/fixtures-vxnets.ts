// Vxnets through the API, and a look at instances' interfaces, for the vxnet tests.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

/** CreateVxnets as `key`'s user (default: the test user); returns the new ids. */
export async function createVxnets(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('CreateVxnets', { vxnet_type: 1, ...params }, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.vxnets as string[]
}

export async function createVxnet(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string> {
  return (await createVxnets(t, params, options))[0]!
}

/** The interface rows of an instance: `vxnet address transition`, sorted. */
export async function nicsOf(t: TestApp, instanceId: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('nics').selectAll().where('instance_id', '=', instanceId).execute()
  return rows.map((r) => `${r.vxnet_id} ${r.private_ip} ${r.transition_status}`.trim()).sort()
}

/** The addresses held in a vxnet of pek3a, sorted. */
export async function addressesOf(t: TestApp, vxnetId: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('nics').select('private_ip').where('vxnet_id', '=', vxnetId).where('zone_id', '=', 'pek3a').execute()
  return rows.map((r) => r.private_ip).sort()
}

/** `192.168.N.` for a managed vxnet (its addresses are this plus 2–254). */
export async function prefixOf(t: TestApp, vxnetId: string): Promise<string> {
  const row = await t.store.db.selectFrom('vxnets').select('ip_network').where('vxnet_id', '=', vxnetId).executeTakeFirstOrThrow()
  return row.ip_network.replace(/0\/24$/, '')
}
