import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { describeOne, launch, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { DEFAULT_WORK_MS, PENDING_MS } from '../../jobs/job-runner.ts'
import { FORCED_STOP_MS } from './stop-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('StopInstances', () => {
  it('stops running instances through stopping, as one job', async () => {
    const ids = await launch(t, { count: 2 })
    const reply = await t.call('StopInstances', { instances: ids, force: 0 })
    assert.equal(reply.ret_code, 0)
    for (const id of ids) assert.deepEqual([(await describeOne(t, id)).status, (await describeOne(t, id)).transition_status], ['running', 'stopping'])
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.job_action, job.resource_ids], ['StopInstances', ids.join(' ')])
    await t.settle()
    for (const id of ids) assert.deepEqual([(await describeOne(t, id)).status, (await describeOne(t, id)).transition_status], ['stopped', ''])
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
  })

  it('answers 1400 in the reference’s words for an instance that is not running, and changes nothing', async () => {
    const running = await launchOne(t)
    const stopped = await launchOne(t, 'stopped')
    const reply = await t.call('StopInstances', { instances: [running, stopped] })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${stopped}] is not running, can not be stopped`])
    assert.equal((await describeOne(t, running)).transition_status, '')
  })

  it('refuses an instance in transition: "is [stopping], please try later"', async () => {
    const id = await launchOne(t)
    assert.equal((await t.call('StopInstances', { instances: [id], force: 1 })).ret_code, 0)
    const again = await t.call('StopInstances', { instances: [id] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, instance [${id}] is [stopping], please try later`])
    await t.settle()
  })

  it('answers 2100 for an unknown id, 1400 for another user’s, 1100 for a repeated or missing list', async () => {
    const mine = await launchOne(t)
    const unknown = await t.call('StopInstances', { instances: [mine, 'i-nothere1'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [i-nothere1] not found'])
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    const denied = await t.call('StopInstances', { instances: [theirs.instance_id] })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.instance_id}] does not belong to you`])
    assert.equal((await t.call('StopInstances', { instances: [mine, mine] })).ret_code, 1100)
    assert.match((await t.call('StopInstances', {})).message, /missing parameter instances/)
    // an instance of another zone is unknown in this one
    assert.equal((await t.call('StopInstances', { instances: [mine], zone: 'sh1a' })).ret_code, 2100)
    assert.equal((await describeOne(t, mine)).transition_status, '')
  })
})

describe('StopInstances force=1 at realistic job speed', () => {
  let r: TestApp
  before(async () => (r = await startTestApp({ jobSpeed: 'realistic' })))
  after(() => r.close())

  const statuses = async (jobIds: string[]) => Promise.all(jobIds.map(async (id) => (await r.call('DescribeJobs', { jobs: [id] })).job_set[0].status as string))
  /** Moves the clock on by `ms` and waits until the background runner has made the jobs' statuses `expected`. */
  async function afterMs(ms: number, jobIds: string[], expected: string[]): Promise<void> {
    r.clock.advance(ms)
    r.jobs.wake()
    for (let i = 0; i < 300; i++) {
      if ((await statuses(jobIds)).join() === expected.join()) return
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    assert.deepEqual(await statuses(jobIds), expected, `${ms} ms later`)
  }

  it('finishes a forced stop sooner than a clean one', async () => {
    const [clean, forced] = (await launch(r, { count: 2 })) as [string, string]
    const cleanJob = (await r.call('StopInstances', { instances: [clean], force: 0 })).job_id
    const forcedJob = (await r.call('StopInstances', { instances: [forced], force: 1 })).job_id
    await afterMs(PENDING_MS, [cleanJob, forcedJob], ['working', 'working'])
    await afterMs(FORCED_STOP_MS, [cleanJob, forcedJob], ['working', 'successful'])
    await new Promise((resolve) => setTimeout(resolve, 50)) // the clean stop stays working: its time has not passed
    assert.deepEqual(await statuses([cleanJob]), ['working'])
    assert.deepEqual([(await describeOne(r, forced)).status, (await describeOne(r, clean)).transition_status], ['stopped', 'stopping'])
    await afterMs(DEFAULT_WORK_MS - FORCED_STOP_MS, [cleanJob], ['successful'])
    assert.equal((await describeOne(r, clean)).status, 'stopped')
  })
})
