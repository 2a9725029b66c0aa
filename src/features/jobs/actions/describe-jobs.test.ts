import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
// fixtures written straight to the store, so every status and owner is covered without running actions
const job = (job_id: string, owner: string, zone_id: string, status: string, create_time: string, job_action = 'RunInstances') => ({
  job_id,
  job_action,
  status,
  owner,
  zone_id,
  resource_ids: 'i-aaaaaaaa i-bbbbbbbb',
  error_codes: '',
  directive: '',
  create_time,
  status_time: create_time,
  run_after: create_time,
  payload: '{}',
})

before(async () => {
  t = await startTestApp()
  await t.store.db
    .insertInto('jobs')
    .values([
      job('j-00000001', t.user.user_id, 'pek3a', 'successful', '2026-01-15T07:00:00Z'),
      job('j-00000002', t.user.user_id, 'pek3a', 'working', '2026-01-15T07:30:00Z', 'StopInstances'),
      job('j-00000003', t.user.user_id, 'sh1a', 'pending', '2026-01-15T07:40:00Z'),
      job('j-00000004', t.admin.user_id, 'pek3a', 'failed', '2026-01-15T07:50:00Z'),
    ])
    .execute()
})
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.job_set as Array<{ job_id: string }>).map((j) => j.job_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeJobs', () => {
  it('answers an empty set when there are no jobs', async () => {
    const fresh = await startTestApp()
    try {
      assert.deepEqual(await fresh.call('DescribeJobs'), { action: 'DescribeJobsResponse', total_count: 0, job_set: [], ret_code: 0 })
    } finally {
      await fresh.close()
    }
  })

  it('lists the caller’s jobs in the zone, newest first, in the reference’s shape', async () => {
    const reply = await t.call('DescribeJobs')
    assert.deepEqual(ids(reply), ['j-00000002', 'j-00000001'])
    assert.deepEqual(reply.job_set[0], {
      job_id: 'j-00000002',
      job_action: 'StopInstances',
      status: 'working',
      create_time: '2026-01-15T07:30:00Z',
      status_time: '2026-01-15T07:30:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
      resource_ids: 'i-aaaaaaaa i-bbbbbbbb',
      error_codes: '',
      directive: '',
    })
  })

  it('finds a job by id the way WaitJob polls (jobs.1=…), and gives unknown ids an empty set', async () => {
    assert.deepEqual(ids(await t.call('DescribeJobs', { jobs: ['j-00000001'], verbose: 0 })), ['j-00000001'])
    assert.deepEqual(await t.call('DescribeJobs', { jobs: ['j-nonexist'] }), { action: 'DescribeJobsResponse', total_count: 0, job_set: [], ret_code: 0 })
  })

  it('filters by status.N and job_action, and stays inside the zone', async () => {
    assert.deepEqual(ids(await t.call('DescribeJobs', { status: ['pending', 'working'] })), ['j-00000002'])
    assert.deepEqual(ids(await t.call('DescribeJobs', { job_action: 'RunInstances' })), ['j-00000001'])
    assert.deepEqual(ids(await t.call('DescribeJobs', { zone: 'sh1a' })), ['j-00000003'])
  })

  it('hides other users’ jobs, even by id; an admin may ask by owner', async () => {
    assert.equal((await t.call('DescribeJobs', { jobs: ['j-00000004'] })).total_count, 0)
    assert.equal((await t.call('DescribeJobs', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeJobs', { owner: t.user.user_id }, { key: t.admin })), ['j-00000002', 'j-00000001'])
  })

  it('pages: total_count counts before paging, limit<=0 means the default', async () => {
    const first = await t.call('DescribeJobs', { limit: 1 })
    assert.equal(first.total_count, 2)
    assert.deepEqual(ids(first), ['j-00000002'])
    assert.deepEqual(ids(await t.call('DescribeJobs', { limit: 1, offset: 1 })), ['j-00000001'])
    assert.equal((await t.call('DescribeJobs', { limit: 0 })).job_set.length, 2)
  })
})
