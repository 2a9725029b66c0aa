import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { ManualClock } from '../../lib/clock.ts'
import { seededIdGenerator } from '../../lib/ids.ts'
import { defineAction, type Action } from '../../protocol/action.ts'
import type { Store } from '../../store/store.ts'
import { openTestStore } from '../../../test/support/database.ts'
import { insertInstance } from '../../../test/support/fixtures.ts'
import { describeOne, launch, launchOne } from '../../../test/support/fixtures-instances.ts'
import { startTestApp, TEST_START, type TestApp } from '../../../test/support/harness.ts'
import { claimJob, insertJob, listDueJobs } from './job-repo.ts'
import { JobRunner, PENDING_MS } from './job-runner.ts'
import { lockers } from '../../lockers.ts'

const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger

/** Polls until `check` holds; the runner works on real timers, so tests wait for an outcome, never for a duration. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  assert.fail(`timed out waiting until ${what}`)
}

const jobStatus = async (t: TestApp, id: string) => (await t.call('DescribeJobs', { jobs: [id] })).job_set[0].status as string

describe('job runner, surviving restarts', () => {
  let shared: { store: Store; drop: () => Promise<void> }
  before(async () => (shared = await openTestStore()))
  after(() => shared.drop())

  it('finishes a job left working by a stopped server when the next one starts', async () => {
    const first = await startTestApp({ store: shared.store })
    const [id] = await launch(first)
    const stop = await first.call('StopInstances', { instances: [id] })
    await first.jobs.step() // pending → working, then the server goes away mid-job
    assert.equal(await jobStatus(first, stop.job_id), 'working')
    await first.app.close()

    const second = await startTestApp({ store: shared.store, box: first.box, idSeed: 43, jobSpeed: 'realistic' })
    second.clock.advance(10_000) // the job's working time has passed while the server was down
    second.jobs.wake()
    await eventually(async () => (await jobStatus(second, stop.job_id)) === 'successful', 'the stop job succeeds')
    const instance = await describeOne(second, id!)
    assert.deepEqual([instance.status, instance.transition_status], ['stopped', ''])
    await second.app.close()
  })
})

describe('job runner at realistic speed', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ jobSpeed: 'realistic' })))
  after(() => t.close())

  it('keeps a job pending, then working, until each phase’s time has passed on the clock, then settles it', async () => {
    const reply = await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123' })
    t.jobs.wake()
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(await jobStatus(t, reply.job_id), 'pending', 'no time has passed on the clock')
    t.clock.advance(PENDING_MS)
    t.jobs.wake()
    await eventually(async () => (await jobStatus(t, reply.job_id)) === 'working', 'the job is working')
    t.jobs.wake()
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(await jobStatus(t, reply.job_id), 'working', 'no time has passed on the clock')
    t.clock.advance(2500)
    t.jobs.wake()
    await eventually(async () => (await jobStatus(t, reply.job_id)) === 'successful', 'the job succeeds')
    assert.equal((await describeOne(t, reply.instances[0])).status, 'running')
  })
})

describe('job runner, failures and concurrency', () => {
  let store: Store
  let drop: () => Promise<void>
  const settled = new Map<string, number>()
  const clock = new ManualClock(TEST_START)
  const ids = seededIdGenerator(7)

  const countOnce = defineAction({
    name: 'CountOnce',
    params: Type.Object({}),
    handle: async () => ({}),
    async settle(job) {
      settled.set(job.job_id, (settled.get(job.job_id) ?? 0) + 1)
      await new Promise((resolve) => setTimeout(resolve, 1)) // let the other runner interleave
    },
  })
  const alwaysFails = defineAction({
    name: 'AlwaysFails',
    params: Type.Object({}),
    handle: async () => ({}),
    async settle() {
      throw new ApiError('InsufficientResources', 'the host went away')
    },
  })
  const actions = new Map<string, Action>([
    ['CountOnce', countOnce],
    ['AlwaysFails', alwaysFails],
  ])
  const runner = () => new JobRunner({ store, clock, ids, log, speed: 'manual', actions, lockers })

  before(async () => ({ store, drop } = await openTestStore()))
  after(() => drop())

  it('never settles a job twice when two runners share the store', async () => {
    const jobIds: string[] = []
    for (let i = 0; i < 40; i++) jobIds.push(await insertJob(store.db, ids, clock.now(), { job_action: 'CountOnce', owner: 'usr-test', zone_id: 'pek3a', resource_ids: [], payload: {} }))
    const [a, b] = [runner(), runner()]
    await Promise.all([a.drain(), b.drain(), a.drain()])
    assert.deepEqual(
      jobIds.map((id) => settled.get(id)),
      jobIds.map(() => 1),
    )
    const statuses = await store.db.selectFrom('jobs').select('status').where('job_id', 'in', jobIds).execute()
    assert.ok(statuses.every((j) => j.status === 'successful'))
  })

  it('marks a job failed with the error code and puts its resources back to rest', async () => {
    const t = { store, clock, user: { user_id: 'usr-test' } } as unknown as TestApp
    const instance = await insertInstance(t, { transition_status: 'stopping' })
    const jobId = await insertJob(store.db, ids, clock.now(), { job_action: 'AlwaysFails', owner: 'usr-test', zone_id: 'pek3a', resource_ids: [instance.instance_id], payload: {} })
    await runner().drain()
    const job = await store.db.selectFrom('jobs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow()
    assert.deepEqual([job.status, job.error_codes], ['failed', '5200'])
    const row = await store.db.selectFrom('instances').selectAll().where('instance_id', '=', instance.instance_id).executeTakeFirstOrThrow()
    assert.equal(row.transition_status, '')
  })
})

describe('job runner in a running app (manual speed)', () => {
  let t: TestApp
  before(async () => (t = await startTestApp()))
  after(() => t.close())

  it('moves nothing on its own: jobs wait for step()', async () => {
    const id = await launchOne(t)
    const reply = await t.call('StopInstances', { instances: [id] })
    await new Promise((resolve) => setTimeout(resolve, 30))
    assert.equal(await jobStatus(t, reply.job_id), 'pending')
    assert.equal(await t.jobs.step(), 1)
    assert.equal(await jobStatus(t, reply.job_id), 'working')
    await t.settle()
    assert.equal(await jobStatus(t, reply.job_id), 'successful')
  })
})

describe('job claims across processes', () => {
  let t: TestApp
  // manual: nothing moves the job but this test
  before(async () => (t = await startTestApp({ jobSpeed: 'manual' })))
  after(() => t.close())

  it('claims a job only in the phase a listing saw: a stale listing neither retakes the phase nor skips the next wait', async () => {
    const [id] = await launch(t)
    const stop = await t.call('StopInstances', { instances: [id] })
    // what a second worker listed, before this one moved the job on
    const [seen] = await listDueJobs(t.store.db, t.clock.now(), 10)
    assert.deepEqual([seen?.job_id, seen?.status], [stop.job_id, 'pending'])
    await t.store.db.transaction().execute(async (db) => assert.ok(await claimJob(db, t.store.caps, stop.job_id, seen)))
    await t.jobs.step() // this worker: pending → working
    assert.equal(await jobStatus(t, stop.job_id), 'working')
    // the second worker's claim, from its stale listing, finds nothing to take
    await t.store.db.transaction().execute(async (db) => assert.equal(await claimJob(db, t.store.caps, stop.job_id, seen), undefined))
    const [now] = await listDueJobs(t.store.db, undefined, 10)
    await t.store.db.transaction().execute(async (db) => assert.ok(await claimJob(db, t.store.caps, stop.job_id, now)))
  })
})
