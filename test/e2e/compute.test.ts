// Compute end to end: `qinglocal serve` as a child process, driven over HTTP with the project's
// signed client. An instance goes run → stop → start → terminate with jobs finishing on their own
// (instant speed), and a job in flight at realistic speed survives the server being killed: the
// restarted server finishes it from what the store holds.
//
// Every server here uses the embedded SQLite file store, on TEST_DATABASE=postgres as well (see
// test/support/e2e-server.ts): the subject is the process and what survives it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import SQLite from 'better-sqlite3'
import { call, ok, RUN, SETTLE_WITHIN_MS, startServer, tempData, TIMEOUT, type Reply, type Served } from '../support/e2e-server.ts'

/** Polls DescribeJobs until the job is successful; fails at once if it fails. */
async function waitForJob(server: Served, jobId: string): Promise<Reply> {
  const deadline = Date.now() + SETTLE_WITHIN_MS
  for (;;) {
    const { job_set } = await ok(server, 'DescribeJobs', { jobs: [jobId] })
    assert.equal(job_set.length, 1, `DescribeJobs lists ${jobId}`)
    const job = job_set[0]
    assert.notEqual(job.status, 'failed', `job ${jobId} failed: ${JSON.stringify(job)}`)
    if (job.status === 'successful') return job
    assert.ok(Date.now() < deadline, `job ${jobId} still ${job.status} after ${SETTLE_WITHIN_MS} ms:\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function describeInstance(server: Served, id: string): Promise<Reply> {
  const { instance_set, total_count } = await ok(server, 'DescribeInstances', { instances: [id], verbose: 1 })
  assert.equal(total_count, 1, `DescribeInstances finds ${id}`)
  return instance_set[0]
}

/** Starts `action` on the instance, waits for its job and checks where the instance ended up. */
async function transition(server: Served, action: string, id: string, expected: { job_action: string; status: string }): Promise<void> {
  const { job_id } = await ok(server, action, { instances: [id] })
  assert.match(job_id, /^j-[0-9a-z]{8}$/)
  const job = await waitForJob(server, job_id)
  assert.equal(job.job_action, expected.job_action)
  assert.equal(job.resource_ids, id)
  const instance = await describeInstance(server, id)
  assert.equal(instance.status, expected.status, `${id} after ${action}`)
  assert.equal(instance.transition_status, '', `${id} is idle after ${action}`)
}

// ---------------------------------------------------------------------------------------------

describe('an instance through its life cycle, jobs at instant speed', () => {
  it('runs, stops, starts and terminates, each job successful and the instance idle in its new state', { timeout: TIMEOUT }, async () => {
    const server = await startServer(tempData(), 'instant')

    const run = await ok(server, 'RunInstances', RUN)
    assert.equal(run.action, 'RunInstancesResponse')
    assert.equal(run.instances.length, 1)
    const id: string = run.instances[0]
    assert.match(id, /^i-[0-9a-z]{8}$/)
    const created = await waitForJob(server, run.job_id)
    assert.equal(created.job_action, 'RunInstances')
    assert.equal(created.resource_ids, id)

    const running = await describeInstance(server, id)
    assert.equal(running.status, 'running')
    assert.equal(running.transition_status, '')
    assert.equal(running.instance_name, 'e2e')
    assert.equal(running.instance_type, 'c1m1')
    assert.equal(running.vcpus_current, 1)
    assert.equal(running.memory_current, 1024)
    assert.equal(running.image.image_id, 'centos79x64')
    assert.match(running.host_machine, /^hyper-pek3a-\d{2}$/)

    // a running instance can not be started: the state rule, not a job
    const refused = await call(server, 'StartInstances', { instances: [id] })
    assert.equal(refused.ret_code, 1400, JSON.stringify(refused))

    await transition(server, 'StopInstances', id, { job_action: 'StopInstances', status: 'stopped' })
    await transition(server, 'StartInstances', id, { job_action: 'StartInstances', status: 'running' })
    await transition(server, 'TerminateInstances', id, { job_action: 'TerminateInstances', status: 'terminated' })

    // gone from a plain listing, still describable by id
    const listing = await ok(server, 'DescribeInstances')
    assert.ok(!listing.instance_set.some((i: Reply) => i.instance_id === id), 'a terminated instance is left out of a plain DescribeInstances')

    server.child.kill('SIGTERM')
    await server.exit
    assert.equal(server.child.exitCode, 0, server.output())
  })
})

describe('a job in flight when the server is killed, realistic speed', () => {
  it('is finished by the restarted server: the instance ends stopped and idle', { timeout: TIMEOUT }, async () => {
    const dataDir = tempData()
    let server = await startServer(dataDir, 'realistic')
    const run = await ok(server, 'RunInstances', RUN)
    const id: string = run.instances[0]
    await waitForJob(server, run.job_id)

    const { job_id } = await ok(server, 'StopInstances', { instances: [id] })
    // no grace: the process dies with the job queued or half way
    server.child.kill('SIGKILL')
    await server.exit

    // what the dead server left behind: the job unfinished, the instance still stopping
    const db = new SQLite(join(dataDir, 'qinglocal.db'), { readonly: true, fileMustExist: true })
    try {
      const job = db.prepare('select status from jobs where job_id = ?').get(job_id) as { status: string } | undefined
      assert.ok(job && ['pending', 'working'].includes(job.status), `job ${job_id} was ${job?.status} when the server died`)
      const row = db.prepare('select status, transition_status from instances where instance_id = ?').get(id)
      assert.deepEqual({ ...(row as object) }, { status: 'running', transition_status: 'stopping' })
    } finally {
      db.close()
    }

    server = await startServer(dataDir, 'realistic')
    const job = await waitForJob(server, job_id)
    assert.equal(job.job_action, 'StopInstances')
    assert.equal(job.resource_ids, id)
    const instance = await describeInstance(server, id)
    assert.equal(instance.status, 'stopped')
    assert.equal(instance.transition_status, '', 'the instance is no longer in transition after the restart')

    // and it is usable again: the next transition is accepted and finishes too
    await transition(server, 'StartInstances', id, { job_action: 'StartInstances', status: 'running' })

    server.child.kill('SIGTERM')
    await server.exit
  })
})
