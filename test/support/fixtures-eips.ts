// EIPs made through the API, and direct reads of EIP rows and the address pool.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

/** AllocateEips as `key`'s user (default: the test user), asserting success; returns the ids. */
export async function allocate(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('AllocateEips', { bandwidth: 1, ...params }, options)
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.eips as string[]
}

export async function allocateOne(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string> {
  return (await allocate(t, params, options))[0]!
}

/** Associates `eip` with `instance` and lets the job finish. */
export async function associate(t: TestApp, eip: string, instance: string, options: { key?: Key } = {}): Promise<void> {
  const reply = await t.call('AssociateEip', { eip, instance }, options)
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
}

export const eipRow = (t: TestApp, id: string) => t.store.db.selectFrom('eips').select(['status', 'transition_status', 'instance_id', 'bandwidth', 'eip_addr']).where('eip_id', '=', id).executeTakeFirstOrThrow()

/** Sets an EIP's status directly (e.g. `suspended`, as arrears would). */
export const setEipStatus = (t: TestApp, id: string, status: string) => t.store.db.updateTable('eips').set({ status }).where('eip_id', '=', id).execute()

/** Who holds each address of a zone's pool that is taken: address → eip id. */
export async function poolHolders(t: TestApp, zone = 'pek3a'): Promise<Map<string, string>> {
  const rows = await t.store.db.selectFrom('eip_pool').select(['eip_addr', 'eip_id']).where('zone_id', '=', zone).where('eip_id', '!=', '').execute()
  return new Map(rows.map((r) => [r.eip_addr, r.eip_id]))
}

export const poolSize = async (t: TestApp, zone = 'pek3a') => (await t.store.db.selectFrom('eip_pool').select('eip_addr').where('zone_id', '=', zone).execute()).length
