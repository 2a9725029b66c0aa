// The overload guard (protocol/overload.ts) through the wire: a request beyond maxInFlight, beyond
// its user's share (maxInFlightPerUser) and past its deadline is answered 5100 ServerBusy with the
// standard error body, the work past its deadline rolls back and keeps its slots until it ends, one
// user at their share leaves the others served, and service is whole again afterwards. Test-only
// actions `Hold` and `Wait` (added to the iaas module of these apps only; `WaitPublic` to the
// account module, needing no credentials) wait on promises the test controls, so "in flight" is a
// fact, not a timing. Runs on TEST_DATABASE.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { afterEach, describe, it } from 'node:test'
import pino from 'pino'
import Type from 'typebox'
import { modules } from '../../src/modules.ts'
import { defineAction } from '../../src/protocol/action.ts'
import { Optional, Str } from '../../src/protocol/params.ts'
import { newAccessKey, sessionUser } from '../support/fixtures-access-keys.ts'
import { startTestApp, type Key, type TestApp } from '../support/harness.ts'

/** A promise the test resolves, and one the action resolves once it is running. */
class Gate {
  entered!: () => void
  release!: () => void
  readonly inside = new Promise<void>((resolve) => (this.entered = resolve))
  readonly open = new Promise<void>((resolve) => (this.release = resolve))
}
let gate = new Gate()

/**
 * Waits for the gate, then writes a settings row named after `mark` (to see whether its transaction
 * committed). It waits in `prepare`, outside any transaction: on SQLite an open transaction holds
 * the only connection, and a second request in flight could not even authenticate.
 */
const hold = defineAction({
  name: 'Hold',
  params: Type.Object({ mark: Optional(Str({ maxLength: 40 })) }),
  zone: 'none',
  async prepare() {
    const mine = gate
    mine.entered()
    await mine.open
  },
  async handle(p, ctx) {
    if (p.mark)
      await ctx.db
        .insertInto('settings')
        .values({ name: `overload-test:${p.mark}`, value: 'written' })
        .execute()
    return { held: true }
  },
})
/** Requests waiting together until the test opens the door: how many are inside is counted. */
class Crowd {
  inside = 0
  release!: () => void
  readonly open = new Promise<void>((resolve) => (this.release = resolve))
  private waiters: Array<() => void> = []
  enter(): void {
    this.inside++
    for (const wake of this.waiters.splice(0)) wake()
  }
  /** Resolves once `n` requests are inside. */
  async reached(n: number): Promise<void> {
    while (this.inside < n) await new Promise<void>((resolve) => this.waiters.push(resolve))
  }
}
let crowd = new Crowd()

/** Joins the current crowd in `prepare` (outside any transaction) and waits for its door: a request holding its slots. */
const wait = defineAction({
  name: 'Wait',
  params: Type.Object({}),
  zone: 'none',
  async prepare() {
    const mine = crowd
    mine.enter()
    await mine.open
  },
  async handle() {
    return { waited: true }
  },
})
const waitPublic = defineAction({ ...wait, name: 'WaitPublic', auth: 'public' })
const withHold = modules.map((m) =>
  m.name === 'iaas' ? { ...m, actions: new Map([...m.actions, [hold.name, hold], [wait.name, wait]]) } : m.name === 'account' ? { ...m, actions: new Map([...m.actions, [waitPublic.name, waitPublic]]) } : m,
)

let t: TestApp | undefined
afterEach(async () => {
  gate.release() // never leave a handler waiting (a failed assertion would)
  crowd.release()
  await t?.close()
  t = undefined
})

async function metricsText(app: TestApp): Promise<string> {
  const response = await app.app.inject({ method: 'GET', url: '/metrics' })
  assert.equal(response.statusCode, 200)
  return response.body
}

/** The value of one series (`name{labels}` exactly as prom-client writes it), or undefined. */
function series(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return line === undefined ? undefined : Number(line.slice(name.length + 1))
}

const BUSY_IN_FLIGHT = { ret_code: 5100, message: 'ServerBusy, requests in flight reached the limit [1], retry later' }

