// The state controls through the wire, on the database of the run (TEST_DATABASE): export and
// import between apps (and between SQLite and PostgreSQL when the run has both), named snapshots,
// reset to the initial state, and the refusals that must leave the store exactly as it was.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { SecretBox } from '../lib/secret-box.ts'
import { openStore, type Store } from '../store/store.ts'
import { countMismatches } from '../features/resources/resource-counts.ts'
import { resourceKinds } from '../resource-kinds.ts'
import { testDatabase } from '../../test/support/database.ts'
import { type Key, ok, startTestApp, type TestApp } from '../../test/support/harness.ts'
import { comparableState, control, editState, exportState, importState, parseState, post, sha256 } from '../../test/support/fixtures-state.ts'

const apps: TestApp[] = []
const stores: Store[] = []
after(async () => {
  for (const t of apps) await t.close()
  for (const s of stores) await s.close()
})
async function app(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(options)
  apps.push(t)
  return t
}

const keypairs = async (t: TestApp, key: Key = t.user) => ok(await t.call('DescribeKeyPairs', { limit: 100 }, { key })).total_count as number
const newKeyPair = async (t: TestApp) => ok(await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519' })).keypair_id as string

describe('state export and import', () => {
  it('an export imported into another app (same master key) gives the same store, and the other way back', async () => {
    const a = await app()
    await newKeyPair(a)
    ok(await a.call('AllocateEips', { bandwidth: 2, billing_mode: 'bandwidth', count: 2, need_icp: 0, eip_name: 'web' }))
    ok(await a.admin_call('Recharge', { user: a.user.user_id, amount: '12.5' }))
    const file = await exportState(a)
    const header = parseState(file).header
    assert.equal(header.format, 'qinglocal-state')
    assert.equal(header.store, a.store.caps.name)

    const b = await app({ box: a.box, idSeed: 7 })
    await newKeyPair(b)
    const imported = await importState(b, file)
    assert.equal(imported.ret_code, 0, imported.message)
    assert.equal(imported.rows, parseState(file).tables.size > 0 ? [...parseState(file).tables.values()].reduce((n, rows) => n + rows.length, 0) : 0)
    // b holds a's accounts now: a's admin signs there
    assert.deepEqual(comparableState(parseState(await exportState(b, a.admin))), comparableState(parseState(file)))
    // the imported keys sign on b: a's user sees a's keypair and balance there
    assert.equal(await keypairs(b, a.user), 1)
    assert.deepEqual(ok(await b.call('GetBalance', {}, { key: a.user })).balance, ok(await a.call('GetBalance')).balance)
    assert.deepEqual(await countMismatches(b.store.db, resourceKinds), [])
  })

  it('moves a store between SQLite and PostgreSQL and back when the run has PostgreSQL', { skip: testDatabase !== 'postgres' && 'needs TEST_DATABASE=postgres' }, async () => {
    const pg = await app()
    await newKeyPair(pg)
    ok(await pg.call('AllocateEips', { bandwidth: 2, billing_mode: 'bandwidth', count: 3, need_icp: 0, eip_name: 'web' }))
    const file = await exportState(pg)
    const memory = await openStore('sqlite::memory:')
    stores.push(memory)
    await memory.migrate()
    const lite = await app({ store: memory, box: pg.box, idSeed: 9 })
    assert.equal(lite.store.caps.name, 'sqlite')
    assert.equal((await importState(lite, file)).ret_code, 0)
    const fromLite = await exportState(lite, pg.admin)
    assert.equal(parseState(fromLite).header.store, 'sqlite')
    assert.deepEqual(comparableState(parseState(fromLite)), comparableState(parseState(file)))
    assert.deepEqual(await countMismatches(lite.store.db, resourceKinds), [])

    const back = await app({ box: pg.box, idSeed: 11 })
    assert.equal((await importState(back, fromLite)).ret_code, 0)
    assert.deepEqual(comparableState(parseState(await exportState(back, pg.admin))), comparableState(parseState(file)))
    assert.equal(await keypairs(back, pg.user), 1)
  })
})

describe('named snapshots', () => {
  it('snapshot, list, restore and delete; an existing name needs overwrite=1', async () => {
    const t = await app()
    await newKeyPair(t)
    const taken = await post(t, 'state/snapshot', { name: 'one-keypair' })
    assert.equal(taken.ret_code, 0, taken.message)
    assert.equal(taken.snapshot, 'one-keypair')
    assert.ok(taken.rows > 0 && taken.size_bytes > 0)
    await newKeyPair(t)
    await newKeyPair(t)
    assert.equal(await keypairs(t), 3)

    const again = await post(t, 'state/snapshot', { name: 'one-keypair' })
    assert.equal(again.ret_code, 2110)
    assert.match(again.message, /snapshot \[one-keypair\] already exists; pass overwrite=1/)
    assert.equal((await post(t, 'state/snapshot', { name: 'three', overwrite: '1' })).ret_code, 0)

    const listed = (await control(t, 'state/snapshots')).json!
    assert.deepEqual(
      listed.snapshots.map((s: { name: string }) => s.name),
      ['one-keypair', 'three'],
    )
    assert.equal(listed.snapshots[0].created_at, '2026-01-15T08:00:00Z')

    const restored = await post(t, 'state/restore', { name: 'one-keypair' })
    assert.equal(restored.ret_code, 0, restored.message)
    assert.equal(await keypairs(t), 1)
    assert.equal((await post(t, 'state/restore', { name: 'three' })).ret_code, 0)
    assert.equal(await keypairs(t), 3)
    assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])

    assert.equal((await post(t, 'state/delete', { name: 'three' })).ret_code, 0)
    assert.equal((await post(t, 'state/restore', { name: 'three' })).ret_code, 2100)
  })

  it('listing versions only go forward: a search counted before a restore is not served after it', async () => {
    const t = await app()
    const named = async (keypair_name: string) => ok(await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519', keypair_name }))
    const alphas = async () => ok(await t.call('DescribeKeyPairs', { search_word: 'alpha', limit: 1 })).total_count
    await named('alpha-1')
    assert.equal((await post(t, 'state/snapshot', { name: 'one-alpha' })).ret_code, 0)
    await named('alpha-2')
    await named('alpha-3')
    // counted by a scan and remembered under the tenant's listing version
    assert.equal(await alphas(), 3)
    assert.equal((await post(t, 'state/restore', { name: 'one-alpha' })).ret_code, 0)
    // as many changes as before the restore: the same version, were it not moved on
    await named('beta-1')
    await named('beta-2')
    assert.equal(await alphas(), 1)
  })

  it('reset goes back to the state the app started with, keeping its credentials', async () => {
    const t = await app({ initialSnapshot: true })
    const before = comparableState(parseState(await exportState(t)))
    await newKeyPair(t)
    ok(await t.admin_call('Recharge', { user: t.user.user_id, amount: '3' }))
    const reset = await post(t, 'state/reset')
    assert.equal(reset.ret_code, 0, reset.message)
    assert.equal(await keypairs(t), 0)
    assert.deepEqual(comparableState(parseState(await exportState(t))), before)
    // the initial snapshot is not listed and not restorable by name
    assert.deepEqual((await control(t, 'state/snapshots')).json!.snapshots, [])
    assert.equal((await post(t, 'state/restore', { name: '.initial' })).ret_code, 1100)
  })

  it('reset of a store made without an initial snapshot is refused, saying what to do', async () => {
    const t = await app()
    const reset = await post(t, 'state/reset')
    assert.equal(reset.ret_code, 1100)
    assert.match(reset.message, /no initial snapshot .*take a snapshot now/)
  })
})

