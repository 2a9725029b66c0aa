// One platform clock for every process on a store: two app instances, each with its own
// connection(s) to the same data (a SQLite file, or the same PostgreSQL database), as two servers
// or two `serve --workers` processes have. A clock moved through one is the time of the other's
// very next request; while it stands, a request costs no query (sync answers a plain value).
// Migration 0030 is what makes the setting move the cache epoch: without it the other would not see it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { signedInUser } from '../../../test/support/fixtures-accounts.ts'
import { advanceClock, control } from '../../../test/support/fixtures-clock.ts'
import { TEST_START, type TestApp } from '../../../test/support/harness.ts'
import * as migration from '../../store/migrations/0030-virtual-clock-epoch.ts'
import { writeSetting } from '../../store/settings.ts'
import type { Store } from '../../store/store.ts'
import { type AppsOnOneStore, startTwoAppsOnOneStore } from '../../../test/support/shared-store.ts'
import { CLOCK_SETTING } from './clock-state.ts'

let a: TestApp
let b: TestApp
let stores: Store[] = []
let shared: AppsOnOneStore

before(async () => {
  shared = await startTwoAppsOnOneStore()
  ;({ a, b, stores } = shared)
})
after(() => shared.close())

describe('the virtual clock, two app instances on one store', () => {
  it("advancing through one is the other's time at its next request: a session opened through one expires in the other", async () => {
    const { token } = await signedInUser(a, 'shared')
    assert.equal((await b.account('DescribeMyself', {}, { token })).body.ret_code, 0, 'the session is known to both, and b has the clock cached')
    assert.equal((await control(b, 'clock')).now, TEST_START)
    await advanceClock(a, '36h')
    assert.equal((await b.account('DescribeMyself', {}, { token })).body.ret_code, 2000)
    assert.deepEqual((await control(b, 'clock')).now, '2026-01-16T20:00:00Z')
    // frozen through the other, seen back in the first
    assert.equal((await control(b, 'clock/set', { method: 'POST', params: { time: '2026-02-01T00:00:00Z', freeze: '1' } })).ret_code, 0)
    assert.deepEqual([(await control(a, 'clock')).now, (await control(a, 'clock')).frozen], ['2026-02-01T00:00:00Z', true])
  })

  it('costs no query while the clock stands: sync is a plain value until the setting moves the epoch', async () => {
    const clock = b.app.clock
    await clock.refresh()
    assert.equal(clock.sync(), undefined)
    assert.equal(clock.sync(), undefined)
    await writeSetting(stores[0]!.db, CLOCK_SETTING, JSON.stringify({ offset_ms: 0, frozen_at: '2026-03-01T00:00:00.000Z' }))
    const refreshing = stores[1]!.epoch.refresh()
    if (refreshing) await refreshing
    const loading = clock.sync()
    assert.ok(loading instanceof Promise, 'the epoch moved: the state is read again')
    await loading
    assert.equal(clock.now().toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(clock.sync(), undefined)
  })

  it('migration 0030 goes down (the setting no longer moves the epoch) and up again', async () => {
    const db = stores[0]!.db
    const epochNow = async () => Number((await db.selectFrom('cache_epoch').select('epoch').executeTakeFirstOrThrow()).epoch)
    const write = (at: string) => writeSetting(db, CLOCK_SETTING, JSON.stringify({ offset_ms: 0, frozen_at: at }))
    await migration.down(db as unknown as Kysely<unknown>)
    try {
      const before = await epochNow()
      await write('2026-03-02T00:00:00.000Z')
      assert.equal(await epochNow(), before)
      await writeSetting(db, 'maintenance', '')
      assert.equal(await epochNow(), before + 1, 'the maintenance setting still moves it')
    } finally {
      await migration.up(db as unknown as Kysely<unknown>)
    }
    const before = await epochNow()
    await write('2026-03-03T00:00:00.000Z')
    assert.equal(await epochNow(), before + 1)
    await db.deleteFrom('settings').where('name', '=', 'maintenance').execute()
  })
})
