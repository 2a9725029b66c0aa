// Quota helpers for tests: an administrator's override through the admin module, and the caller's
// GetQuotaLeft as a map from resource type to what is left.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

/** SetUserQuotas as the bootstrap admin for `user` (default: the test user) in `zone` (default pek3a). */
export async function setQuotas(t: TestApp, quotas: Record<string, number>, options: { user?: string; zone?: string } = {}) {
  const reply = await t.admin_call('SetUserQuotas', { user: options.user ?? t.user.user_id, zone: options.zone ?? 'pek3a', ...quotas })
  assert.equal(reply.ret_code, 0, reply.message)
  return reply
}

/** GetQuotaLeft as `key`'s user (default: the test user) in `zone` (default pek3a). */
export async function quotaLeft(t: TestApp, options: { zone?: string; key?: Key } = {}): Promise<Record<string, number>> {
  const reply = await t.call('GetQuotaLeft', { zone: options.zone ?? 'pek3a' }, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return Object.fromEntries((reply.quota_left_set as Array<{ resource_type: string; left: number }>).map((q) => [q.resource_type, q.left]))
}
