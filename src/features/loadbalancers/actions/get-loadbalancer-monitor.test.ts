// GetLoadBalancerMonitor: series on the step grid inside the request and the resource's life,
// compressed as QingCloud does (checked with a decoder written from the grammar), the same answer
// every time and from every process, values shaped by the real listeners, backends and EIPs, and
// 1100 / 1400 / 2100 for bad input and other users' or unknown resources. The test clock stands at
// 2026-01-15T08:00:00Z.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocateOne } from '../../../../test/support/fixtures-eips.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { bindEipRow, insertBackend, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { monitor, onlySeries } from '../../../../test/support/lb-monitor-fixtures.ts'
import { at, decode, insertLease } from '../../../../test/support/monitor-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const H6 = '2026-01-15T06:00:00Z'
const NOW = '2026-01-15T08:00:00Z'

/** An LB created at `created` with an http listener and a running instance behind it, all from `created`. */
async function busyLoadBalancer(created = '2026-01-15T06:02:30Z', protocol = 'http') {
  const lb = await insertLoadBalancer(t, { create_time: created, status_time: created })
  const listener = await insertListener(t, lb, { listener_protocol: protocol, backend_protocol: protocol, create_time: created })
  const instance = await insertInstance(t, { status: 'running', status_time: created })
  const backend = await insertBackend(t, listener, { resource_id: instance.instance_id, port: 80, create_time: created })
  return { lb, listener, instance, backend }
}

const times = (points: Array<[number, unknown]>) => points.map(([time]) => time)
const grid = (from: string, to: string, step = 300) => Array.from({ length: (at(to) - at(from)) / step + 1 }, (_, i) => at(from) + i * step)

