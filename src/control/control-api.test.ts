// The control API through the wire: admin-signed GETs under /_qinglocal/, refused to users (1400),
// bad signatures (1200) and non-loopback addresses (1400, unless controlFromAnywhere); health shows
// the store's state as it changes, coverage the documented list.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../lib/clock.ts'
import { sign } from '../protocol/signature.ts'
import { startTestApp, type TestApp } from '../../test/support/harness.ts'
import { isLoopback } from './control-api.ts'

interface Key {
  access_key_id: string
  secret_access_key: string
}

let t: TestApp
let open: TestApp
before(async () => {
  t = await startTestApp()
  open = await startTestApp({ config: { controlFromAnywhere: true } })
})
after(async () => {
  await t.close()
  await open.close()
})

/** A GET signed as `qinglocal health` signs it: the path and the signed query, no action. */
function signedUrl(app: TestApp, path: string, key: Key, tamper = false, params: Record<string, string> = {}): string {
  const wire: Record<string, string> = {
    ...params,
    access_key_id: key.access_key_id,
    signature_method: 'HmacSHA256',
    signature_version: '1',
    version: '1',
    time_stamp: formatTime(app.clock.now()),
  }
  const signature = sign({ method: 'GET', path, params: wire, secret: key.secret_access_key })
  return `${path}?${new URLSearchParams({ ...wire, signature: tamper ? `x${signature}` : signature })}`
}

async function get(app: TestApp, path: string, key: Key, options: { remoteAddress?: string; tamper?: boolean; params?: Record<string, string> } = {}) {
  const reply = await app.app.inject({ method: 'GET', url: signedUrl(app, path, key, options.tamper, options.params), ...(options.remoteAddress && { remoteAddress: options.remoteAddress }) })
  assert.equal(reply.statusCode, 200)
  assert.match(String(reply.headers['content-type']), /^application\/json/)
  return JSON.parse(reply.body) as Record<string, any>
}

describe('GET /_qinglocal/health', () => {
  it('answers an admin with the version, store, uptime by the app clock, modules, jobs, maintenance, license and init hooks', async () => {
    const first = await get(t, '/_qinglocal/health', t.admin)
    assert.equal(first.ret_code, 0, first.message)
    assert.match(first.version, /^\d+\.\d+\.\d+/)
    assert.equal(first.store, t.store.description)
    const iaas = first.modules.find((m: { module: string }) => m.module === 'iaas')
    assert.ok(iaas.actions.includes('DescribeZones'))
    assert.equal(iaas.action_count, iaas.actions.length)
    // per feature folder too: the same actions, each once
    const volumes = first.features.find((f: { feature: string }) => f.feature === 'volumes')
    assert.ok(volumes.actions.includes('CreateVolumes') && volumes.actions.includes('ResizeVolumes'))
    assert.equal(volumes.action_count, volumes.actions.length)
    // (DescribeAccessKeys answers in two modules and is one action of one feature)
    const distinct = new Set(first.modules.flatMap((m: { actions: string[] }) => m.actions)).size
    assert.equal(
      first.features.reduce((sum: number, f: { action_count: number }) => sum + f.action_count, 0),
      distinct,
    )
    assert.ok(!first.features.some((f: { feature: string }) => f.feature === 'other'), 'every served action belongs to a feature folder')
    assert.equal(
      first.action_count,
      first.modules.reduce((sum: number, m: { action_count: number }) => sum + m.action_count, 0),
    )
    // manual job speed: the background loop never runs
    assert.deepEqual(first.jobs, { running: false, speed: 'manual', work_in_progress: 0, due: 0 })
    assert.deepEqual(first.maintenance, { status: 'off', start_time: null, end_time: null, message: '' })
    const license = await t.admin_call('DescribeLicense')
    const { action: _action, ret_code: _code, ...described } = license
    assert.deepEqual(first.license, described)
    assert.deepEqual(first.init_hooks, { state: 'none', hooks: [] })

    t.clock.advance(90 * 60_000)
    const later = await get(t, '/_qinglocal/health', t.admin)
    assert.equal(later.uptime_seconds - first.uptime_seconds, 90 * 60)
  })

  it('follows the store: a due job and a maintenance window show', async () => {
    const created = await t.call('CreateVolumes', { volume_type: 0, count: 1, size: 20, volume_name: 'health' })
    assert.equal(created.ret_code, 0, created.message)
    assert.ok(((await t.admin_call('StartMaintenance', { message: 'upgrading' })).ret_code as number) === 0)
    try {
      const health = await get(t, '/_qinglocal/health', t.admin)
      assert.equal(health.jobs.due, 1)
      assert.equal(health.maintenance.status, 'on')
      assert.equal(health.maintenance.message, 'upgrading')
    } finally {
      assert.equal((await t.admin_call('StopMaintenance')).ret_code, 0)
    }
    await t.settle()
    assert.equal((await get(t, '/_qinglocal/health', t.admin)).jobs.due, 0)
  })

  it('shows the billing ticker: not looping at manual speed, its last tick, the earliest lease renewal', async () => {
    const b = await startTestApp()
    try {
      const idle = (await get(b, '/_qinglocal/health', b.admin)).billing_ticker
      assert.deepEqual(idle, { running: false, ticking: false, last_tick_time: '', last_tick: null, next_tick_time: '', next_due_time: '' })
      const created = await b.call('CreateVolumes', { volume_type: 0, count: 1, size: 20, volume_name: 'billed' })
      assert.equal(created.ret_code, 0, created.message)
      await b.settle()
      const leased = (await get(b, '/_qinglocal/health', b.admin)).billing_ticker
      assert.equal(leased.last_tick_time, '', 'nothing ticked yet')
      const due = new Date(leased.next_due_time)
      assert.ok(due.getTime() > b.clock.now().getTime(), `the lease renews later, got ${leased.next_due_time}`)
      b.clock.advance(due.getTime() - b.clock.now().getTime())
      const tickedAt = formatTime(b.clock.now())
      const result = await b.bill()
      assert.equal(result.users, 1)
      const ticked = (await get(b, '/_qinglocal/health', b.admin)).billing_ticker
      assert.equal(ticked.running, false)
      assert.equal(ticked.last_tick_time, tickedAt)
      assert.deepEqual(ticked.last_tick, result)
      assert.ok(new Date(ticked.next_due_time).getTime() > due.getTime(), 'the charged period moved the renewal on')
    } finally {
      await b.close()
    }
  })

  it('refuses a user (1400) and a bad signature (1200), and a non-loopback address before either (1400)', async () => {
    const user = await get(t, '/_qinglocal/health', t.user)
    assert.equal(user.ret_code, 1400)
    assert.match(user.message, /not an administrator/)
    assert.equal((await get(t, '/_qinglocal/health', t.admin, { tamper: true })).ret_code, 1200)
    const unsigned = JSON.parse((await t.app.inject({ method: 'GET', url: '/_qinglocal/health' })).body)
    assert.equal(unsigned.ret_code, 1100)
    assert.match(unsigned.message, /access_key_id/)
    const remote = await get(t, '/_qinglocal/health', t.admin, { remoteAddress: '192.0.2.7' })
    assert.equal(remote.ret_code, 1400)
    assert.match(remote.message, /loopback.*192\.0\.2\.7.*QINGLOCAL_CONTROL_FROM_ANYWHERE/)
    assert.equal((await get(t, '/_qinglocal/health', t.admin, { remoteAddress: '::1' })).ret_code, 0)
  })

  it('answers any address when controlFromAnywhere is set, still only to admins', async () => {
    assert.equal((await get(open, '/_qinglocal/health', open.admin, { remoteAddress: '192.0.2.7' })).ret_code, 0)
    assert.equal((await get(open, '/_qinglocal/health', open.user, { remoteAddress: '192.0.2.7' })).ret_code, 1400)
  })
})

