// API rate limits on the wire: the daily quota per local day, the burst window, who counts and
// who does not, counters shared by two servers on one store, and exact admission under parallel
// requests. Time only moves through the ManualClock (TEST_START is 2026-01-15T08:00:00Z, which is
// 16:00 in Asia/Shanghai, so the next local midnight there is 2026-01-15T16:00:00Z).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore } from '../../../test/support/database.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import type { Store } from '../../store/store.ts'

const ok = (reply: Record<string, unknown>, why = '') => assert.equal(reply.ret_code, 0, `${why} ${JSON.stringify(reply)}`)
const zones = (t: TestApp, options: Parameters<TestApp['call']>[2] = {}) => t.call('DescribeZones', {}, options)
const usage = (t: TestApp, period: 'day' | 'burst') => t.store.db.selectFrom('api_usage').select(['user_id', 'period_key', 'request_count']).where('period', '=', period).orderBy('user_id').orderBy('period_key').execute()

const DAILY_EXCEEDED = 'QuotasExceeded, you have used your daily API request quota of 3 requests, it resets at 2026-01-15T16:00:00Z (midnight Asia/Shanghai)'

describe('daily API request quota', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 3, apiBurstLimit: 0, timezone: 'Asia/Shanghai' } })))
  after(() => t.close())

  it('admits the quota, then answers 2500 naming the limit and the next local midnight', async () => {
    for (let i = 0; i < 3; i++) ok(await zones(t))
    assert.deepEqual(await zones(t), { ret_code: 2500, message: DAILY_EXCEEDED })
    // any action, not only this one: the quota is per user
    assert.deepEqual(await t.call('DescribeJobs'), { ret_code: 2500, message: DAILY_EXCEEDED })
    // the counter stops at the limit: it says how many requests were served today
    assert.deepEqual(await usage(t, 'day'), [{ user_id: t.user.user_id, period_key: '2026-01-15', request_count: 3 }])
    assert.deepEqual(await usage(t, 'burst'), [], 'no burst counter when the burst limit is off')
  })

  it('leaves another user (and the admin module) unaffected', async () => {
    ok(await zones(t, { key: t.admin }))
    ok(await t.admin_call('DescribeUsers'))
  })

  it('resets at midnight in the platform time zone, not at UTC midnight', async () => {
    t.clock.set('2026-01-15T15:59:59Z') // 23:59:59 in Shanghai
    assert.deepEqual(await zones(t), { ret_code: 2500, message: DAILY_EXCEEDED })
    t.clock.set('2026-01-15T16:00:00Z') // 00:00 on the 16th in Shanghai
    for (let i = 0; i < 3; i++) ok(await zones(t))
    const next = await zones(t)
    assert.equal(next.ret_code, 2500)
    assert.equal(next.message, 'QuotasExceeded, you have used your daily API request quota of 3 requests, it resets at 2026-01-16T16:00:00Z (midnight Asia/Shanghai)')
  })
})

describe('burst limit', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 5, apiBurstLimit: 2, apiBurstSeconds: 10 } })))
  after(() => t.close())

  it('answers 2500 with the limit and when to retry once a window is full, and admits again in the next window', async () => {
    ok(await zones(t))
    ok(await zones(t))
    assert.deepEqual(await zones(t), { ret_code: 2500, message: 'QuotasExceeded, you have exceeded the API request limit of 2 requests per 10 seconds, retry after 2026-01-15T08:00:10Z (in 10 s)' })
    t.clock.advance(6_500)
    assert.deepEqual(await zones(t), { ret_code: 2500, message: 'QuotasExceeded, you have exceeded the API request limit of 2 requests per 10 seconds, retry after 2026-01-15T08:00:10Z (in 4 s)' })
    ok(await zones(t, { key: t.admin }), 'another user has a window of their own')
    t.clock.set('2026-01-15T08:00:10Z')
    ok(await zones(t))
  })

  it('does not charge refused requests to the daily quota', async () => {
    // served so far: 3 (the refused two gave their daily slot back), so two more fit today
    assert.deepEqual((await usage(t, 'day')).find((row) => row.user_id === t.user.user_id)?.request_count, 3)
    ok(await zones(t))
    t.clock.advance(10_000)
    ok(await zones(t))
    assert.equal((await zones(t)).message, 'QuotasExceeded, you have used your daily API request quota of 5 requests, it resets at 2026-01-16T00:00:00Z (midnight UTC)')
  })
})

describe('requests that count', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 2, apiBurstLimit: 2 } })))
  after(() => t.close())

  it('never counts a request rejected before authentication, nor an unsigned account request', async () => {
    const bad = await t.send({ params: { action: 'DescribeZones' }, signature: 'not-the-signature' })
    assert.notEqual(bad.body.ret_code, 0)
    assert.notEqual(bad.body.ret_code, 2500)
    const unsigned = await t.send({ key: null, params: { action: 'DescribeZones' } })
    assert.notEqual(unsigned.body.ret_code, 0)
    const stale = await t.send({
      params: { action: 'DescribeZones' },
      afterSigning: (wire) => {
        wire.time_stamp = '2026-01-15T07:00:00Z'
      },
    })
    assert.notEqual(stale.body.ret_code, 0)
    const account = await t.account('Login', { email: 'nobody@example.com', password: 'wrong-password-1' })
    assert.notEqual(account.body.ret_code, 2500)
    assert.deepEqual(await usage(t, 'day'), [])

    ok(await zones(t))
    ok(await zones(t))
    assert.equal((await zones(t)).ret_code, 2500)
  })

  it('counts a signed request that fails later (bad parameters)', async () => {
    const failed = await t.call('DescribeZones', { zones: 'x'.repeat(3) }, { key: t.admin })
    const second = await zones(t, { key: t.admin })
    ok(second)
    assert.equal((await zones(t, { key: t.admin })).ret_code, 2500, `the first request (${failed.ret_code}) was counted`)
  })
})