describe('GetLoadBalancerMonitor', () => {
  it('answers traffic per bound EIP: [in, out] integer bytes/s on the 5m grid from the first step the load balancer ran in', async () => {
    const { lb } = await busyLoadBalancer()
    const eip = await allocateOne(t, { bandwidth: 10 })
    await bindEipRow(t, lb, eip, new Date('2026-01-15T06:00:00Z'))
    const reply = await monitor(t, { resource: lb.loadbalancer_id, start_time: H6, end_time: '2026-01-15T09:00:00Z' })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.action, 'GetLoadBalancerMonitorResponse')
    assert.equal(reply.resource_id, lb.loadbalancer_id)
    assert.deepEqual(
      reply.meter_set.map((m: any) => [m.meter_id, m.data_set.map((d: any) => d.eip_id)]),
      [['traffic', [eip]]],
    )
    const data = reply.meter_set[0].data_set[0].data
    // created 06:02:30: the step ending 06:05 is the first; nothing after now (08:00) though end_time is later
    assert.deepEqual(data[0][0], at('2026-01-15T06:05:00Z'))
    const points = decode(data, '5m')
    assert.deepEqual(times(points), grid('2026-01-15T06:05:00Z', NOW))
    for (const [, v] of points) {
      assert.ok(Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0), JSON.stringify(v))
      // 10 Mbps is 1 250 000 bytes/s at most
      assert.ok((v[1] as number) > 0 && (v[1] as number) <= 1_250_000 && (v[0] as number) < (v[1] as number))
    }
    // consecutive slots are bare pairs, not offsets
    assert.ok(data.slice(1).every((e: unknown) => Array.isArray(e) && !Array.isArray(e[1])))
  })

  it('answers one data_set entry with eip_id "" for a load balancer without EIPs, and [0, 0] before it has a listener', async () => {
    const lb = await insertLoadBalancer(t, { create_time: H6, status_time: H6 })
    await insertListener(t, lb, { create_time: '2026-01-15T07:00:00Z' })
    const reply = await monitor(t, { resource: lb.loadbalancer_id, start_time: H6, end_time: NOW })
    assert.equal(reply.meter_set[0].data_set[0].eip_id, '')
    const points = decode(onlySeries(reply), '5m')
    // the step ending 06:00 lies before the load balancer
    assert.deepEqual(times(points), grid('2026-01-15T06:05:00Z', NOW))
    for (const [time, v] of points) {
      if (time < at('2026-01-15T07:00:00Z')) assert.deepEqual(v, [0, 0])
      else assert.ok((v as number[])[1]! > 0)
    }
  })

  it('leaves out the time a load balancer was stopped: one [span, [in, out]] element after the gap', async () => {
    const lb = await insertLoadBalancer(t, { create_time: '2026-01-15T05:00:00Z', status_time: '2026-01-15T07:00:00Z' })
    await insertListener(t, lb, { create_time: '2026-01-15T05:00:00Z' })
    const owner = { id: lb.loadbalancer_id, type: 'loadbalancer', owner: lb.owner }
    await insertLease(t, owner, new Date('2026-01-15T05:00:00Z'), new Date('2026-01-15T06:00:00Z'))
    await insertLease(t, owner, new Date('2026-01-15T07:00:00Z'), null)
    const data = onlySeries(await monitor(t, { resource: lb.loadbalancer_id, start_time: '2026-01-15T05:00:00Z', end_time: NOW }))
    const points = decode(data, '5m')
    assert.deepEqual(times(points), [...grid('2026-01-15T05:05:00Z', '2026-01-15T06:00:00Z'), ...grid('2026-01-15T07:05:00Z', NOW)])
    const gap = data.findIndex((e) => Array.isArray(e) && Array.isArray(e[1]) && e !== data[0])
    assert.deepEqual((data[gap] as unknown[])[0], 3900)
    assert.equal(data.filter((e) => Array.isArray(e) && Array.isArray(e[1])).length, 2, 'the first element and the one after the gap')

    // stopped for good at 07:30 (no leases): its last point is the step ending then
    const stopped = await insertLoadBalancer(t, { create_time: '2026-01-15T07:00:00Z', status: 'stopped', status_time: '2026-01-15T07:30:00Z' })
    const last = decode(onlySeries(await monitor(t, { resource: stopped.loadbalancer_id, start_time: H6, end_time: NOW })), '5m')
    assert.deepEqual(times(last), grid('2026-01-15T07:05:00Z', '2026-01-15T07:30:00Z'))
    // a load balancer still being created has no points yet
    const pending = await insertLoadBalancer(t, { status: 'pending' })
    assert.deepEqual(onlySeries(await monitor(t, { resource: pending.loadbalancer_id, start_time: H6, end_time: NOW })), [])
  })

  it('puts points on multiples of the step for 15m, 2h and 1d (epoch seconds), inside the requested range', async () => {
    const lb = await insertLoadBalancer(t, { create_time: '2025-12-01T03:10:00Z', status_time: '2025-12-01T03:10:00Z' })
    await insertListener(t, lb, { create_time: '2025-12-01T03:10:00Z' })
    for (const [step, seconds, start] of [
      ['15m', 900, '2026-01-15T01:07:00Z'],
      ['2h', 7200, '2026-01-10T00:00:01Z'],
      ['1d', 86400, '2025-12-05T12:00:00.250Z'],
    ] as const) {
      const points = decode(onlySeries(await monitor(t, { resource: lb.loadbalancer_id, step, start_time: start, end_time: '2026-01-15T07:59:59Z' })), step)
      const first = Math.ceil(new Date(start).getTime() / 1000 / seconds) * seconds
      assert.deepEqual(times(points), grid(new Date(first * 1000).toISOString(), new Date(Math.floor(at('2026-01-15T07:59:59Z') / seconds) * seconds * 1000).toISOString(), seconds), step)
    }
  })

  it('answers the same series to the same request, from another app on the same store too', async () => {
    const { lb, listener, backend } = await busyLoadBalancer('2026-01-15T05:31:00Z')
    const eip = await allocateOne(t, { bandwidth: 5 })
    await bindEipRow(t, lb, eip, new Date('2026-01-15T05:31:00Z'))
    const second = await startTestApp({ store: t.store, box: t.box, idSeed: 7 })
    try {
      for (const resource of [lb.loadbalancer_id, listener.loadbalancer_listener_id, backend.loadbalancer_backend_id]) {
        const q = { resource, start_time: H6, end_time: NOW }
        const first = await monitor(t, q)
        assert.equal(first.ret_code, 0, first.message)
        assert.deepEqual(await monitor(t, q), first)
        assert.deepEqual(await monitor(second, q, { key: t.user }), first)
      }
    } finally {
      await second.app.close()
    }
  })

  it('shapes request values: http listener 14 fields, tcp listener 4, http backend 8, tcp backend an integer', async () => {
    const http = await busyLoadBalancer('2026-01-15T07:00:00Z', 'http')
    const listener = decode(onlySeries(await monitor(t, { resource: http.listener.loadbalancer_listener_id, start_time: '2026-01-15T07:00:00Z', end_time: NOW })), '5m')
    assert.equal(listener.length, 12)
    for (const [, v] of listener) {
      const f = String(v).split('|').map(Number)
      assert.equal(f.length, 14, String(v))
      assert.ok(f.every((n) => Number.isInteger(n) && n >= 0))
      const [requests, lb4xx, lb5xx, ...rest] = f as [number, number, number, ...number[]]
      assert.ok(requests > 0)
      assert.equal(
        rest.slice(0, 5).reduce((a, b) => a + b, 0),
        requests - lb4xx - lb5xx,
        'backends answer what the LB did not',
      )
      const [max, min, avg, maxConc, avgConc, limit] = rest.slice(5)
      assert.ok(max! >= avg! && avg! >= min! && min! >= 1 && maxConc! >= avgConc!)
      assert.equal(limit, 5000, 'a type 0 load balancer: 5k connections')
    }
    const backend = decode(onlySeries(await monitor(t, { resource: http.backend.loadbalancer_backend_id, start_time: '2026-01-15T07:00:00Z', end_time: NOW })), '5m')
    assert.equal(backend.length, 12)
    for (const [i, [, v]] of backend.entries()) {
      const f = String(v).split('|').map(Number)
      assert.equal(f.length, 8)
      // the only backend: everything the listener passed on
      assert.deepEqual(f.slice(0, 5), String(listener[i]![1]).split('|').map(Number).slice(3, 8))
    }

    const tcp = await busyLoadBalancer('2026-01-15T07:00:00Z', 'tcp')
    const tcpListener = decode(onlySeries(await monitor(t, { resource: tcp.listener.loadbalancer_listener_id, start_time: '2026-01-15T07:00:00Z', end_time: NOW })), '5m')
    for (const [, v] of tcpListener) assert.match(String(v), /^[1-9]\d*\|\d+\|\d+\|5000$/)
    const tcpBackend = decode(onlySeries(await monitor(t, { resource: tcp.backend.loadbalancer_backend_id, start_time: '2026-01-15T07:00:00Z', end_time: NOW })), '5m')
    assert.deepEqual(
      tcpBackend.map(([, v]) => v),
      tcpListener.map(([, v]) => Number(String(v).split('|')[0])),
    )
  })

  it('gives a backend zeros while its instance is not running, and an http listener with no backend up answers 5xx itself', async () => {
    const { listener, backend, instance } = await busyLoadBalancer('2026-01-15T07:00:00Z', 'http')
    await t.store.db.updateTable('instances').set({ status: 'stopped', status_time: '2026-01-15T07:30:00Z' }).where('instance_id', '=', instance.instance_id).execute()
    const q = { start_time: '2026-01-15T07:00:00Z', end_time: NOW }
    const b = decode(onlySeries(await monitor(t, { resource: backend.loadbalancer_backend_id, ...q })), '5m')
    assert.equal(b.length, 12, 'the backend still has points: it exists, it gets nothing')
    assert.ok(b.every(([, v]) => v === '0|0|0|0|0|0|0|0'))
    const l = decode(onlySeries(await monitor(t, { resource: listener.loadbalancer_listener_id, ...q })), '5m')
    for (const [, v] of l) {
      const f = String(v).split('|').map(Number)
      assert.ok(f[0]! > 0)
      assert.equal(f[2], f[0], 'every request a 5xx from the load balancer')
      assert.deepEqual(f.slice(3, 13), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }
    // started again at 07:30: up from the step ending then
    await t.store.db.updateTable('instances').set({ status: 'running', status_time: '2026-01-15T07:30:00Z' }).where('instance_id', '=', instance.instance_id).execute()
    const again = decode(onlySeries(await monitor(t, { resource: backend.loadbalancer_backend_id, ...q })), '5m')
    assert.deepEqual(
      again.map(([time, v]) => v !== '0|0|0|0|0|0|0|0' || time < at('2026-01-15T07:30:00Z')),
      again.map(() => true),
    )
    assert.ok(again.filter(([time]) => time >= at('2026-01-15T07:30:00Z')).every(([, v]) => Number(String(v).split('|')[1]) > 0))
  })

  it('answers 1100 naming the step, a time, the range or the meter', async () => {
    const { lb, listener } = await busyLoadBalancer()
    const id = lb.loadbalancer_id
    const refuse = async (q: Partial<Parameters<typeof monitor>[1]>, message: string | RegExp) => {
      const reply = await monitor(t, { resource: id, start_time: H6, end_time: NOW, ...q })
      assert.equal(reply.ret_code, 1100, JSON.stringify(q))
      if (typeof message === 'string') assert.equal(reply.message, `InvalidRequestFormat, ${message}`)
      else assert.match(reply.message, message)
    }
    await refuse({ step: '1h' }, 'parameter step should be one of 5m, 15m, 2h, 1d, got [1h]')
    await refuse({ step: '30m' }, /got \[30m\]/)
    await refuse({ start_time: '2026-01-15 06:00:00' }, /^InvalidRequestFormat, parameter start_time should be a UTC time/)
    await refuse({ end_time: '2026-02-30T00:00:00Z' }, /parameter end_time should be a UTC time/)
    await refuse({ end_time: H6 }, `parameter end_time [${H6}] should be after start_time [${H6}]`)
    await refuse({ start_time: NOW, end_time: H6 }, /end_time .* should be after start_time/)
    await refuse({ start_time: '2025-12-31T07:59:59Z' }, 'step [5m] covers only the last 15 days (since 2025-12-31T08:00:00Z): for start_time [2025-12-31T07:59:59Z] use step 2h or 1d')
    await refuse({ step: '15m', start_time: '2025-12-01T00:00:00Z' }, /use step 2h or 1d/)
    assert.equal((await monitor(t, { resource: id, step: '2h', start_time: '2025-12-01T00:00:00Z', end_time: NOW })).ret_code, 0)
    assert.equal((await monitor(t, { resource: id, start_time: '2025-12-31T08:00:00Z', end_time: NOW })).ret_code, 0)
    await refuse({ step: '2h', start_time: '2024-01-01T00:00:00Z' }, /^InvalidRequestFormat, the range from \[2024-01-01T00:00:00Z\] to \[2026-01-15T08:00:00Z\] holds 8945 points at step \[2h\], more than 5000 in one series/)
    await refuse({ meters: ['request'] }, 'meter [request] is not a meter of a load balancer: use traffic')
    await refuse({ meters: ['Traffic'] }, /meter \[Traffic\]/)
    await refuse({ meters: ['traffic', 'traffic'] }, /parameter meters lists \[traffic\] more than once/)
    await refuse({ resource: listener.loadbalancer_listener_id, meters: ['traffic'] }, 'meter [traffic] is not a meter of a load balancer listener: use request')
    await refuse({ resource: 'i-12345678' }, 'parameter resource [i-12345678] should be a load balancer (lb-…), listener (lbl-…) or backend (lbb-…)')
    const missing = await t.call('GetLoadBalancerMonitor', { resource: id, meters: ['traffic'], step: '5m', start_time: H6 })
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /end_time/)
  })

  it("answers 2100 for an unknown id and 1400 for another user's load balancer, listener or backend", async () => {
    for (const resource of ['lb-nothere', 'lbl-nothere', 'lbb-nothere']) {
      const reply = await monitor(t, { resource, start_time: H6, end_time: NOW })
      assert.deepEqual(reply, { ret_code: 2100, message: `ResourceNotFound, resource [${resource}] not found` })
    }
    const theirs = await insertLoadBalancer(t, { owner: t.admin.user_id })
    const theirListener = await insertListener(t, theirs)
    const theirBackend = await insertBackend(t, theirListener, { resource_id: '192.168.0.9', port: 80 })
    for (const resource of [theirs.loadbalancer_id, theirListener.loadbalancer_listener_id, theirBackend.loadbalancer_backend_id]) {
      const reply = await monitor(t, { resource, start_time: H6, end_time: NOW })
      assert.deepEqual(reply, { ret_code: 1400, message: `PermissionDenied, resource [${resource}] does not belong to you` })
      assert.equal((await monitor(t, { resource, start_time: H6, end_time: NOW }, { key: t.admin })).ret_code, 0, 'the owner reads it')
    }
    // another zone does not know it
    const other = await t.call('GetLoadBalancerMonitor', { resource: theirs.loadbalancer_id, meters: ['traffic'], step: '5m', start_time: H6, end_time: NOW, zone: 'sh1a' }, { key: t.admin })
    assert.equal(other.ret_code, 2100)
  })
})
