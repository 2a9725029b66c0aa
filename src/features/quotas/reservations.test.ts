// Reservations (issue 15): a pending job's growth is a row counted as usage until the job ends.
// The regression: quota 4 CPU, a cluster of 2 × 1 CPU, ResizeCluster to 2 CPU pending, and a
// RunInstances of 1 CPU was accepted (the user ended with 5 vCPUs), because usage parsed only
// ResizeInstances/ResizeVolumes job payloads.
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import { afterEach, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { conf, deployed, ZOOKEEPER } from '../../../test/support/fixtures-clusters.ts'
import { launchOne, LINUX } from '../../../test/support/fixtures-instances.ts'
import { quotaLeft, setQuotas } from '../../../test/support/fixtures-quotas.ts'
import * as migration from '../../store/migrations/0018-reservations.ts'

let t: TestApp
afterEach(() => t.close())

/** vCPUs of the test user's instances that are not gone, as the rows say. */
async function cpuHeld(): Promise<number> {
  const row = await t.store.db
    .selectFrom('instances')
    .select((eb) => eb.fn.sum<number | string>('vcpus_current').as('cpu'))
    .where('owner', '=', t.user.user_id)
    .where('zone_id', '=', 'pek3a')
    .where('status', 'not in', ['terminated', 'ceased'])
    .executeTakeFirstOrThrow()
  return Number(row.cpu ?? 0)
}

const reservationsOf = (jobId: string) => t.store.db.selectFrom('reservations').selectAll().where('job_id', '=', jobId).execute()

/** Quota 4 CPU and an active cluster of two 1-CPU nodes. */
async function clusterAtHalfQuota(): Promise<string> {
  t = await startTestApp({ hosts: ROOMY_HOSTS })
  await setQuotas(t, { cpu: 4 })
  const c = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 2, cpu: 1, memory: 1024 } }))
  assert.equal(await cpuHeld(), 2)
  return c.cluster_id
}

const runOne = () => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 1 })

describe('ResizeCluster reserves its growth', () => {
  it('a pending ResizeCluster to 2 CPU holds the quota: RunInstances of 1 CPU is 2500, and usage is exactly 4 after the job', async () => {
    const cluster = await clusterAtHalfQuota()
    const resize = ok(await t.call('ResizeCluster', { cluster, node_role: 'zk_node', cpu: 2, memory: 2048 }))
    assert.deepEqual((await reservationsOf(resize.job_id)).map((r) => [r.resource_type, Number(r.amount)]).sort(), [
      ['cpu', 2],
      ['memory', 2048],
    ])
    assert.equal((await quotaLeft(t)).cpu, 0)
    const run = await runOne()
    assert.deepEqual([run.ret_code, run.message], [2500, 'QuotasExceeded, you only have 0 cpu quota left currently'])
    await t.settle()
    assert.equal(await cpuHeld(), 4)
    assert.deepEqual(await reservationsOf(resize.job_id), [])
    assert.equal((await quotaLeft(t)).cpu, 0)
    assert.equal((await runOne()).ret_code, 2500)
  })

  it('a ResizeCluster whose job fails gives its reservation back: RunInstances then succeeds', async () => {
    const cluster = await clusterAtHalfQuota()
    ok(await t.admin_call('ArmJobFault', { job_action: 'ResizeCluster' }))
    const resize = ok(await t.call('ResizeCluster', { cluster, node_role: 'zk_node', cpu: 2, memory: 2048 }))
    assert.equal((await runOne()).ret_code, 2500)
    await t.settle()
    const job = (await t.call('DescribeJobs', { jobs: [resize.job_id] })).job_set[0]
    assert.equal(job.status, 'failed')
    assert.deepEqual(await reservationsOf(resize.job_id), [])
    assert.equal(await cpuHeld(), 2)
    assert.equal((await quotaLeft(t)).cpu, 2)
    ok(await runOne())
    await t.settle()
    assert.equal(await cpuHeld(), 3)
  })
})

