// GetMonitor and GetMonitors: instance, volume and EIP meters on the step grid, only while the
// resource really ran (an instance stopped and started through the API shows the gap; a volume
// only while attached, an EIP only while associated), shapes per meter checked with the decoder
// written from the grammar (test/support/monitor-fixtures.ts), the same answer every time and from
// every process, and 1100 / 1400 / 2100 for bad input and other users' or unknown resources.
// The test clock stands at 2026-01-15T08:00:00Z unless a test moves it (and puts it back).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { allocateOne, associate } from '../../../../test/support/fixtures-eips.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { startTestApp, TEST_START, type TestApp } from '../../../../test/support/harness.ts'
import { bindEipRow, insertListener, insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { at, decode } from '../../../../test/support/monitor-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const H6 = '2026-01-15T06:00:00Z'
const NOW = TEST_START

interface Q {
  resource: string
  meters: string[]
  step?: string
  start_time?: string
  end_time?: string
}
const monitor = (q: Q, options: { key?: TestApp['admin'] } = {}) => t.call('GetMonitor', { step: '5m', start_time: H6, end_time: NOW, ...q }, options)

/** The decoded series of every meter of a successful reply, by meter_id. */
function seriesOf(reply: Record<string, any>, step = '5m'): Map<string, Array<[number, unknown]>> {
  assert.equal(reply.ret_code, 0, reply.message)
  assert.equal(reply.action, 'GetMonitorResponse')
  return new Map(reply.meter_set.map((m: any) => [m.meter_id, decode(m.data, step)]))
}

const times = (points: Array<[number, unknown]>) => points.map(([time]) => time)
const grid = (from: string, to: string, step = 300) => Array.from({ length: (at(to) - at(from)) / step + 1 }, (_, i) => at(from) + i * step)
const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0)
const ok = (reply: Record<string, any>) => assert.equal(reply.ret_code, 0, reply.message)

/**
 * Through the API, with the clock moved: launched at 05:00 with a 30 GB volume and a 2 Mbps EIP,
 * stopped at 06:00, started again at 06:30; the clock is back at 08:00 afterwards.
 */
async function livedInstance() {
  t.clock.set('2026-01-15T05:00:00Z')
  try {
    const instance = await launchOne(t)
    const created = await t.call('CreateVolumes', { size: 30, volume_type: 0 })
    ok(created)
    await t.settle()
    const volume = created.volumes[0] as string
    ok(await t.call('AttachVolumes', { volumes: [volume], instance }))
    await t.settle()
    const eip = await allocateOne(t, { bandwidth: 2 })
    await associate(t, eip, instance)
    t.clock.set('2026-01-15T06:00:00Z')
    ok(await t.call('StopInstances', { instances: [instance] }))
    await t.settle()
    t.clock.set('2026-01-15T06:30:00Z')
    ok(await t.call('StartInstances', { instances: [instance] }))
    await t.settle()
    const described = await t.call('DescribeInstances', { instances: [instance], verbose: 1 })
    const nic = described.instance_set[0].vxnets[0]
    return { instance, volume, eip, mac: nic.nic_id as string, vxnet: nic.vxnet_id as string, osDisk: described.instance_set[0].os_disk_size ?? 20 }
  } finally {
    t.clock.set(NOW)
  }
}

let lived: Awaited<ReturnType<typeof livedInstance>>
/** The slots the instance above ran in, 05:00–08:00: 05:05–06:00 and 06:35–08:00. */
const RAN = [...grid('2026-01-15T05:05:00Z', '2026-01-15T06:00:00Z'), ...grid('2026-01-15T06:35:00Z', NOW)]

