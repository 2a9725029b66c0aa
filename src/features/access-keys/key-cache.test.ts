// Verified access keys are kept in memory (authenticate.ts, under store/cache-epoch.ts). Whatever
// changes who a key authenticates as, or whether it may, takes effect for the very next signed
// request: in the process that made the change AND in a second app instance with its own
// connection(s) to the same store (a SQLite file, or the same PostgreSQL database), both of which
// had the key cached already.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, testDatabase } from '../../../test/support/database.ts'
import { openSession } from '../../../test/support/fixtures-admin.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { SecretBox } from '../../lib/secret-box.ts'
import { openStore, type Store } from '../../store/store.ts'

let a: TestApp
let b: TestApp
let stores: Store[] = []
let cleanUp: () => Promise<void> = async () => {}

/** Two stores on the same data, as two processes would open it. */
async function openTwice(): Promise<[Store, Store]> {
  if (testDatabase === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-key-cache-'))
    cleanUp = async () => rmSync(dir, { recursive: true, force: true })
    const url = `sqlite:${join(dir, 'db.sqlite')}`
    const first = await openStore(url)
    await first.migrate()
    return [first, await openStore(url)]
  }
  // (dropped by the test run once this process has ended)
  const { url } = await openTestDatabase({ migrated: true })
  return [await openStore(url), await openStore(url)]
}

before(async () => {
  stores = await openTwice()
  const box = SecretBox.fromKey(SecretBox.generateKey())
  a = await startTestApp({ store: stores[0], box })
  b = await startTestApp({ store: stores[1], box, idSeed: 7 })
})
after(async () => {
  await a.close()
  await b.close()
  for (const store of stores) await store.close()
  await cleanUp()
})

/** The user's signed DescribeZones through each app: both answers. */
const codes = async () => [(await a.call('DescribeZones')).ret_code, (await b.call('DescribeZones')).ret_code]

describe('cached access keys, two app instances on one store', () => {
  it('both apps know the same bootstrap user', () => {
    assert.deepEqual(b.user, a.user)
  })

  it('disabling a key through one app: the next request is refused by both; enabling it lets it in again', async () => {
    assert.deepEqual(await codes(), [0, 0]) // cached in both
    const { token } = await openSession(a, a.user.user_id)
    assert.equal((await a.account('DisableAccessKeys', { access_keys: [a.user.access_key_id] }, { token })).body.ret_code, 0)
    assert.deepEqual(await codes(), [1200, 1200])
    assert.equal((await b.account('EnableAccessKeys', { access_keys: [a.user.access_key_id] }, { token })).body.ret_code, 0)
    assert.deepEqual(await codes(), [0, 0])
  })

  it('banning the owner through one app: 1662 from both at once; unbanning through the other: 0 from both', async () => {
    assert.deepEqual(await codes(), [0, 0])
    assert.equal((await b.admin_call('BanUsers', { users: [a.user.user_id] })).ret_code, 0)
    assert.deepEqual(await codes(), [1662, 1662])
    assert.equal((await a.admin_call('UnbanUsers', { users: [a.user.user_id] })).ret_code, 0)
    assert.deepEqual(await codes(), [0, 0])
  })

  it('demoting an admin through one app: the other refuses the admin module at once', async () => {
    assert.equal((await b.admin_call('DescribeFaults')).ret_code, 0)
    await stores[0]!.db.updateTable('users').set({ role: 'user' }).where('user_id', '=', a.admin.user_id).execute()
    assert.equal((await b.admin_call('DescribeFaults')).ret_code, 1400)
    await stores[0]!.db.updateTable('users').set({ role: 'admin' }).where('user_id', '=', a.admin.user_id).execute()
    assert.equal((await b.admin_call('DescribeFaults')).ret_code, 0)
  })

  it('deleting a key through one app: 1200 from both', async () => {
    assert.deepEqual(await codes(), [0, 0])
    const { token } = await openSession(b, a.user.user_id)
    assert.equal((await b.account('DeleteAccessKeys', { access_keys: [a.user.access_key_id] }, { token })).body.ret_code, 0)
    assert.deepEqual(await codes(), [1200, 1200])
  })
})

describe('cached shared state, two app instances on one store', () => {
  it('a fault armed through one app answers the next call on the other', async () => {
    assert.equal((await b.call('DescribeZones', {}, { key: a.admin })).ret_code, 0)
    assert.equal((await a.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5000, count: 1 })).ret_code, 0)
    assert.equal((await b.call('DescribeZones', {}, { key: a.admin })).ret_code, 5000)
    assert.equal((await b.call('DescribeZones', {}, { key: a.admin })).ret_code, 0)
  })

  it('maintenance started through one app refuses the next write on the other', async () => {
    assert.equal((await a.admin_call('StartMaintenance')).ret_code, 0)
    assert.equal((await b.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5000, count: 1 })).ret_code, 5300)
    assert.equal((await a.admin_call('StopMaintenance')).ret_code, 0)
    assert.equal((await b.admin_call('DisarmFaults')).ret_code, 0)
  })
})
