import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { tagVolume } from '../../../../test/support/fixtures-volumes.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const row = (id: string) => t.store.db.selectFrom('volumes').select(['status', 'transition_status']).where('volume_id', '=', id).executeTakeFirstOrThrow()
const bindings = async (id: string) => (await t.store.db.selectFrom('resource_tags').select('tag_id').where('resource_id', '=', id).execute()).length
const del = (params: Record<string, unknown>, options?: { key: typeof t.admin }) => t.call('DeleteVolumes', params, options)

describe('DeleteVolumes', () => {
  it('moves volumes to the recycle bin: deleted, untagged, describable by id only, ceased two hours later', async () => {
    const v = await insertVolume(t)
    const keep = await insertVolume(t)
    await tagVolume(t, v.volume_id)
    const reply = await del({ volumes: [v.volume_id] })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await row(v.volume_id), { status: 'available', transition_status: 'deleting' })
    assert.equal(await bindings(v.volume_id), 1)
    await t.settle()

    assert.deepEqual(await row(v.volume_id), { status: 'deleted', transition_status: '' })
    assert.equal(await bindings(v.volume_id), 0)
    const [item] = (await t.call('DescribeVolumes', { volumes: [v.volume_id] })).volume_set
    assert.equal(item.status, 'deleted')
    assert.deepEqual(item.tags, [])
    assert.deepEqual(
      (await t.call('DescribeVolumes')).volume_set.map((x: { volume_id: string }) => x.volume_id),
      [keep.volume_id],
    )

    t.clock.advance(2 * 60 * 60 * 1000)
    await t.jobs.sweep()
    assert.equal((await row(v.volume_id)).status, 'ceased')
  })

  it('ceases at once with direct_cease=1', async () => {
    const v = await insertVolume(t)
    assert.equal((await del({ volumes: [v.volume_id], direct_cease: 1 })).ret_code, 0)
    await t.settle()
    assert.equal((await row(v.volume_id)).status, 'ceased')
  })

  it('answers 1400 for a volume in use, not available or busy', async () => {
    const instance = await insertInstance(t)
    const inUse = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    const deleted = await insertVolume(t, { status: 'deleted' })
    const creating = await insertVolume(t, { status: 'pending', transition_status: 'creating' })
    const free = await insertVolume(t)
    const r1 = await del({ volumes: [free.volume_id, inUse.volume_id] })
    assert.equal(r1.ret_code, 1400)
    assert.equal(r1.message, `PermissionDenied, volume [${inUse.volume_id}] is in use, can not be deleted`)
    assert.deepEqual(await row(free.volume_id), { status: 'available', transition_status: '' }, 'a refused request changes nothing')
    assert.equal((await del({ volumes: [deleted.volume_id] })).message, `PermissionDenied, volume [${deleted.volume_id}] is not available, can not be deleted`)
    assert.equal((await del({ volumes: [creating.volume_id] })).message, `PermissionDenied, volume [${creating.volume_id}] is [creating], please try later`)
  })

  it('answers 2100 for unknown ids, 1400 for another user’s, 1100 without volumes', async () => {
    const theirs = await insertVolume(t, { owner: t.admin.user_id })
    assert.equal((await del({ volumes: ['vol-nonexist'] })).ret_code, 2100)
    const denied = await del({ volumes: [theirs.volume_id] })
    assert.equal(denied.ret_code, 1400)
    assert.equal(denied.message, `PermissionDenied, resource [${theirs.volume_id}] does not belong to you`)
    assert.equal((await del({})).ret_code, 1100)
    assert.equal((await row(theirs.volume_id)).status, 'available')
  })
})