describe('refusals leave the store as it was', () => {
  it('bad names, unknown snapshots, a wrong sha256, corrupt and foreign files', async () => {
    const t = await app()
    await newKeyPair(t)
    const file = await exportState(t)
    const unchanged = async () => assert.deepEqual(comparableState(parseState(await exportState(t))), comparableState(parseState(file)))

    for (const name of ['../up', 'a b', 'x'.repeat(65), '', '.hidden']) {
      const reply = await post(t, 'state/snapshot', { name })
      assert.equal(reply.ret_code, 1100, name)
      assert.match(reply.message, /name|required/)
    }
    assert.deepEqual((await control(t, 'state/snapshots')).json!.snapshots, [])
    const unknown = await post(t, 'state/restore', { name: 'nothere' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, snapshot [nothere] does not exist'])

    const wrongHash = await importState(t, file, sha256(Buffer.from('something else')))
    assert.equal(wrongHash.ret_code, 1100)
    assert.match(wrongHash.message, /the body's SHA-256 is [0-9a-f]{64}, not the content_sha256 given/)
    assert.equal((await importState(t, file, 'zz')).ret_code, 1100)

    const cut = file.subarray(0, Math.floor(file.length * 0.6))
    const truncated = await importState(t, cut)
    assert.equal(truncated.ret_code, 1100)
    assert.match(truncated.message, /not a whole gzip stream|cut short/)
    assert.match((await importState(t, Buffer.from('not gzip at all'))).message, /not a whole gzip stream/)
    assert.match((await importState(t, gzipSync('{"hello": 1}\n'))).message, /not a QingLocal state file/)

    const older = editState(file, ([header, ...rest]) => [{ ...(header as object), migration: '0028-router-quota-prices' }, ...rest])
    const level = await importState(t, older)
    assert.equal(level.ret_code, 1100)
    assert.match(level.message, /made by QingLocal at migration 0028-router-quota-prices, this server is at 0\d{3}-/)

    // a store sealed with another master key: its file is refused whole
    const other = await app({ box: SecretBox.fromKey(SecretBox.generateKey()), idSeed: 5 })
    const foreign = await importState(t, await exportState(other))
    assert.equal(foreign.ret_code, 1100)
    assert.match(foreign.message, /sealed with another master key/)

    // a file that breaks late (a row with a missing value in the last table): the swap had emptied
    // the tables by then, and rolls back
    const broken = editState(file, (lines) => {
      const last = lines.findLastIndex((l) => Array.isArray(l))
      return lines.map((l, i) => (i === last ? (l as unknown[]).slice(1) : l))
    })
    const late = await importState(t, broken)
    assert.equal(late.ret_code, 1100)
    assert.match(late.message, /has \d+ values for \d+ columns/)
    const noEnd = editState(file, (lines) => lines.slice(0, -1))
    assert.match((await importState(t, noEnd)).message, /ends before its end line: it was cut short/)
    // a row that breaks a constraint: the duplicate of a user's key
    const duplicate = editState(file, (lines) => {
      const at = lines.findIndex((l) => (l as { table?: string }).table === 'users')
      return [...lines.slice(0, at + 2), lines[at + 1], ...lines.slice(at + 2)]
    })
    const dup = await importState(t, duplicate)
    assert.equal(dup.ret_code, 1100)
    assert.match(dup.message, /does not fit this store|end line counts/)
    await unchanged()
    assert.equal(await keypairs(t), 1)
  })
})
