import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const row = (id: string) => t.store.db.selectFrom('volumes').select(['size', 'status', 'transition_status']).where('volume_id', '=', id).executeTakeFirstOrThrow()
const resize = (params: Record<string, unknown>, options?: { key: typeof t.admin }) => t.call('ResizeVolumes', params, options)

describe('ResizeVolumes', () => {
  it('grows detached volumes; the new size shows once the job settles', async () => {
    const a = await insertVolume(t, { size: 20 })
    const b = await insertVolume(t, { size: 50 })
    const reply = await resize({ volumes: [a.volume_id, b.volume_id], size: 100 })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await row(a.volume_id), { size: 20, status: 'available', transition_status: 'resizing' })
    await t.settle()
    assert.deepEqual(await row(a.volume_id), { size: 100, status: 'available', transition_status: '' })
    const [item] = (await t.call('DescribeVolumes', { volumes: [b.volume_id] })).volume_set
    assert.equal(item.size, 100)
  })

  it('answers 1400 for a size that does not grow the volume', async () => {
    const v = await insertVolume(t, { size: 50 })
    for (const size of [50, 30]) {
      const reply = await resize({ volumes: [v.volume_id], size })
      assert.equal(reply.ret_code, 1400)
      assert.equal(reply.message, `PermissionDenied, volume [${v.volume_id}] is already [50] GB, can not be resized to [${size}] GB, volumes can only grow`)
    }
  })

  it('answers 1100 beyond the type’s maximum or off the 10 GB step', async () => {
    const performance = await insertVolume(t, { size: 500 })
    const capacity = await insertVolume(t, { size: 500, volume_type: 2 })
    const over = await resize({ volumes: [performance.volume_id], size: 1010 })
    assert.equal(over.ret_code, 1100)
    assert.match(over.message, /illegal size 1010 for volume_type 0, the valid range is \[20 - 1000\]/)
    assert.equal((await resize({ volumes: [capacity.volume_id], size: 1010 })).ret_code, 0)
    assert.equal((await resize({ volumes: [performance.volume_id], size: 505 })).ret_code, 1100)
    assert.equal((await resize({ volumes: [performance.volume_id] })).ret_code, 1100)
    assert.equal((await row(performance.volume_id)).transition_status, '')
  })

  it('answers 1400 for attached, busy or other users’ volumes and 2100 for unknown ones', async () => {
    const instance = await insertInstance(t)
    const attached = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    const busy = await insertVolume(t, { transition_status: 'resizing' })
    const theirs = await insertVolume(t, { owner: t.admin.user_id })
    const r1 = await resize({ volumes: [attached.volume_id], size: 100 })
    assert.equal(r1.ret_code, 1400)
    assert.equal(r1.message, `PermissionDenied, volume [${attached.volume_id}] is not available, can not be resized`)
    assert.equal((await resize({ volumes: [busy.volume_id], size: 100 })).message, `PermissionDenied, volume [${busy.volume_id}] is [resizing], please try later`)
    assert.equal((await resize({ volumes: [theirs.volume_id], size: 100 })).ret_code, 1400)
    assert.equal((await resize({ volumes: ['vol-nonexist'], size: 100 })).ret_code, 2100)
  })
})
