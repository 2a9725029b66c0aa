import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertVolume } from '../../../../test/support/fixtures.ts'
import { balance, billHourly, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { chainOf, takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const chainOfVolume = async () => {
  const v = await insertVolume(t)
  const ids: string[] = []
  for (let i = 0; i < 4; i++) ids.push(...(await takeSnapshots(t, [v.volume_id])))
  return ids
}
const statuses = async (ids: string[]) => Promise.all(ids.map(async (id) => (await chainOf(t, id)).status))

describe('DeleteSnapshots', () => {
  it('deletes a middle point with every later point of its chain; the point before becomes the head', async () => {
    const [full, p1, p2, p3] = await chainOfVolume()
    const reply = ok(await t.call('DeleteSnapshots', { snapshots: [p2] }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual((await chainOf(t, p3!)).transition_status, 'deleting')
    await t.settle()
    assert.deepEqual(await statuses([full!, p1!, p2!, p3!]), ['available', 'available', 'deleted', 'deleted'])
    assert.equal((await chainOf(t, p1!)).is_head, 1)
    assert.equal((await chainOf(t, p3!)).is_head, 0)
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual(job.resource_ids.split(' ').sort(), [p2, p3].sort())
  })

  it('deletes a whole chain with its full snapshot, which then waits two hours in the recycle bin', async () => {
    const ids = await chainOfVolume()
    ok(await t.call('DeleteSnapshots', { snapshots: [ids[0]] }))
    await t.settle()
    assert.deepEqual(await statuses(ids), ['deleted', 'deleted', 'deleted', 'deleted'])
    assert.equal((await t.call('DescribeSnapshots', { snapshots: ids })).total_count, 4)
    t.clock.advance(2 * 60 * 60 * 1000)
    await t.jobs.sweep()
    assert.deepEqual(await statuses(ids), ['ceased', 'ceased', 'ceased', 'ceased'])
  })

  it('ends the leases of every snapshot it deletes, refunding the unused hour', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const v = await insertVolume(t, { owner: user_id })
    const [full] = await takeSnapshots(t, [v.volume_id], {}, { key })
    const [point] = await takeSnapshots(t, [v.volume_id], {}, { key })
    assert.equal(await balance(t, user_id), 10_000 - 120)
    t.clock.advance(30 * 60 * 1000)
    ok(await t.call('DeleteSnapshots', { snapshots: [full] }, { key }))
    for (const id of [full!, point!]) {
      assert.equal((await leasesOf(t, id))[0]!.status, 'ended')
      assert.deepEqual((await chargesOf(t, id)).at(-1)!.slice(1), [-30, 'unused time of the hour refunded'])
    }
    assert.equal(await balance(t, user_id), 10_000 - 60)
    await t.settle()
  })

  it('deletes a snapshot suspended for arrears, which could make no volume meanwhile', async () => {
    const { user_id, key } = await payingUser(t, 0.01)
    const v = await insertVolume(t, { owner: user_id })
    const [ss] = await takeSnapshots(t, [v.volume_id], {}, { key })
    await billHourly(t, 1)
    assert.equal((await chainOf(t, ss!)).status, 'suspended')
    const refused = await t.call('CreateVolumeFromSnapshot', { snapshot: ss }, { key })
    assert.deepEqual([refused.ret_code, refused.message], [1400, `PermissionDenied, snapshot [${ss}] is not available, can not create volume from it`])
    ok(await t.call('DeleteSnapshots', { snapshots: [ss] }, { key }))
    await t.settle()
    assert.equal((await chainOf(t, ss!)).status, 'deleted')
  })

  it('answers CSI’s "please try later" for a snapshot in transition, named or swept along', async () => {
    const v = await insertVolume(t)
    const [full] = await takeSnapshots(t, [v.volume_id])
    const creating = ok(await t.call('CreateSnapshots', { resources: [v.volume_id] })).snapshots[0]
    const named = await t.call('DeleteSnapshots', { snapshots: [creating] })
    assert.deepEqual([named.ret_code, named.message], [1400, `PermissionDenied, resource [${creating}] is [creating], please try later`])
    const swept = await t.call('DeleteSnapshots', { snapshots: [full] })
    assert.deepEqual([swept.ret_code, swept.message], [1400, `PermissionDenied, resource [${creating}] is [creating], please try later`])
    assert.equal((await chainOf(t, full!)).transition_status, '', 'a refused request changes nothing')
    await t.settle()
  })

  it('answers 1400 for a deleted snapshot, 2100 for unknown ids, 1400 for another user’s, 1100 without snapshots', async () => {
    const [gone] = await takeSnapshots(t, [(await insertVolume(t)).volume_id])
    ok(await t.call('DeleteSnapshots', { snapshots: [gone] }))
    await t.settle()
    const again = await t.call('DeleteSnapshots', { snapshots: [gone] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, snapshot [${gone}] is [deleted], can not be deleted`])
    const unknown = await t.call('DeleteSnapshots', { snapshots: ['ss-nonexist'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [ss-nonexist] not found'])
    const [theirs] = await takeSnapshots(t, [(await insertVolume(t, { owner: t.admin.user_id })).volume_id], {}, { key: t.admin })
    const denied = await t.call('DeleteSnapshots', { snapshots: [theirs] })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await t.call('DeleteSnapshots', {})).ret_code, 1100)
  })
})