describe('more requests than maxInFlight', () => {
  it('answers the one beyond the limit 5100 at once (GET and POST), keeps /healthz and /metrics, and serves fully once the held request ends', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 1, requestTimeoutMs: 600_000 } })
    const app = t
    gate = new Gate()
    const held = app.call('Hold')
    await gate.inside

    assert.deepEqual(await app.call('DescribeZones'), BUSY_IN_FLIGHT)
    const post = await app.send({ method: 'POST', params: { action: 'DescribeInstances', zone: 'pek3a' } })
    assert.equal(post.status, 200)
    assert.match(String(post.headers['content-type']), /^application\/json/)
    assert.deepEqual(post.body, BUSY_IN_FLIGHT)
    // an unknown path is an API request too: busy before anything else is looked at
    assert.deepEqual((await app.send({ path: '/nowhere/', params: { action: 'DescribeZones' } })).body, BUSY_IN_FLIGHT)

    const health = await app.app.inject({ method: 'GET', url: '/healthz' })
    assert.deepEqual([health.statusCode, JSON.parse(health.body)], [200, { status: 'ok' }])
    const during = await metricsText(app)
    assert.equal(series(during, 'qinglocal_api_requests_in_flight'), 1)
    assert.equal(series(during, 'qinglocal_api_max_in_flight'), 1)
    assert.equal(series(during, 'qinglocal_api_request_timeout_seconds'), 600)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="in_flight"}'), 3)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="deadline"}'), 0)
    assert.equal(series(during, 'qinglocal_api_requests_total{action="DescribeZones",ret_code="5100"}'), 2)
    assert.equal(series(during, 'qinglocal_api_requests_total{action="DescribeInstances",ret_code="5100"}'), 1)

    gate.release()
    assert.deepEqual(await held, { action: 'HoldResponse', held: true, ret_code: 0 })
    assert.equal((await app.call('DescribeZones')).ret_code, 0)
    assert.equal((await app.call('Hold')).ret_code, 0) // the gate stays open
    const after = await metricsText(app)
    assert.equal(series(after, 'qinglocal_api_requests_in_flight'), 0)
    assert.equal(series(after, 'qinglocal_api_busy_total{reason="in_flight"}'), 3)
    assert.equal(series(after, 'qinglocal_api_requests_total{action="DescribeZones",ret_code="0"}'), 1)
  })

  it('takes maxInFlight requests at once: with a limit of 2 a second request is served while one is held', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 2, maxInFlightPerUser: 2, requestTimeoutMs: 600_000 } })
    const app = t
    gate = new Gate()
    const first = app.call('Hold')
    await gate.inside
    const entered = gate
    gate = new Gate() // the second Hold waits on a gate of its own
    const second = app.call('Hold')
    await gate.inside
    assert.deepEqual(await app.call('DescribeZones'), { ret_code: 5100, message: 'ServerBusy, requests in flight reached the limit [2], retry later' })
    entered.release()
    gate.release()
    assert.equal((await first).ret_code, 0)
    assert.equal((await second).ret_code, 0)
  })

  it('uses 256, 64 per user and 30 s when nothing is configured', async () => {
    t = await startTestApp()
    const text = await metricsText(t)
    assert.equal(series(text, 'qinglocal_api_max_in_flight'), 256)
    assert.equal(series(text, 'qinglocal_api_max_in_flight_per_user'), 64)
    assert.equal(series(text, 'qinglocal_api_busy_total{reason="user_in_flight"}'), 0)
    assert.equal(series(text, 'qinglocal_api_request_timeout_seconds'), 30)
  })
})