describe('ResizeInstances and ResizeVolumes reserve their growth', () => {
  it('until their jobs end, successful or failed', async () => {
    t = await startTestApp({ hosts: ROOMY_HOSTS })
    await setQuotas(t, { cpu: 3, volume_size: 60 })
    const instance = await launchOne(t, 'stopped')
    const grow = ok(await t.call('ResizeInstances', { instances: [instance], cpu: 2, memory: 2048 }))
    assert.equal((await quotaLeft(t)).cpu, 1)
    await t.settle()
    assert.deepEqual(await reservationsOf(grow.job_id), [])
    assert.equal((await quotaLeft(t)).cpu, 1)

    const volume = ok(await t.call('CreateVolumes', { size: 20, volume_type: 0 })).volumes[0]
    await t.settle()
    ok(await t.admin_call('ArmJobFault', { job_action: 'ResizeVolumes' }))
    const failing = ok(await t.call('ResizeVolumes', { volumes: [volume], size: 60 }))
    assert.equal((await quotaLeft(t)).volume_size, 0)
    assert.equal((await t.call('CreateVolumes', { size: 20, volume_type: 0 })).ret_code, 2500)
    await t.settle()
    assert.deepEqual(await reservationsOf(failing.job_id), [])
    assert.equal((await quotaLeft(t)).volume_size, 40)
  })
})

describe('migration 0018', () => {
  it('gives resize jobs pending at migration time the reservations their actions write now', async () => {
    const cluster = await clusterAtHalfQuota()
    await setQuotas(t, { cpu: 10 })
    const instance = await launchOne(t, 'stopped')
    const volume = ok(await t.call('CreateVolumes', { size: 20, volume_type: 0 })).volumes[0]
    await t.settle()
    ok(await t.call('ResizeCluster', { cluster, node_role: 'zk_node', cpu: 2, memory: 2048 }))
    ok(await t.call('ResizeInstances', { instances: [instance], cpu: 2, memory: 1024 }))
    ok(await t.call('ResizeVolumes', { volumes: [volume], size: 50 }))
    const rows = async () => (await t.store.db.selectFrom('reservations').selectAll().orderBy('job_id').orderBy('resource_type').execute()).map((r) => ({ ...r, amount: Number(r.amount) }))
    const written = await rows()
    assert.equal(written.length, 4)
    await migration.down(t.store.db as Kysely<unknown>)
    await migration.up(t.store.db as Kysely<unknown>)
    assert.deepEqual(await rows(), written)
  })
})

describe('20 parallel resizes and launches', () => {
  it('never leave CPU usage above the quota once every job has settled', async () => {
    t = await startTestApp({ hosts: ROOMY_HOSTS })
    await setQuotas(t, { cpu: 10 })
    const cluster = (await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 2, cpu: 1, memory: 1024 } }))).cluster_id
    const stopped = [await launchOne(t, 'stopped'), await launchOne(t, 'stopped'), await launchOne(t, 'stopped')]
    assert.equal(await cpuHeld(), 5)
    const calls = Array.from({ length: 20 }, (_, i) => {
      if (i % 5 === 0) return t.call('ResizeCluster', { cluster, node_role: 'zk_node', cpu: 2, memory: 2048 })
      if (i % 5 === 1) return t.call('ResizeInstances', { instances: [stopped[i % 3]], cpu: 4, memory: 4096 })
      return runOne()
    })
    const replies = await Promise.all(calls)
    const codes = replies.map((r) => r.ret_code)
    assert.ok(
      codes.every((c) => c !== 5000),
      `ret_codes: ${codes.join(' ')}`,
    )
    assert.ok(
      codes.some((c) => c === 2500),
      `ret_codes: ${codes.join(' ')}`,
    )
    await t.settle()
    const held = await cpuHeld()
    assert.ok(held <= 10, `${held} vCPUs held against a quota of 10 (ret_codes: ${codes.join(' ')})`)
    assert.equal(
      Number(
        (
          await t.store.db
            .selectFrom('reservations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    )
  })
})
