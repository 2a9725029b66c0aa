// Snapshots made through the API (CreateSnapshots + the job runner), and direct reads of their
// rows, for the snapshot tests.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

/** CreateSnapshots of `resources` as `key`'s user (default: the test user), settled; returns the snapshot ids. */
export async function takeSnapshots(t: TestApp, resources: string[], params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('CreateSnapshots', { resources, ...params }, options)
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.snapshots as string[]
}

/** The chain fields of a snapshot's row. */
export async function chainOf(t: TestApp, id: string) {
  return t.store.db.selectFrom('snapshots').select(['snapshot_type', 'root_id', 'parent_id', 'is_head', 'is_taken', 'status', 'transition_status']).where('snapshot_id', '=', id).executeTakeFirstOrThrow()
}

export async function describeSnapshot(t: TestApp, id: string, options: { key?: Key } = {}) {
  const reply = await t.call('DescribeSnapshots', { snapshots: [id] }, options)
  assert.equal(reply.total_count, 1, `snapshot ${id} should be describable`)
  return reply.snapshot_set[0]
}