describe('GetMonitor', () => {
  before(async () => (lived = await livedInstance()))

  it('answers an instance’s cpu, memory, disks and NIC only while it ran: one [span, v] after the stop', async () => {
    const { instance, volume, mac, vxnet } = lived
    const meters = ['cpu', 'memory', 'disk-os', 'disk-iops-os', 'disk-us-os', `disk-${volume}`, `disk-iops-${volume}`, `disk-us-${volume}`, `if-${mac}`]
    const reply = await monitor({ resource: instance, meters, start_time: '2026-01-15T05:00:00Z', end_time: '2026-01-15T09:00:00Z' })
    assert.equal(reply.resource_id, instance)
    assert.deepEqual(
      reply.meter_set.map((m: any) => m.meter_id),
      meters,
    )
    const series = seriesOf(reply)
    for (const [meter, points] of series) assert.deepEqual(times(points), RAN, meter)
    const cpu = reply.meter_set[0].data
    // 05:05 … 06:00 is 12 points, then the gap: 06:35 is 2100 s after 06:00
    assert.deepEqual(cpu[12][0], 2100)
    assert.equal(cpu.filter((e: unknown) => Array.isArray(e)).length, 2, 'the first element and the one after the gap')

    for (const [, v] of series.get('cpu')!) assert.ok(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000, String(v))
    // c1m1: 1024 MB, of which 96 MB at least are the system's, never above 95%
    for (const [, v] of series.get('memory')!) assert.ok(Number.isInteger(v) && (v as number) >= 93 && (v as number) <= 950, String(v))
    for (const disk of ['os', volume]) {
      const bytes = series.get(`disk-${disk}`)!
      const ops = series.get(`disk-iops-${disk}`)!
      for (const [i, [, v]] of bytes.entries()) {
        const o = ops[i]![1]
        assert.ok(isPair(v) && isPair(o), `${JSON.stringify(v)} ${JSON.stringify(o)}`)
        // one draw: 4–64 KiB per operation, read and write alike
        for (const k of [0, 1] as const) assert.ok(v[k] >= o[k] * 4096 - 1024 && v[k] <= o[k] * 65536 + 65536, `${v} ${o}`)
      }
    }
    const fs = (gb: number) => Math.round(gb * 1024 * 0.934)
    for (const [disk, mount, gb] of [
      ['os', '/', lived.osDisk],
      [volume, '/mnt/vdb', 30],
    ] as const) {
      for (const [, v] of series.get(`disk-us-${disk}`)!) {
        const f = String(v).split('|')
        assert.equal(f.length, 4)
        assert.equal(f[0], mount)
        const [pct, used, free] = f.slice(1).map(Number) as [number, number, number]
        assert.equal(used + free, fs(gb))
        assert.equal(pct, Math.round((used / fs(gb)) * 100))
      }
    }
    const nic = reply.meter_set.at(-1)
    assert.equal(nic.vxnet_id, vxnet)
    assert.equal(nic.sequence, 0)
    // the primary NIC carries the EIP's traffic on top of the inside traffic
    const eipTraffic = seriesOf(await monitor({ resource: lived.eip, meters: ['traffic'], start_time: '2026-01-15T05:00:00Z' })).get('traffic')!
    assert.deepEqual(times(eipTraffic), RAN)
    for (const [i, [, v]] of series.get(`if-${mac}`)!.entries()) {
      const e = eipTraffic[i]![1] as [number, number]
      assert.ok(isPair(v))
      assert.ok(v[0] > e[0] && v[1] > e[1], `${v} over ${e}`)
    }
  })

  it('answers a volume’s disk meters while it is attached to a running instance, the same as through the instance', async () => {
    const { instance, volume } = lived
    const meters = [`disk-${volume}`, `disk-iops-${volume}`, `disk-us-${volume}`]
    const q = { meters, start_time: '2026-01-15T05:00:00Z' }
    const viaVolume = await monitor({ resource: volume, ...q })
    ok(viaVolume)
    assert.equal(viaVolume.resource_id, volume)
    const viaInstance = await monitor({ resource: instance, ...q })
    assert.deepEqual(viaVolume.meter_set, viaInstance.meter_set)
    for (const m of viaVolume.meter_set) assert.deepEqual(times(decode(m.data, '5m')), RAN)

    // attached at 07:00 to an instance running since 06:00: from the step ending 07:05
    const later = await insertInstance(t, { create_time: H6, status_time: H6 })
    const attached = await insertVolume(t, { status: 'in-use', instance_id: later.instance_id, device: '/dev/vdc', status_time: '2026-01-15T07:00:00Z' })
    const points = seriesOf(await monitor({ resource: attached.volume_id, meters: [`disk-${attached.volume_id}`] })).get(`disk-${attached.volume_id}`)!
    assert.deepEqual(times(points), grid('2026-01-15T07:05:00Z', NOW))
    // through the instance, its disk-us names its device
    const us = seriesOf(await monitor({ resource: later.instance_id, meters: [`disk-us-${attached.volume_id}`] })).get(`disk-us-${attached.volume_id}`)!
    assert.ok(us.every(([, v]) => String(v).startsWith('/mnt/vdc|')))
    // a detached volume has no points, and `data` is still there
    const loose = await insertVolume(t)
    const reply = await monitor({ resource: loose.volume_id, meters: [`disk-${loose.volume_id}`] })
    assert.deepEqual(reply.meter_set, [{ meter_id: `disk-${loose.volume_id}`, data: [] }])
  })

  it('answers an EIP’s traffic within its bandwidth while associated, and flow as bytes per step', async () => {
    const { eip } = lived
    const series = seriesOf(await monitor({ resource: eip, meters: ['traffic', 'flow'], start_time: '2026-01-15T05:00:00Z' }))
    const traffic = series.get('traffic')!
    assert.deepEqual(times(traffic), RAN)
    for (const [i, [, v]] of traffic.entries()) {
      // 2 Mbps: 250 000 bytes/s at most
      assert.ok(isPair(v) && v[1] > 0 && v[1] <= 250_000 && v[0] < v[1], JSON.stringify(v))
      assert.deepEqual(series.get('flow')![i]![1], [v[0] * 300, v[1] * 300])
    }
    // allocated, never associated: nothing
    const idle = await allocateOne(t)
    assert.deepEqual((await monitor({ resource: idle, meters: ['traffic'] })).meter_set, [{ meter_id: 'traffic', data: [] }])
    // bound to a load balancer: the load balancer's series for it
    const lb = await insertLoadBalancer(t, { create_time: H6, status_time: H6 })
    await insertListener(t, lb, { create_time: H6 })
    const bound = await allocateOne(t, { bandwidth: 5 })
    await bindEipRow(t, lb, bound, new Date('2026-01-15T06:30:00Z'))
    // as AssociateEipsToLoadBalancer's job leaves it
    await t.store.db.updateTable('eips').set({ status: 'associated', status_time: '2026-01-15T06:30:00Z' }).where('eip_id', '=', bound).execute()
    const lbReply = await t.call('GetLoadBalancerMonitor', { resource: lb.loadbalancer_id, meters: ['traffic'], step: '5m', start_time: H6, end_time: NOW })
    ok(lbReply)
    const mine = await monitor({ resource: bound, meters: ['traffic'] })
    assert.deepEqual(mine.meter_set[0].data, lbReply.meter_set[0].data_set[0].data)
    assert.equal(decode(mine.meter_set[0].data, '5m')[0]![0], at('2026-01-15T06:35:00Z'))
  })

  it('ends a stopped instance’s series at its status_time; one still pending has none', async () => {
    const stopped = await insertInstance(t, { create_time: H6, status: 'stopped', status_time: '2026-01-15T07:00:00Z' })
    assert.deepEqual(times(seriesOf(await monitor({ resource: stopped.instance_id, meters: ['cpu'] })).get('cpu')!), grid('2026-01-15T06:05:00Z', '2026-01-15T07:00:00Z'))
    const pending = await insertInstance(t, { status: 'pending' })
    assert.deepEqual((await monitor({ resource: pending.instance_id, meters: ['cpu', 'memory'] })).meter_set, [
      { meter_id: 'cpu', data: [] },
      { meter_id: 'memory', data: [] },
    ])
  })

  it('puts points on multiples of 15m, 2h and 1d, and answers the same series from another app on the same store', async () => {
    const { instance, volume, eip, mac } = lived
    for (const [step, seconds] of [
      ['15m', 900],
      ['2h', 7200],
    ] as const) {
      const points = seriesOf(await monitor({ resource: instance, meters: ['cpu'], step, start_time: '2026-01-14T00:00:00Z' }), step).get('cpu')!
      assert.ok(points.length > 0 && points.every(([time]) => time % seconds === 0 && time > at('2026-01-15T05:00:00Z') && time <= at(NOW)), step)
    }
    // no day ended since it was launched; one running for days has a point per midnight (UTC)
    assert.deepEqual((await monitor({ resource: instance, meters: ['cpu'], step: '1d', start_time: '2026-01-01T00:00:00Z' })).meter_set[0].data, [])
    const old = await insertInstance(t, { create_time: '2026-01-10T12:00:00Z', status_time: '2026-01-10T12:00:00Z' })
    const days = seriesOf(await monitor({ resource: old.instance_id, meters: ['cpu'], step: '1d', start_time: '2026-01-01T00:00:00Z' }), '1d').get('cpu')!
    assert.deepEqual(times(days), grid('2026-01-11T00:00:00Z', '2026-01-15T00:00:00Z', 86400))
    const second = await startTestApp({ store: t.store, box: t.box, idSeed: 7 })
    try {
      for (const q of [
        { resource: instance, meters: ['cpu', 'memory', 'disk-os', `disk-iops-${volume}`, `if-${mac}`] },
        { resource: volume, meters: [`disk-${volume}`] },
        { resource: eip, meters: ['traffic', 'flow'] },
      ]) {
        const first = await monitor(q)
        ok(first)
        assert.deepEqual(await monitor(q), first)
        assert.deepEqual(await second.call('GetMonitor', { step: '5m', start_time: H6, end_time: NOW, ...q }, { key: t.user }), first)
      }
    } finally {
      await second.app.close()
    }
  })

  it('answers 1100 naming the step, a time, the resource or the meter', async () => {
    const { instance, volume, eip } = lived
    const refuse = async (q: Partial<Q>, message: string | RegExp) => {
      const reply = await monitor({ resource: instance, meters: ['cpu'], ...q })
      assert.equal(reply.ret_code, 1100, `${JSON.stringify(q)}: ${reply.message}`)
      if (typeof message === 'string') assert.equal(reply.message, `InvalidRequestFormat, ${message}`)
      else assert.match(reply.message, message)
    }
    await refuse({ step: '1h' }, 'parameter step should be one of 5m, 15m, 2h, 1d, got [1h]')
    await refuse({ start_time: '2026-01-15 06:00:00' }, /parameter start_time should be a UTC time/)
    await refuse({ end_time: H6 }, `parameter end_time [${H6}] should be after start_time [${H6}]`)
    await refuse({ start_time: '2025-12-01T00:00:00Z' }, /step \[5m\] covers only the last 15 days/)
    await refuse({ meters: ['CPU'] }, /^InvalidRequestFormat, meter \[CPU\] is not a meter of instance \[i-[^\]]+\]: use cpu, memory, disk-os/)
    await refuse({ meters: ['traffic'] }, /meter \[traffic\] is not a meter of instance/)
    await refuse({ meters: ['cpu', 'cpu'] }, 'parameter meters lists [cpu] more than once')
    await refuse({ meters: ['disk-vol-nothere'] }, `meter [disk-vol-nothere] names volume [vol-nothere], which is not attached to instance [${instance}]`)
    await refuse({ meters: ['if-52:54:00:00:00:99'] }, `meter [if-52:54:00:00:00:99] names NIC [52:54:00:00:00:99], which is not attached to instance [${instance}]`)
    await refuse({ resource: volume, meters: ['disk-os'] }, `meter [disk-os] is not a meter of volume [${volume}]: use disk-${volume}, disk-iops-${volume}, disk-us-${volume}`)
    await refuse({ resource: volume, meters: ['disk-vol-other'] }, /meter \[disk-vol-other\] is not a meter of volume/)
    await refuse({ resource: eip, meters: ['cpu'] }, `meter [cpu] is not a meter of EIP [${eip}]: use traffic, flow`)
    await refuse({ resource: 'rtr-12345678' }, 'parameter resource [rtr-12345678] should be an instance (i-…), volume (vol-…) or EIP (eip-…)')
    const missing = await t.call('GetMonitor', { resource: instance, meters: ['cpu'], step: '5m', end_time: NOW })
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /start_time/)
    const noMeters = await t.call('GetMonitor', { resource: instance, step: '5m', start_time: H6, end_time: NOW })
    assert.equal(noMeters.ret_code, 1100)
    assert.match(noMeters.message, /meters/)
  })

  it("answers 2100 for an unknown id and 1400 for another user's instance, volume or EIP", async () => {
    for (const [resource, meters] of [
      ['i-nothere', ['cpu']],
      ['vol-nothere', ['disk-vol-nothere']],
      ['eip-nothere', ['traffic']],
    ] as const) {
      assert.deepEqual(await monitor({ resource, meters: [...meters] }), { ret_code: 2100, message: `ResourceNotFound, resource [${resource}] not found` })
    }
    const theirs = await insertInstance(t, { owner: t.admin.user_id, create_time: H6, status_time: H6 })
    const theirVolume = await insertVolume(t, { owner: t.admin.user_id })
    const theirEip = await allocateOne(t, {}, { key: t.admin })
    for (const [resource, meter] of [
      [theirs.instance_id, 'cpu'],
      [theirVolume.volume_id, `disk-${theirVolume.volume_id}`],
      [theirEip, 'traffic'],
    ] as const) {
      assert.deepEqual(await monitor({ resource, meters: [meter] }), { ret_code: 1400, message: `PermissionDenied, resource [${resource}] does not belong to you` })
      ok(await monitor({ resource, meters: [meter] }, { key: t.admin }))
    }
    // another zone does not know it
    assert.equal((await t.call('GetMonitor', { resource: lived.instance, meters: ['cpu'], step: '5m', start_time: H6, end_time: NOW, zone: 'sh1a' })).ret_code, 2100)
  })
})