describe('GET /_qinglocal/coverage', () => {
  it('lists the documented actions per group as implemented or not', async () => {
    const report = await get(t, '/_qinglocal/coverage', t.admin)
    assert.equal(report.ret_code, 0, report.message)
    assert.ok(report.documented > 0)
    assert.equal(
      report.implemented,
      report.groups.reduce((sum: number, g: { implemented: number }) => sum + g.implemented, 0),
    )
    const zone = report.groups.flatMap((g: { actions: Array<{ action: string; implemented: boolean }> }) => g.actions).find((a: { action: string }) => a.action === 'DescribeZones')
    assert.deepEqual(zone, { action: 'DescribeZones', implemented: true })
    assert.match(report.percent, /^\d+%$/)
    assert.equal((await get(t, '/_qinglocal/coverage', t.user)).ret_code, 1400)
  })
})

describe('the /_qinglocal/ prefix', () => {
  it('is the control API, never an API module: unknown controls and other methods are named', async () => {
    const unknown = await get(t, '/_qinglocal/nothing', t.admin)
    assert.equal(unknown.ret_code, 1100)
    // every control is named, in order (other controls may sit between these)
    assert.match(unknown.message, /no control at path \[\/_qinglocal\/nothing\]; the controls are clock, clock\/advance, clock\/resume, clock\/set, (.+, )?coverage, health\b/)
    const post = JSON.parse((await t.app.inject({ method: 'POST', url: '/_qinglocal/health' })).body)
    assert.equal(post.ret_code, 1101)
    assert.match(post.message, /HTTP method POST is not supported by control \[health\], use GET/)
    // the API beside it is untouched
    assert.equal((await t.call('DescribeZones')).ret_code, 0)
  })

  it('refuses a parameter the control does not declare (1100), after the signature is checked', async () => {
    const extra = await get(t, '/_qinglocal/health', t.admin, { params: { verbose: '1' } })
    assert.equal(extra.ret_code, 1100)
    assert.equal(extra.message, 'InvalidRequestFormat, control [health] has no parameter [verbose]; it takes none')
    assert.equal((await get(t, '/_qinglocal/health', t.user, { params: { verbose: '1' } })).ret_code, 1400)
  })

  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopback(address), address)
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '', undefined]) assert.ok(!isLoopback(address), String(address))
  })
})
