// ImportImage's transfer is its job's background work: with private sources off (the default)
// loopback is refused by address at request time and by name in the job; slow sources never hold
// API requests (many imports from a server trickling a byte a second answer at once while other
// users' calls go on, and at most importConcurrency transfers run); a transfer cut off by a crash is
// taken again after a restart, and given up after WORK_ATTEMPTS tries; leftover temporary files
// are swept at start-up.
import assert from 'node:assert/strict'
import { readdirSync, utimesSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { openTestStore } from '../../../../test/support/database.ts'
import { startWithWarehouse, tempWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'
import { WORK_ATTEMPTS } from '../../jobs/job-runner.ts'

let server: Server
let port: number
/** Requests that reached the server, and how many connections were open at most at once. */
let requests = 0
let open = 0
let mostOpen = 0
/** While true, /disk.img trickles a byte a second and never ends; then it serves the disk. */
let trickling = true

before(async () => {
  server = createServer((request, response) => {
    requests++
    open++
    mostOpen = Math.max(mostOpen, open)
    response.on('close', () => open--)
    if (request.url === '/disk.img' && !trickling) return void response.writeHead(200).end('disk bytes')
    response.writeHead(200)
    const timer = setInterval(() => response.write('x'), 1000)
    response.write('x')
    response.on('close', () => clearInterval(timer))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** Polls until `check` holds (the runner works on real timers). */
async function eventually(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  assert.fail(`timed out waiting until ${what}`)
}

const jobOf = async (t: TestApp, job: string) => (await t.call('DescribeJobs', { jobs: [job] })).job_set[0]
const imageOf = async (t: TestApp, image: string) => (await t.call('DescribeImages', { images: [image] })).image_set[0]
const partsBelow = (w: TempWarehouse) =>
  readdirSync(w.path('images'), { recursive: true })
    .map(String)
    .filter((name) => name.includes('.part-'))

describe('ImportImage with private sources off (the default)', () => {
  let t: TestApp
  let w: TempWarehouse
  let close: () => Promise<void>
  before(async () => ({ t, w, close } = await startWithWarehouse()))
  after(() => close())

  it('refuses loopback, private, link-local and unspecified addresses in the URL at once (1100), creating nothing', async () => {
    const before = requests
    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '10.0.0.1', '192.168.1.10', '169.254.169.254', '0.0.0.0', '100.64.0.1', '[fe80::1]', '[fd00::1]']) {
      const url = `http://${host}:${port}/disk.img`
      const reply = await t.call('ImportImage', { url })
      assert.equal(reply.ret_code, 1100, url)
      assert.match(reply.message, /^InvalidRequestFormat, parameter url \[.*\] names an address that is not allowed \(loopback, private, link-local, multicast or reserved\)$/, url)
    }
    assert.equal((await t.store.db.selectFrom('images').select('image_id').where('provider', '=', 'self').execute()).length, 0)
    assert.equal(requests, before)
  })

  it('refuses a name resolving to loopback (localhost) in the job: it fails (1100), the image is ceased, nothing is fetched', async () => {
    const before = requests
    const reply = ok(await t.call('ImportImage', { url: `http://localhost:${port}/disk.img` }))
    await t.settle()
    const job = await jobOf(t, reply.job_id)
    assert.deepEqual([job.status, job.error_codes], ['failed', '1100'])
    assert.equal((await imageOf(t, reply.image_id)).status, 'ceased')
    assert.equal(requests, before)
    assert.equal(w.exists(`images/pek3a/${reply.image_id}.img`), false)
  })
})

describe('ImportImage from a server trickling a byte a second', () => {
  let t: TestApp
  let w: TempWarehouse
  let close: () => Promise<void>
  before(async () => {
    trickling = true
    // a small in-flight limit, all of it open to one user: downloads inside the requests would hold most of its slots
    ;({ t, w, close } = await startWithWarehouse({ jobSpeed: 'instant', config: { importAllowPrivateSources: true, importTimeoutMs: 1500, importConcurrency: 4, maxInFlight: 16, maxInFlightPerUser: 16 } }))
  })
  after(() => close())

  it('answers 12 parallel imports at once, and other users go on meanwhile (no 5100); at most 4 transfers run, each cut off at its deadline', async () => {
    mostOpen = 0
    const started = Date.now()
    const replies = await Promise.all(Array.from({ length: 12 }, () => t.call('ImportImage', { url: `http://127.0.0.1:${port}/disk.img` })))
    // the source never ends: a download inside the request would have kept each one until its deadline
    const answered = Date.now() - started
    for (const reply of replies) assert.equal(reply.ret_code, 0, reply.message)
    assert.ok(answered < 5000, `the imports took ${answered} ms to answer`)
    // while the transfers trickle, the whole in-flight limit is free for everyone else
    await eventually(async () => t.jobs.workInProgress === 4, 'four transfers run')
    const others = await Promise.all(Array.from({ length: 16 }, () => t.call('DescribeZones', {}, { key: t.admin })))
    for (const reply of others) assert.equal(reply.ret_code, 0, reply.message)

    // the first transfers hit their deadline: their jobs fail and their images are ceased, without leftovers
    await eventually(async () => (await t.store.db.selectFrom('jobs').select('job_id').where('status', '=', 'failed').execute()).length >= 4, 'four jobs failed')
    assert.ok(mostOpen <= 4, `${mostOpen} transfers at once`)
    const failed = await t.store.db.selectFrom('jobs').select(['job_id', 'resource_ids', 'error_codes']).where('status', '=', 'failed').execute()
    for (const job of failed) {
      assert.equal(job.error_codes, '1100')
      assert.equal((await imageOf(t, job.resource_ids)).status, 'ceased')
      assert.equal(w.exists(`images/pek3a/${job.resource_ids}.img`), false)
    }
    assert.ok(partsBelow(w).length <= 4)
  })
})

describe('jobs queued behind many waiting imports', () => {
  let t: TestApp
  let close: () => Promise<void>
  before(async () => {
    trickling = true
    ;({ t, close } = await startWithWarehouse({ jobSpeed: 'instant', config: { importAllowPrivateSources: true, importTimeoutMs: 60_000, importConcurrency: 2 } }))
  })
  after(() => close())

  it('still run: imports waiting for a transfer slot never fill the runner’s batch', async () => {
    // more waiting imports than the runner takes in one batch (50)
    for (let wave = 0; wave < 6; wave++) {
      for (const reply of await Promise.all(Array.from({ length: 10 }, () => t.call('ImportImage', { url: `http://127.0.0.1:${port}/disk.img` })))) ok(reply)
    }
    await eventually(async () => t.jobs.workInProgress === 2, 'two transfers run')
    // due after every waiting import
    t.clock.advance(1000)
    const ran = ok(await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123' }))
    await eventually(async () => (await jobOf(t, ran.job_id)).status === 'successful', 'the RunInstances job succeeds')
    assert.equal(t.jobs.workInProgress, 2)
  })
})

describe('ImportImage across a crash', () => {
  let shared: { store: Awaited<ReturnType<typeof openTestStore>>['store']; drop: () => Promise<void> }
  let w: TempWarehouse
  before(async () => {
    shared = await openTestStore()
    w = tempWarehouse()
  })
  after(async () => {
    await shared.drop()
    w.remove()
  })

  it('takes a transfer cut off by a crash again after the restart, and sweeps the temporary file the crash left', async () => {
    trickling = true
    const first = await startTestApp({ store: shared.store, jobSpeed: 'instant', config: { warehouseDir: w.dir, importAllowPrivateSources: true } })
    ok(await first.admin_call('EnableWarehouse'))
    const reply = ok(await first.call('ImportImage', { url: `http://127.0.0.1:${port}/disk.img` }))
    await eventually(async () => first.jobs.workInProgress === 1, 'the transfer runs')
    // the server goes away mid-transfer; a killed one leaves its temporary file behind
    await first.app.close()
    const job = await shared.store.db.selectFrom('jobs').selectAll().where('job_id', '=', reply.job_id).executeTakeFirstOrThrow()
    assert.equal(job.status, 'working')
    const left = w.put(`images/pek3a/${reply.image_id}.img.part-0123456789ab`, 'half a disk')
    const longAgo = new Date(Date.now() - 3_600_000)
    utimesSync(left, longAgo, longAgo)

    trickling = false
    const second = await startTestApp({ store: shared.store, box: first.box, idSeed: 43, jobSpeed: 'realistic', config: { warehouseDir: w.dir, importAllowPrivateSources: true } })
    try {
      assert.deepEqual(partsBelow(w), [], 'swept at start-up')
      // the lease of the cut-off transfer passes, then the job is taken again
      second.clock.advance(180_000)
      second.jobs.wake()
      await eventually(async () => (await jobOf(second, reply.job_id)).status === 'successful', 'the import succeeds')
      assert.equal((await imageOf(second, reply.image_id)).status, 'available')
      assert.equal(w.read(`images/pek3a/${reply.image_id}.img`).toString(), 'disk bytes')
    } finally {
      await second.app.close()
    }
  })

  it(`gives a transfer up after ${WORK_ATTEMPTS} tries cut off by crashes: the job fails, the image is ceased`, async () => {
    const { t, close } = await startWithWarehouse({ config: { importAllowPrivateSources: true } })
    try {
      const reply = ok(await t.call('ImportImage', { url: `http://127.0.0.1:${port}/disk.img` }))
      // as the runner leaves it after its last try was cut off
      await t.store.db.updateTable('jobs').set({ status: 'working', work_attempt: WORK_ATTEMPTS }).where('job_id', '=', reply.job_id).execute()
      const before = requests
      await t.settle()
      assert.equal((await jobOf(t, reply.job_id)).status, 'failed')
      assert.deepEqual([(await imageOf(t, reply.image_id)).status, (await imageOf(t, reply.image_id)).transition_status], ['ceased', ''])
      assert.equal(requests, before)
    } finally {
      await close()
    }
  })
})
