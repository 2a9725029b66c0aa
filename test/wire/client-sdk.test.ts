// The TypeScript SDK (src/client/, `qinglocal/client`) against a server listening on a loopback
// port: typed calls signed over the wire, a job waited for, errors as QingCloudError, 5100 retried.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { JobError, QingCloud, QingCloudError, WaitTimeoutError } from '../../src/client/index.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

let t: TestApp
let endpoint: string

before(async () => {
  t = await startTestApp()
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  endpoint = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
})
after(() => t.close())

/** A client of the test user; it signs with the server's (manual) clock, as the server checks it. */
const client = (options: Partial<ConstructorParameters<typeof QingCloud>[0]> = {}) =>
  new QingCloud({ accessKeyId: t.user.access_key_id, secretAccessKey: t.user.secret_access_key, zone: 'pek3a', endpoint, now: () => t.clock.now(), retry: { baseMs: 1, maxMs: 5 }, ...options })

describe('the TypeScript SDK', () => {
  it('runs an instance, waits for its job and describes it, with typed methods', async () => {
    const qc = client()
    const run = await qc.runInstances({ image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1', instance_name: 'sdk one' })
    // replies are typed from the Go SDK's structs: no casts
    const [id] = run.instances ?? []
    assert.match(id!, /^i-/)
    // the job runner is manual here: let it finish while the waiter polls
    const waiting = qc.waitJob(run.job_id!, { intervalMs: 5, timeoutMs: 30_000 })
    await t.settle()
    const job = await waiting
    assert.equal(job.status, 'successful')
    // lists go out as instances.1 (flattened) and the zone from the client
    const described = await qc.describeInstances({ instances: [id!], verbose: 1 })
    const set = described.instance_set ?? []
    assert.deepEqual(
      set.map((i) => [i.instance_id, i.instance_name, i.status]),
      [[id, 'sdk one', 'running']],
    )
    const cpu: number | undefined = described.instance_set?.[0]?.vcpus_current
    assert.equal(cpu, 1)
    // waitFor: a status waiter over any describe call
    const running = await qc.waitFor(
      () => qc.describeInstances({ instances: [id!] }),
      (r) => (r.instance_set as Array<Record<string, unknown>>)[0]?.status === 'running',
      { intervalMs: 5, timeoutMs: 1_000 },
    )
    assert.equal(running.total_count, 1)
    await assert.rejects(
      qc.waitFor(
        async () => 'pending',
        (s) => s === 'done',
        { intervalMs: 5, timeoutMs: 20 },
      ),
      WaitTimeoutError,
    )
  })

  it('throws QingCloudError with the ret_code, message and action of a refused call', async () => {
    const qc = client()
    const refused = await qc.stopInstances({ instances: ['i-nothere1'] }).catch((e: unknown) => e)
    assert.ok(refused instanceof QingCloudError, String(refused))
    assert.equal(refused.retCode, 2100)
    assert.equal(refused.action, 'StopInstances')
    assert.match(refused.message, /i-nothere1/)
    // a bad signature is the server's 1200 family, thrown the same way
    const forged = client({ secretAccessKey: 'not-the-secret' })
    const denied = await forged.describeZones().catch((e: unknown) => e)
    assert.ok(denied instanceof QingCloudError)
    assert.ok(denied.retCode >= 1100 && denied.retCode < 1300, String(denied.retCode))
  })

  it('retries 5100 with backoff and gives up after the bounded attempts', async () => {
    const admin = new QingCloud({ accessKeyId: t.admin.access_key_id, secretAccessKey: t.admin.secret_access_key, endpoint, now: () => t.clock.now() })
    await admin.armFault({ fault_action: 'DescribeZones', ret_code: 5100, count: 2 })
    const zones = await client({ retry: { attempts: 3, baseMs: 1, maxMs: 5 } }).describeZones()
    assert.equal(zones.ret_code, 0)
    // both uses were taken by the retried call; QingLocal's own replies are typed from their handlers: no casts
    const left = await admin.describeFaults()
    assert.equal(left.fault_set.length, 0)
    const { balance, user_id } = await client().getBalance()
    assert.equal(user_id, t.user.user_id)
    assert.match(balance, /^-?\d+\.\d{2,}$/)

    await admin.armFault({ fault_action: 'DescribeZones', ret_code: 5100, count: 5 })
    const busy = await client({ retry: { attempts: 2, baseMs: 1, maxMs: 5 } })
      .describeZones()
      .catch((e: unknown) => e)
    assert.ok(busy instanceof QingCloudError)
    assert.equal(busy.retCode, 5100)
    await admin.disarmFaults()
  })

  it('retries network errors for Describe actions only, and a failed job throws JobError', async () => {
    let calls = 0
    const flaky: typeof fetch = async (input, init) => {
      calls++
      if (calls === 1) throw new TypeError('fetch failed')
      return fetch(input, init)
    }
    assert.equal((await client({ fetch: flaky }).describeZones()).ret_code, 0)
    assert.equal(calls, 2)
    calls = 0
    await assert.rejects(client({ fetch: flaky }).createVolumes({ size: 10 }), /fetch failed/)
    assert.equal(calls, 1)

    const admin = new QingCloud({ accessKeyId: t.admin.access_key_id, secretAccessKey: t.admin.secret_access_key, endpoint, now: () => t.clock.now() })
    await admin.call('ArmJobFault', { job_action: 'RunInstances', ret_code: 5000 }, { module: 'admin' })
    const qc = client()
    const run = await qc.runInstances({ image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1' })
    const waiting = qc.waitJob(run.job_id as string, { intervalMs: 5, timeoutMs: 30_000 }).catch((e: unknown) => e)
    await t.settle()
    const failed = await waiting
    assert.ok(failed instanceof JobError, String(failed))
    assert.equal(failed.status, 'failed')
  })
})