describe('the deadline', () => {
  it('answers a request still unanswered at its deadline 5100 then; its work rolls back and holds its slot until it ends', async () => {
    const lines: Array<Record<string, unknown>> = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        done()
      },
    })
    // 1 s is far beyond what a DescribeZones takes, and the Hold below is past it by construction
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 1, requestTimeoutMs: 1000 }, logger: pino({ level: 'info' }, sink) })
    const app = t
    gate = new Gate()

    // the handler is still waiting on the gate: only the deadline can have answered
    const late = await app.call('Hold', { mark: 'late' })
    assert.deepEqual(late, { ret_code: 5100, message: 'ServerBusy, the request was not answered within [1000] ms, its outcome is unknown: check with a Describe action before retrying' })
    // the work goes on in the background and still counts
    assert.deepEqual(await app.call('DescribeZones'), BUSY_IN_FLIGHT)
    const during = await metricsText(app)
    assert.equal(series(during, 'qinglocal_api_requests_in_flight'), 1)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="deadline"}'), 1)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="in_flight"}'), 1)
    assert.equal(series(during, 'qinglocal_api_requests_total{action="Hold",ret_code="5100"}'), 1)

    gate.release()
    // the slot is given back when the work ends; wait for that outcome (not for a time)
    while (series(await metricsText(app), 'qinglocal_api_requests_in_flight') !== 0) await new Promise((r) => setTimeout(r, 10))
    const row = await app.store.db.selectFrom('settings').select('value').where('name', '=', 'overload-test:late').executeTakeFirst()
    assert.equal(row, undefined, 'a request answered 5100 at its deadline must not commit afterwards')
    assert.equal((await app.call('DescribeZones')).ret_code, 0)

    const access = lines.filter((l) => l.msg === 'request' && l.action === 'Hold')
    assert.deepEqual(
      access.map((l) => l.ret_code),
      [5100],
      'the access log keeps what the client was told',
    )
    const finished = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('a request answered 5100 at its deadline'))
    assert.deepEqual(
      finished.map((l) => [l.msg, l.action, l.ret_code]),
      [['a request answered 5100 at its deadline finished without taking effect', 'Hold', 5100]],
    )
    // no second reply was attempted (fastify would warn "Reply was already sent", with the query string)
    assert.deepEqual(
      lines.filter((l) => (l.level as number) >= 40),
      [],
    )
  })

  it('answers a later request at its own deadline after the oldest ended in time (one timer serves every deadline)', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 8, requestTimeoutMs: 1000 } })
    const app = t
    gate = new Gate()
    crowd = new Crowd()
    const first = app.call('Hold', { mark: 'first' })
    await gate.inside
    const second = app.call('Wait', {})
    await crowd.reached(1)
    // the oldest request, the one the timer was armed for, ends well before its deadline…
    gate.release()
    assert.equal((await first).ret_code, 0)
    // …and the later one, still waiting on the crowd, is answered at its own
    const late = await second
    assert.equal(late.ret_code, 5100)
    assert.match(late.message, /^ServerBusy, the request was not answered within \[1000\] ms/)
    crowd.release()
    await drained(app)
    const row = await app.store.db.selectFrom('settings').select('value').where('name', '=', 'overload-test:first').executeTakeFirst()
    assert.deepEqual(row, { value: 'written' })
  })

  it('commits a request that ends before its deadline as usual', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 1, requestTimeoutMs: 600_000 } })
    gate = new Gate()
    gate.release()
    assert.equal((await t.call('Hold', { mark: 'prompt' })).ret_code, 0)
    const row = await t.store.db.selectFrom('settings').select('value').where('name', '=', 'overload-test:prompt').executeTakeFirst()
    assert.deepEqual(row, { value: 'written' })
  })
})

const BUSY_USER = { ret_code: 5100, message: 'ServerBusy, requests in flight for this user reached the limit [2], retry later' }

/** A user with both an access key and a session, to call as either. */
async function userA(app: TestApp): Promise<{ user_id: string; token: string; key: Key }> {
  const { user_id, token } = await sessionUser(app)
  return { user_id, token, key: await newAccessKey(app, token) }
}

/** Waits until no API request is in flight any more (the slots are given back as the work ends). */
async function drained(app: TestApp): Promise<void> {
  while (series(await metricsText(app), 'qinglocal_api_requests_in_flight') !== 0) await new Promise((r) => setTimeout(r, 10))
}

