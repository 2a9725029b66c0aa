// A dump whose reader goes away (a client that hung up on state export) ends its read snapshot
// instead of holding it: on SQLite in memory the store's one connection, on PostgreSQL a pooled
// connection inside the swap gate, which a restore would otherwise wait for.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, it } from 'node:test'
import { insertKeyPair } from '../../../test/support/fixtures-keypairs.ts'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { post } from '../../../test/support/fixtures-state.ts'
import { dumpState } from './dump-state.ts'

let t: TestApp | undefined
after(async () => {
  await t?.close()
})

it('a dump whose reader goes away ends its read snapshot, and the store goes on', { timeout: 30_000 }, async () => {
  t = await startTestApp()
  // more than the streams' buffers hold once compressed: random descriptions do not shrink
  for (let i = 0; i < 20; i++) await Promise.all(Array.from({ length: 100 }, () => insertKeyPair(t!, { description: randomBytes(100).toString('hex') })))
  const dump = dumpState(t.store, { createdAt: '2026-01-15T08:00:00Z', boxFingerprint: t.box.fingerprint() })
  // nobody reads: the dump fills the buffers and waits for them to drain, then the reader is gone
  await new Promise((resolve) => setTimeout(resolve, 200))
  dump.stream.destroy()
  await assert.rejects(dump.done, /the reader of the state file went away/)
  ok(await t.admin_call('Recharge', { user: t.user.user_id, amount: '1' }))
  assert.equal((await post(t, 'state/snapshot', { name: 'after' })).ret_code, 0)
  const restored = await post(t, 'state/restore', { name: 'after' })
  assert.equal(restored.ret_code, 0, restored.message)
})