describe('GetMonitors', () => {
  it('answers each resource as GetMonitor does, meters given as the docs’ JSON array', async () => {
    const { instance, eip } = lived
    const reply = await t.call('GetMonitors', {
      resource_meters_pairs: [
        { resource: instance, meters: '["cpu","memory"]' },
        { resource: eip, meters: '["traffic"]' },
      ],
      step: '5m',
      start_time: H6,
      end_time: NOW,
    })
    ok(reply)
    assert.equal(reply.action, 'GetMonitorsResponse')
    assert.deepEqual(reply.monitors, [
      { resource_id: instance, meter_set: (await monitor({ resource: instance, meters: ['cpu', 'memory'] })).meter_set },
      { resource_id: eip, meter_set: (await monitor({ resource: eip, meters: ['traffic'] })).meter_set },
    ])
  })

  it('refuses a bad meter list, a resource twice, more than 100 resources, and another user’s resource', async () => {
    const { instance } = lived
    const call = (pairs: unknown[]) => t.call('GetMonitors', { resource_meters_pairs: pairs, step: '5m', start_time: H6, end_time: NOW })
    const bad = await call([{ resource: instance, meters: 'cpu,memory' }])
    assert.equal(bad.ret_code, 1100)
    assert.match(bad.message, /parameter resource_meters_pairs\.1\.meters should be a JSON array of meter names/)
    const twice = await call([
      { resource: instance, meters: '["cpu"]' },
      { resource: instance, meters: '["memory"]' },
    ])
    assert.equal(twice.ret_code, 1100)
    assert.match(twice.message, /lists \[i-[^\]]+\] more than once/)
    const many = await call(Array.from({ length: 101 }, (_, i) => ({ resource: `i-${String(i).padStart(8, '0')}`, meters: '["cpu"]' })))
    assert.equal(many.ret_code, 1100)
    assert.match(many.message, /101 resources, more than 100/)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    assert.equal((await call([{ resource: theirs.instance_id, meters: '["cpu"]' }])).ret_code, 1400)
  })
})