describe("one user's share of the slots (maxInFlightPerUser)", () => {
  it('answers a user beyond their share 5100 (signed or by session) while another user and the admin are served; after the burst the user is served again', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 8, maxInFlightPerUser: 2, requestTimeoutMs: 600_000 } })
    const app = t
    const a = await userA(app)
    crowd = new Crowd()
    const held = [app.call('Wait', {}, { key: a.key }), app.call('Wait', {}, { key: a.key })]
    await crowd.reached(2)

    // A is at their share, whatever they ask and however they authenticate
    gate = new Gate()
    gate.release() // a Hold let in would end at once (without the share, this assertion fails rather than hangs)
    assert.deepEqual(await app.call('Hold', {}, { key: a.key }), BUSY_USER)
    assert.deepEqual(await app.call('DescribeZones', {}, { key: a.key }), BUSY_USER)
    assert.deepEqual((await app.account('DescribeAccessKeys', {}, { token: a.token })).body, BUSY_USER)
    // everybody else is served: another user, the admin signing an iaas and an admin action
    assert.equal((await app.call('DescribeZones')).ret_code, 0)
    assert.equal((await app.call('DescribeZones', {}, { key: app.admin })).ret_code, 0)
    assert.equal((await app.admin_call('DescribeFaults')).ret_code, 0)
    // and may hold slots of their own next to A's
    const other = app.call('Wait')
    await crowd.reached(3)

    const during = await metricsText(app)
    assert.equal(series(during, 'qinglocal_api_requests_in_flight'), 3)
    assert.equal(series(during, 'qinglocal_api_max_in_flight_per_user'), 2)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="user_in_flight"}'), 3)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="in_flight"}'), 0)

    crowd.release()
    for (const reply of [...(await Promise.all(held)), await other]) assert.deepEqual(reply, { action: 'WaitResponse', waited: true, ret_code: 0 })
    await drained(app)
    // no slot leaked: A holds their whole share again, and is refused only beyond it
    crowd = new Crowd()
    const again = [app.call('Wait', {}, { key: a.key }), app.call('Wait', {}, { key: a.key })]
    await crowd.reached(2)
    assert.deepEqual(await app.call('DescribeZones', {}, { key: a.key }), BUSY_USER)
    crowd.release()
    for (const reply of await Promise.all(again)) assert.equal(reply.ret_code, 0)
    await drained(app)
    assert.equal((await app.call('DescribeZones', {}, { key: a.key })).ret_code, 0)
    assert.equal(series(await metricsText(app), 'qinglocal_api_busy_total{reason="user_in_flight"}'), 4)
  })

  it("takes no user's slot for a request that fails authentication, even naming that user's key", async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 16, maxInFlightPerUser: 2, requestTimeoutMs: 600_000 } })
    const app = t
    const a = await userA(app)
    crowd = new Crowd()
    const first = app.call('Wait', {}, { key: a.key })
    await crowd.reached(1)
    // forged requests in A's name are refused as forged (not as busy) and leave A's share alone
    const forged = await Promise.all(Array.from({ length: 10 }, () => app.send({ params: { action: 'Wait' }, key: a.key, signature: 'Zm9yZ2Vk' })))
    for (const reply of forged) assert.equal(reply.body.ret_code, 1200)
    const second = app.call('Wait', {}, { key: a.key })
    await crowd.reached(2)
    assert.deepEqual(await app.call('DescribeZones', {}, { key: a.key }), BUSY_USER)
    // a key that is not an admin's cannot reach the admin module, nor take the admin's slots
    assert.equal((await app.admin_call('DescribeFaults', {}, { key: a.key })).ret_code, 1400)
    crowd.release()
    assert.equal((await first).ret_code, 0)
    assert.equal((await second).ret_code, 0)
    assert.equal(series(await metricsText(app), 'qinglocal_api_busy_total{reason="user_in_flight"}'), 1)
  })

  it('counts callers of public actions as one user: strangers together take one share, signed users are served', async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 8, maxInFlightPerUser: 2, requestTimeoutMs: 600_000 } })
    const app = t
    crowd = new Crowd()
    const held = [app.account('WaitPublic'), app.account('WaitPublic')]
    await crowd.reached(2)
    const busy = { ret_code: 5100, message: 'ServerBusy, requests in flight of callers without credentials (public actions) reached the limit [2], retry later' }
    assert.deepEqual((await app.account('Login', { email: 'nobody@example.com', password: 'wrong password 1' })).body, busy)
    assert.equal((await app.call('DescribeZones')).ret_code, 0)
    crowd.release()
    for (const reply of await Promise.all(held)) assert.equal(reply.body.ret_code, 0)
    await drained(app)
    assert.notEqual((await app.account('Login', { email: 'nobody@example.com', password: 'wrong password 1' })).body.ret_code, 5100)
  })

  it("keeps a user's overdue requests in their own share only: the user is refused, others are served, and the slots come back when the work ends", async () => {
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 8, maxInFlightPerUser: 2, requestTimeoutMs: 1000 } })
    const app = t
    const a = await userA(app)
    crowd = new Crowd()
    // the handlers are still waiting on the crowd: only the deadline can have answered them
    const late = await Promise.all([app.call('Wait', {}, { key: a.key }), app.call('Wait', {}, { key: a.key })])
    for (const reply of late) assert.equal(reply.ret_code, 5100)
    for (const reply of late) assert.match(reply.message, /^ServerBusy, the request was not answered within \[1000\] ms/)
    // the overdue work still holds A's share…
    assert.deepEqual(await app.call('DescribeZones', {}, { key: a.key }), BUSY_USER)
    // …and nobody else's
    assert.equal((await app.call('DescribeZones')).ret_code, 0)
    assert.equal((await app.call('DescribeZones', {}, { key: app.admin })).ret_code, 0)
    const during = await metricsText(app)
    assert.equal(series(during, 'qinglocal_api_requests_in_flight'), 2)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="deadline"}'), 2)
    assert.equal(series(during, 'qinglocal_api_busy_total{reason="user_in_flight"}'), 1)

    crowd.release()
    await drained(app)
    assert.equal((await app.call('DescribeZones', {}, { key: a.key })).ret_code, 0)
    crowd = new Crowd()
    crowd.release()
    for (const reply of await Promise.all([app.call('Wait', {}, { key: a.key }), app.call('Wait', {}, { key: a.key })])) assert.equal(reply.ret_code, 0)
  })
})
