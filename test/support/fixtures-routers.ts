// VPC routers made through the API, and direct reads of router rows.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

const as = (key: Key | undefined) => (key ? { key } : {})

/** CreateRouters as `key`'s user (default: the test user), asserting success and letting the job finish; the new ids. */
export async function createRouters(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('CreateRouters', params, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.routers as string[]
}

/** One active router of `key`'s user. */
export async function createRouter(t: TestApp, params: Record<string, unknown> = {}, options: { key?: Key } = {}): Promise<string> {
  return (await createRouters(t, params, options))[0]!
}

/** An action on routers (routers.N) that must succeed, with its job run to the end. */
export async function routerJob(t: TestApp, action: string, routers: string[], options: { key?: Key } = {}): Promise<Record<string, any>> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await t.call(action, { routers }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  assert.match(reply.job_id, /^j-/)
  await t.settle()
  return reply
}

export const routerRow = (t: TestApp, id: string) => t.store.db.selectFrom('routers').selectAll().where('router_id', '=', id).executeTakeFirstOrThrow()

/** The router as DescribeRouters shows it (by id, verbose unless told otherwise). */
export async function describeRouter(t: TestApp, id: string, options: { key?: Key; verbose?: number } = {}): Promise<Record<string, any>> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await t.call('DescribeRouters', { routers: [id], verbose: options.verbose ?? 1 }, as(options.key))
  assert.equal(reply.ret_code, 0, reply.message)
  assert.equal(reply.router_set.length, 1)
  return reply.router_set[0]
}