describe('leased blocks of a large limit', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 250, apiBurstLimit: 0 } })))
  after(() => t.close())

  it('lease 1/100 of the limit at a time, then single slots once a block no longer fits, and stop exactly at the limit', async () => {
    ok(await zones(t))
    assert.deepEqual(
      (await usage(t, 'day')).map((row) => row.request_count),
      [2],
      'one block of 2 for the first request',
    )
    // other processes leased most of the day meanwhile: 247 of 250
    await t.store.db.updateTable('api_usage').set({ request_count: 247 }).where('user_id', '=', t.user.user_id).execute()
    ok(await zones(t)) // the second slot of this process's block
    ok(await zones(t)) // a new block: 249
    ok(await zones(t)) // its second slot
    ok(await zones(t)) // a block no longer fits: a single slot, 250
    assert.equal((await zones(t)).ret_code, 2500)
    assert.deepEqual(
      (await usage(t, 'day')).map((row) => row.request_count),
      [250],
      'never past the limit',
    )
  })
})

describe('counters shared by two servers on one store', () => {
  let shared: { store: Store; drop: () => Promise<void> }
  before(async () => (shared = await openTestStore()))
  after(() => shared.drop())

  it('adds up the requests served by either server', async () => {
    const config = { apiDailyLimit: 4, apiBurstLimit: 3 }
    const first = await startTestApp({ store: shared.store, config })
    const second = await startTestApp({ store: shared.store, box: first.box, idSeed: 43, config })
    try {
      assert.equal(second.user.user_id, first.user.user_id)
      ok(await zones(first))
      ok(await zones(second))
      ok(await zones(first))
      assert.match((await zones(second)).message, /limit of 3 requests per 10 seconds/, 'the burst window is shared')
      first.clock.advance(10_000)
      second.clock.advance(10_000)
      ok(await zones(second))
      assert.match((await zones(first)).message, /daily API request quota of 4 requests/, 'the day is shared')
    } finally {
      await second.app.close()
      await first.app.close()
    }
  })
})

describe('parallel requests', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 7, apiBurstLimit: 0 } })))
  after(() => t.close())

  it('admit exactly the daily limit', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, () => zones(t)))
    assert.equal(replies.filter((r) => r.ret_code === 0).length, 7)
    assert.equal(replies.filter((r) => r.ret_code === 2500).length, 33)
  })
})

describe('parallel requests against a burst limit', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 1000, apiBurstLimit: 5 } })))
  after(() => t.close())

  it('admit exactly the burst limit and charge the day only for those', async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, () => zones(t)))
    assert.equal(replies.filter((r) => r.ret_code === 0).length, 5)
    assert.equal(replies.filter((r) => r.ret_code === 2500).length, 25)
    assert.deepEqual(
      (await usage(t, 'burst')).map((row) => row.request_count),
      [5],
    )
    // the day's counter holds whole leased blocks (10 slots: 1/100 of the limit); the refused
    // requests' day slots went back to this process's pool, so later requests use them without a new lease
    const [leased] = (await usage(t, 'day')).map((row) => row.request_count)
    assert.ok(leased !== undefined && leased >= 5 && leased % 10 === 0, `leased ${leased}`)
    for (let i = 0; i < leased - 5; i++) {
      if (i % 5 === 0) t.clock.advance(10_000) // a fresh burst window every 5 requests
      ok(await zones(t))
    }
    t.clock.advance(10_000)
    assert.deepEqual(
      (await usage(t, 'day')).map((row) => row.request_count),
      [leased],
      'served from the pool',
    )
    ok(await zones(t))
    assert.deepEqual(
      (await usage(t, 'day')).map((row) => row.request_count),
      [leased + 10],
      'the next block',
    )
  })
})

describe('old counters', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ config: { apiDailyLimit: 100, apiBurstLimit: 100, timezone: 'Asia/Shanghai' } })))
  after(() => t.close())

  const plant = (period: 'day' | 'burst', period_key: string) => t.store.db.insertInto('api_usage').values({ user_id: 'usr-old', period, period_key, request_count: 9 }).execute()
  const keys = async () => (await t.store.db.selectFrom('api_usage').select(['period', 'period_key']).where('user_id', '=', 'usr-old').orderBy('period').orderBy('period_key').execute()).map((r) => `${r.period} ${r.period_key}`)

  it('are pruned now and then, not on every request: burst windows after a few windows, days before yesterday', async () => {
    await plant('day', '2026-01-14') // yesterday in Shanghai: kept
    await plant('day', '2026-01-13')
    await plant('burst', '2026-01-15T07:59:20Z') // four windows back: pruned
    await plant('burst', '2026-01-15T07:59:30Z') // three windows back: kept (another server's clock may lag)
    ok(await zones(t)) // the first request of a process prunes
    assert.deepEqual(await keys(), ['burst 2026-01-15T07:59:30Z', 'day 2026-01-14'])

    await plant('day', '2026-01-13')
    t.clock.advance(59_000)
    ok(await zones(t))
    assert.deepEqual(await keys(), ['burst 2026-01-15T07:59:30Z', 'day 2026-01-13', 'day 2026-01-14'], 'not pruned again within a minute')
    t.clock.advance(1_000)
    ok(await zones(t))
    assert.deepEqual(await keys(), ['day 2026-01-14'])
  })
})
