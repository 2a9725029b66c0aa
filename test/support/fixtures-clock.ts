// The clock controls through the wire (src/control/clock.ts): a control request signed as
// `qinglocal clock` signs it (parameters in the signed query, time_stamp from the test's base
// clock, as a real client's wall clock), answered as JSON.
import assert from 'node:assert/strict'
import { type ControlCall, signedControlRequest } from '../../src/cli/client.ts'
import type { Key, TestApp } from './harness.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function control(t: TestApp, name: string, call: ControlCall = {}, key: Key = t.admin): Promise<Record<string, any>> {
  const request = signedControlRequest({ baseUrl: '', accessKeyId: key.access_key_id, secretAccessKey: key.secret_access_key, now: () => t.clock.now() }, name, call)
  const reply = await t.app.inject({ method: request.method, url: request.url })
  assert.equal(reply.statusCode, 200)
  return JSON.parse(reply.body)
}

/** POST clock/advance by `by`, insisting on ret_code 0. */
export async function advanceClock(t: TestApp, by: string) {
  const reply = await control(t, 'clock/advance', { method: 'POST', params: { by } })
  assert.equal(reply.ret_code, 0, reply.message)
  return reply
}
