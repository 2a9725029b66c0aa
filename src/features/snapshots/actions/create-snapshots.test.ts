import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { chainOf, describeSnapshot, takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'
import { MAX_CHAIN_POINTS } from '../snapshot.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const snapshotCount = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('CreateSnapshots', () => {
  it('lists a full snapshot at once as pending/creating; the job makes it available, taken and its chain’s head', async () => {
    const v = await insertVolume(t, { size: 30, volume_name: 'data' })
    const reply = ok(await t.call('CreateSnapshots', { resources: [v.volume_id], snapshot_name: 'first' }))
    // a list, as the Go SDK decodes it (qingcloud-sdk-go 09c3c0d)
    assert.equal(reply.job_id.length, 1)
    assert.match(reply.job_id[0], /^j-[0-9a-z]{8}$/)
    assert.equal(reply.snapshots.length, 1)
    const [id] = reply.snapshots
    assert.match(id, /^ss-[0-9a-z]{8}$/)
    const pending = await describeSnapshot(t, id)
    assert.deepEqual([pending.status, pending.transition_status, pending.is_taken, pending.is_head], ['pending', 'creating', 0, 0])
    await t.settle()
    const item = await describeSnapshot(t, id)
    assert.deepEqual([item.status, item.transition_status, item.is_taken, item.is_head, item.snapshot_type, item.root_id, item.parent_id, item.size, item.snapshot_name], ['available', '', 1, 1, 1, id, 'self', 30 * 1024, 'first'])
    assert.deepEqual(item.resource, { resource_id: v.volume_id, resource_name: 'data', resource_type: 'volume' })
    const job = (await t.call('DescribeJobs', { jobs: reply.job_id })).job_set[0]
    assert.deepEqual([job.status, job.job_action], ['successful', 'CreateSnapshots'])
  })

  it('chains later snapshots as incremental points of the head; is_full=1 starts a new chain', async () => {
    const v = await insertVolume(t)
    const [full] = await takeSnapshots(t, [v.volume_id])
    const [second] = await takeSnapshots(t, [v.volume_id], { is_full: 0 })
    const [third] = await takeSnapshots(t, [v.volume_id])
    assert.deepEqual(await chainOf(t, second!), { snapshot_type: 0, root_id: full, parent_id: full, is_head: 0, is_taken: 1, status: 'available', transition_status: '' })
    assert.deepEqual(await chainOf(t, third!), { snapshot_type: 0, root_id: full, parent_id: second, is_head: 1, is_taken: 1, status: 'available', transition_status: '' })
    assert.equal((await chainOf(t, full!)).is_head, 0)

    const [fresh] = await takeSnapshots(t, [v.volume_id], { is_full: 1 })
    assert.deepEqual(await chainOf(t, fresh!), { snapshot_type: 1, root_id: fresh, parent_id: 'self', is_head: 1, is_taken: 1, status: 'available', transition_status: '' })
    assert.equal((await chainOf(t, third!)).is_head, 1, 'the old chain keeps its head')
    const [next] = await takeSnapshots(t, [v.volume_id])
    assert.deepEqual([(await chainOf(t, next!)).root_id, (await chainOf(t, next!)).parent_id], [fresh, fresh])
  })

  it(`starts a new full chain after ${MAX_CHAIN_POINTS} points, and when the disk’s size changed`, async () => {
    const v = await insertVolume(t)
    const ids: string[] = []
    for (let i = 0; i < MAX_CHAIN_POINTS + 1; i++) ids.push(...(await takeSnapshots(t, [v.volume_id])))
    assert.equal((await chainOf(t, ids[MAX_CHAIN_POINTS - 1]!)).root_id, ids[0])
    assert.deepEqual(await chainOf(t, ids[MAX_CHAIN_POINTS]!), { snapshot_type: 1, root_id: ids[MAX_CHAIN_POINTS], parent_id: 'self', is_head: 1, is_taken: 1, status: 'available', transition_status: '' })

    await t.store.db.updateTable('volumes').set({ size: 40 }).where('volume_id', '=', v.volume_id).execute()
    const [resized] = await takeSnapshots(t, [v.volume_id])
    assert.equal((await chainOf(t, resized!)).snapshot_type, 1)
    assert.equal((await describeSnapshot(t, resized!)).size, 40 * 1024)
  })

  it('snapshots instances (running or stopped) by their system disk, and several resources at once', async () => {
    const running = await insertInstance(t, { instance_name: 'web', os_disk_size: 50 })
    const stopped = await insertInstance(t, { status: 'stopped' })
    const v = await insertVolume(t, { status: 'in-use', instance_id: running.instance_id, device: '/dev/vdb' })
    const ids = await takeSnapshots(t, [running.instance_id, stopped.instance_id, v.volume_id])
    const web = await describeSnapshot(t, ids[0]!)
    assert.equal(web.size, 50 * 1024)
    assert.deepEqual(web.resource, { resource_id: running.instance_id, resource_name: 'web', resource_type: 'instance' })
    assert.equal((await describeSnapshot(t, ids[1]!)).size, 20 * 1024)
    assert.equal((await describeSnapshot(t, ids[2]!)).resource.resource_type, 'volume')
  })

  it('leases each snapshot from creation, per GB of its size, and refunds and ceases it when the job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const v = await insertVolume(t, { owner: user_id, size: 20 })
    const [id] = await takeSnapshots(t, [v.volume_id], {}, { key })
    const [lease] = await leasesOf(t, id!)
    assert.deepEqual([lease!.resource_type, lease!.hourly_price, lease!.status], ['snapshot', 60, 'active'])
    assert.deepEqual(await chargesOf(t, id!), [['2026-01-15T08:00:00Z', 60, 'first hour, charged in advance']])
    assert.equal(await balance(t, user_id), 10_000 - 60)

    ok(await t.admin_call('ArmJobFault', { job_action: 'CreateSnapshots' }))
    const failed = ok(await t.call('CreateSnapshots', { resources: [v.volume_id] }, { key }))
    await t.settle()
    assert.equal((await chainOf(t, failed.snapshots[0])).status, 'ceased')
    assert.equal((await leasesOf(t, failed.snapshots[0]))[0]!.status, 'ended')
    assert.equal(await balance(t, user_id), 10_000 - 60, 'the failed snapshot is refunded')
    assert.equal((await chainOf(t, id!)).is_head, 1)
    assert.equal((await t.call('DescribeJobs', { jobs: failed.job_id }, { key })).job_set[0].status, 'failed')

    // 1 yuan minus 0.006 cannot pay for the first hour of two 2000 GB snapshots (0.6 yuan each)
    const big = await insertVolume(t, { owner: user_id, size: 2000, volume_type: 2 })
    const big2 = await insertVolume(t, { owner: user_id, size: 2000, volume_type: 2 })
    const poor = await t.call('CreateSnapshots', { resources: [big.volume_id, big2.volume_id] }, { key })
    assert.equal(poor.ret_code, 2400)
    assert.match(poor.message, /^InsufficientBalance, balance 0\.99\d* does not cover 1\.2\d* for the first hour of 2 snapshots, please recharge$/)
    assert.equal(await balance(t, user_id), 10_000 - 60, 'a refused request charges nothing')
  })

  it('answers 2500 beyond the snapshot quota', async () => {
    const { user_id, key } = await payingUser(t, 100)
    await setQuotas(t, { snapshot: 2 }, { user: user_id })
    const a = await insertVolume(t, { owner: user_id })
    const b = await insertVolume(t, { owner: user_id })
    await takeSnapshots(t, [a.volume_id], {}, { key })
    const reply = await t.call('CreateSnapshots', { resources: [a.volume_id, b.volume_id] }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 1 snapshot quota left currently'])
    ok(await t.call('CreateSnapshots', { resources: [b.volume_id] }, { key }))
    await t.settle()
  })

  it('answers 2100 for unknown resources, 1400 for another user’s, 1100 for bad parameters', async () => {
    const before = await snapshotCount()
    const theirs = await insertVolume(t, { owner: t.admin.user_id })
    const mine = await insertVolume(t)
    const unknown = await t.call('CreateSnapshots', { resources: [mine.volume_id, 'vol-nonexist'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [vol-nonexist] not found'])
    assert.deepEqual((await t.call('CreateSnapshots', { resources: ['eip-12345678'] })).message, 'ResourceNotFound, resource [eip-12345678] not found')
    const denied = await t.call('CreateSnapshots', { resources: [theirs.volume_id] })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.volume_id}] does not belong to you`])
    const twice = await t.call('CreateSnapshots', { resources: [mine.volume_id, mine.volume_id] })
    assert.deepEqual([twice.ret_code, twice.message], [1100, `InvalidRequestFormat, parameter resources lists [${mine.volume_id}] more than once`])
    assert.equal((await t.call('CreateSnapshots', {})).ret_code, 1100)
    assert.match((await t.call('CreateSnapshots', { resources: [mine.volume_id], is_full: 2 })).message, /parameter is_full/)
    assert.equal(await snapshotCount(), before)
  })

  it('answers 1400 for a resource that is busy, gone or not running/stopped, and while a snapshot of it is being taken', async () => {
    const deleted = await insertVolume(t, { status: 'deleted' })
    const attaching = await insertVolume(t, { transition_status: 'attaching' })
    const pending = await insertInstance(t, { status: 'pending', transition_status: 'creating' })
    const suspended = await insertInstance(t, { status: 'suspended' })
    const cases: Array<[string, string]> = [
      [deleted.volume_id, `PermissionDenied, volume [${deleted.volume_id}] is [deleted], can not take a snapshot of it`],
      [attaching.volume_id, `PermissionDenied, volume [${attaching.volume_id}] is [attaching], please try later`],
      [pending.instance_id, `PermissionDenied, instance [${pending.instance_id}] is [creating], please try later`],
      [suspended.instance_id, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not take a snapshot of it`],
    ]
    for (const [id, message] of cases) {
      const reply = await t.call('CreateSnapshots', { resources: [id] })
      assert.deepEqual([reply.ret_code, reply.message], [1400, message])
    }
    const v = await insertVolume(t)
    const first = ok(await t.call('CreateSnapshots', { resources: [v.volume_id] }))
    const busy = await t.call('CreateSnapshots', { resources: [v.volume_id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, resource [${first.snapshots[0]}] is [creating], please try later`])
    await t.settle()
  })
})
