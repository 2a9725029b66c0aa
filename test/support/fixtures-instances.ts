// Instances made through the API (RunInstances + the job runner), for tests of the instance
// actions themselves.
import assert from 'node:assert/strict'
import type { TestApp } from './harness.ts'

export const LINUX = { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123' }

/** Runs instances as `key`'s user (default: the test user), lets the job finish, returns their ids. */
export async function launch(t: TestApp, params: Record<string, unknown> = {}, options: { key?: TestApp['admin'] } = {}): Promise<string[]> {
  const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', ...params }, options)
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.instances as string[]
}

/** Launches one instance and brings it to `status` (running or stopped). */
export async function launchOne(t: TestApp, status: 'running' | 'stopped' = 'running', params: Record<string, unknown> = {}): Promise<string> {
  const [id] = await launch(t, params)
  if (status === 'stopped') {
    assert.equal((await t.call('StopInstances', { instances: [id] })).ret_code, 0)
    await t.settle()
  }
  return id!
}

export async function describeOne(t: TestApp, id: string, params: Record<string, unknown> = {}) {
  const reply = await t.call('DescribeInstances', { instances: [id], ...params })
  assert.equal(reply.total_count, 1, `instance ${id} should be describable`)
  return reply.instance_set[0]
}

/** CPU and memory in use on each host of a zone. */
export async function hostUsage(t: TestApp, zone = 'pek3a') {
  const rows = await t.store.db.selectFrom('hosts').select(['host_id', 'cpu_used', 'memory_used']).where('zone_id', '=', zone).orderBy('host_id').execute()
  return rows.map((h) => ({ host: h.host_id, cpu: Number(h.cpu_used), memory: Number(h.memory_used) }))
}
