// The overload guard (protocol/overload.ts) through the wire: a request beyond maxInFlight and a
// request past its deadline are answered 5100 ServerBusy with the standard error body, the work
// past its deadline rolls back and keeps its slot until it ends, and service is whole again
// afterwards. A test-only action `Hold` (added to the iaas module of these apps only) waits on a
// promise the test controls, so "in flight" is a fact, not a timing. Runs on TEST_DATABASE.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { afterEach, describe, it } from 'node:test'
import pino from 'pino'
import Type from 'typebox'
import { modules } from '../../src/modules.ts'
import { defineAction } from '../../src/protocol/action.ts'
import { Optional, Str } from '../../src/protocol/params.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

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
    if (p.mark) await ctx.db.insertInto('settings').values({ name: `overload-test:${p.mark}`, value: 'written' }).execute()
    return { held: true }
  },
})
const withHold = modules.map((m) => (m.name === 'iaas' ? { ...m, actions: new Map([...m.actions, [hold.name, hold]]) } : m))

let t: TestApp | undefined
afterEach(async () => {
  gate.release() // never leave a handler waiting (a failed assertion would)
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
    t = await startTestApp({ modules: withHold, config: { maxInFlight: 2, requestTimeoutMs: 600_000 } })
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

  it('uses 256 and 30 s when nothing is configured', async () => {
    t = await startTestApp()
    const text = await metricsText(t)
    assert.equal(series(text, 'qinglocal_api_max_in_flight'), 256)
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
    assert.deepEqual(access.map((l) => l.ret_code), [5100], 'the access log keeps what the client was told')
    const finished = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('a request answered 5100 at its deadline'))
    assert.deepEqual(
      finished.map((l) => [l.msg, l.action, l.ret_code]),
      [['a request answered 5100 at its deadline finished without taking effect', 'Hold', 5100]],
    )
    // no second reply was attempted (fastify would warn "Reply was already sent", with the query string)
    assert.deepEqual(lines.filter((l) => (l.level as number) >= 40), [])
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
