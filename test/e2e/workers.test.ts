// `qinglocal serve --workers 2`: two processes on one port, sharing one store (the SQLite file, or
// on TEST_DATABASE=postgres a database of its own on the test server). Concurrent requests reach
// both workers (the access log names the worker), jobs started through either run exactly once
// (every job successful, every instance in its end state, one lease and one charge for each), the
// books balance and host capacity matches the instances; /metrics sums every worker's counters; a
// killed worker is replaced by the primary.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { openTestDatabase, runPrefix, testDatabase } from '../support/database.ts'
import { ok, RUN, SETTLE_WITHIN_MS, startServer, tempData, TIMEOUT, type Served } from '../support/e2e-server.ts'
import { openStore, type Store } from '../../src/store/store.ts'

/** On PostgreSQL: an empty database of the test run for one server (serve() migrates it and keeps its tables in its default schema; the run drops it). */
async function storeUrl(dataDir: string): Promise<string> {
  if (testDatabase !== 'postgres') return `sqlite:${join(dataDir, 'qinglocal.db')}`
  return (await openTestDatabase({ migrated: false })).url
}

async function startWorkers(): Promise<{ server: Served; store: Store }> {
  const dataDir = tempData()
  const url = await storeUrl(dataDir)
  // info: the access log lines say which worker answered
  const server = await startServer(dataDir, 'instant', { QINGLOCAL_WORKERS: '2', QINGLOCAL_LOG_LEVEL: 'info', ...(testDatabase === 'postgres' && { DATABASE_URL: url }) })
  // the test reads the same store the workers share
  return { server, store: await openStore(url) }
}

/** Which workers wrote an access-log line for `action` in the server's output from `from` on. */
function workersThatServed(server: Served, action: string, from = 0): Set<number> {
  const seen = new Set<number>()
  for (const line of server.output().slice(from).split('\n')) {
    if (!line.startsWith('{')) continue
    const entry = JSON.parse(line) as { msg?: string; action?: string; worker?: number }
    if (entry.msg === 'request' && entry.action === action && entry.worker !== undefined) seen.add(entry.worker)
  }
  return seen
}

/**
 * The workers that served `action` (from output offset `from`), once both have logged it: a
 * worker's access line reaches the output through its own buffered stream, possibly after the
 * reply reached the client, so the lines are waited for (bounded), not read at once.
 */
async function bothWorkersServed(server: Served, action: string, from = 0): Promise<number[]> {
  const deadline = Date.now() + SETTLE_WITHIN_MS
  let seen = workersThatServed(server, action, from)
  while (seen.size < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
    seen = workersThatServed(server, action, from)
  }
  return [...seen].sort()
}

