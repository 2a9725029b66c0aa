// Security groups for tests, made through the API: a new group, rules added to it, the caller's
// default group, and rows read straight from the store.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

const as = (key: Key | undefined) => (key ? { key } : {})

/** CreateSecurityGroup as `key`'s user (default: the test user) in `zone` (default pek3a). */
export async function createGroup(t: TestApp, name = 'web', options: { key?: Key; zone?: string } = {}): Promise<string> {
  const reply = await t.call('CreateSecurityGroup', { security_group_name: name, ...(options.zone && { zone: options.zone }) }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.security_group_id as string
}

/** AddSecurityGroupRules with `rules` (wire fields), asserting success; the new rule ids. */
export async function addRules(t: TestApp, group: string, rules: Array<Record<string, unknown>>, options: { key?: Key; zone?: string } = {}): Promise<string[]> {
  const reply = await t.call('AddSecurityGroupRules', { security_group: group, rules, ...(options.zone && { zone: options.zone }) }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.security_group_rules as string[]
}

/** The caller's default group in `zone` as DescribeSecurityGroups shows it (made on first sight). */
export async function defaultGroup(t: TestApp, options: { key?: Key; zone?: string } = {}) {
  const reply = await t.call('DescribeSecurityGroups', { limit: 100, ...(options.zone && { zone: options.zone }) }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  const defaults = (reply.security_group_set as Array<Record<string, any>>).filter((g) => g.is_default === 1) // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(defaults.length, 1)
  return defaults[0]!
}

export const groupRow = (t: TestApp, id: string) => t.store.db.selectFrom('security_groups').selectAll().where('security_group_id', '=', id).executeTakeFirst()

export const groupOfInstance = async (t: TestApp, id: string) => (await t.store.db.selectFrom('instances').select('security_group_id').where('instance_id', '=', id).executeTakeFirstOrThrow()).security_group_id
