// Verified access keys are kept in memory (authenticate.ts, under store/cache-epoch.ts). Whatever
// changes who a key authenticates as, or whether it may, takes effect for the very next signed
// request: in the process that made the change AND in a second app instance with its own
// connection(s) to the same store (a SQLite file, or the same PostgreSQL database), both of which
// had the key cached already.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openSession } from '../../../test/support/fixtures-admin.ts'
import type { TestApp } from '../../../test/support/harness.ts'
import type { Store } from '../../store/store.ts'
import { type AppsOnOneStore, startTwoAppsOnOneStore } from '../../../test/support/shared-store.ts'

let a: TestApp
let b: TestApp
let stores: Store[] = []
let shared: AppsOnOneStore

before(async () => {
  shared = await startTwoAppsOnOneStore()
  ;({ a, b, stores } = shared)
})
after(() => shared.close())

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