/** Waits until no job is pending or working; then every job must be successful. */
async function settled(server: Served, store: Store): Promise<void> {
  const deadline = Date.now() + SETTLE_WITHIN_MS
  for (;;) {
    const unfinished = await store.db.selectFrom('jobs').select('job_id').where('status', 'in', ['pending', 'working']).execute()
    if (unfinished.length === 0) break
    assert.ok(Date.now() < deadline, `${unfinished.length} jobs unfinished after ${SETTLE_WITHIN_MS} ms:\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const jobs = await store.db.selectFrom('jobs').select(['job_id', 'job_action', 'status', 'error_codes']).execute()
  assert.deepEqual(
    jobs.filter((j) => j.status !== 'successful'),
    [],
    'every job ran to success',
  )
}

describe(`serve --workers 2 on ${testDatabase}`, () => {
  it('spreads requests over both workers, runs each job once, and the books and host capacity stay exact', { timeout: TIMEOUT }, async () => {
    const { server, store } = await startWorkers()
    try {
      assert.match(server.output(), /workers\s+2 processes on one port/)
      assert.match(server.output(), testDatabase === 'postgres' ? new RegExp(`store\\s+postgres://.*/${runPrefix}_`) : /store\s+sqlite:/)

      // concurrent connections are handed to the workers in turn
      await Promise.all(Array.from({ length: 40 }, () => ok(server, 'DescribeZones')))
      assert.deepEqual(await bothWorkersServed(server, 'DescribeZones'), [0, 1], server.output())
      // whichever worker answers /metrics, it counts every worker's requests
      for (let scrape = 0; scrape < 4; scrape++) {
        const text = await (await fetch(`${server.user.baseUrl}/metrics`)).text()
        assert.match(text, /^qinglocal_api_requests_total\{action="DescribeZones",ret_code="0"\} 40$/m)
      }

      // launches through both workers at once: each job is claimed by one of them, phase by phase
      const launches = await Promise.all(Array.from({ length: 12 }, (_, n) => ok(server, 'RunInstances', { ...RUN, instance_name: `w${n}` })))
      const ids = launches.map((r) => r.instances[0] as string)
      await settled(server, store)
      await Promise.all(ids.map((id) => ok(server, 'StopInstances', { instances: [id] })))
      await settled(server, store)
      assert.ok(workersThatServed(server, 'RunInstances').size === 2 || workersThatServed(server, 'StopInstances').size === 2, 'both workers started jobs')

      const jobs = await store.db.selectFrom('jobs').select(['job_action', 'resource_ids']).execute()
      assert.equal(jobs.length, 24, 'one job per request')
      const instances = await store.db.selectFrom('instances').select(['instance_id', 'status', 'transition_status', 'host_machine', 'vcpus_current', 'memory_current', 'owner']).execute()
      assert.deepEqual(instances.map((i) => i.instance_id).sort(), [...ids].sort())
      for (const i of instances) assert.deepEqual([i.instance_id, i.status, i.transition_status], [i.instance_id, 'stopped', ''])

      // one lease and one first-hour charge per instance; recharges − charges = balance
      const owner = instances[0]!.owner
      const leases = await store.db.selectFrom('leases').select('resource_id').where('resource_type', '=', 'instance').execute()
      assert.deepEqual(leases.map((l) => l.resource_id).sort(), [...ids].sort())
      const charges = await store.db.selectFrom('charge_records').select(['resource_id', 'fee']).where('owner', '=', owner).execute()
      assert.deepEqual(charges.map((c) => c.resource_id).sort(), [...ids].sort())
      const recharged = await store.db.selectFrom('recharges').select('amount').where('user_id', '=', owner).execute()
      const { balance } = await store.db.selectFrom('wallets').select('balance').where('user_id', '=', owner).executeTakeFirstOrThrow()
      const sum = (xs: number[]) => xs.reduce((a, b) => a + Number(b), 0)
      assert.equal(sum(recharged.map((r) => r.amount)) - sum(charges.map((c) => c.fee)), Number(balance), 'the ledger balances')

      // each host carries exactly the instances placed on it; nothing is left reserved
      const hosts = await store.db.selectFrom('hosts').select(['host_id', 'cpu_used', 'memory_used']).execute()
      for (const host of hosts) {
        const on = instances.filter((i) => i.host_machine === host.host_id)
        assert.deepEqual([host.host_id, Number(host.cpu_used), Number(host.memory_used)], [host.host_id, sum(on.map((i) => i.vcpus_current)), sum(on.map((i) => i.memory_current))])
      }
      assert.equal((await store.db.selectFrom('reservations').select('job_id').execute()).length, 0)
    } finally {
      await store.close()
    }
    server.child.kill('SIGTERM')
    const [code, signal] = (await server.exit) as [number | null, string | null]
    assert.deepEqual([code, signal], [0, null], `the primary stops its workers and exits cleanly:\n${server.output()}`)
  })

  it('replaces a worker that dies, and keeps serving', { timeout: TIMEOUT }, async () => {
    const { server, store } = await startWorkers()
    await store.close()
    const pids = (/workers\s+2 processes on one port \(pids (\d+), (\d+)\)/.exec(server.output()) ?? []).slice(1).map(Number)
    assert.equal(pids.length, 2, server.output())
    process.kill(pids[1]!, 'SIGKILL')

    const deadline = Date.now() + SETTLE_WITHIN_MS
    while (!/worker replaced and listening/.test(server.output())) {
      assert.ok(Date.now() < deadline, `no worker replaced the killed one:\n${server.output()}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.match(server.output(), new RegExp(`"worker":1,"worker_pid":${pids[1]},"code":null,"signal":"SIGKILL".*worker exited; starting another`))
    // both slots serve again: the new worker 1 answers some of these
    const before = server.output().length
    await Promise.all(Array.from({ length: 40 }, () => ok(server, 'DescribeZones')))
    assert.deepEqual(await bothWorkersServed(server, 'DescribeZones', before), [0, 1], server.output())
    server.child.kill('SIGTERM')
    const [code] = (await server.exit) as [number | null]
    assert.equal(code, 0)
  })
})
