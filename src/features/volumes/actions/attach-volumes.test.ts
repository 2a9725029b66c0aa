import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const volume = async (id: string) => (await t.call('DescribeVolumes', { volumes: [id] })).volume_set[0]
const attachment = (id: string) => t.store.db.selectFrom('volumes').select(['status', 'transition_status', 'instance_id', 'device']).where('volume_id', '=', id).executeTakeFirstOrThrow()

async function expectError(params: Record<string, unknown>, code: number, message: RegExp | string, key?: { key: typeof t.admin }) {
  const reply = await t.call('AttachVolumes', params, key)
  assert.equal(reply.ret_code, code, reply.message)
  if (typeof message === 'string') assert.equal(reply.message, message)
  else assert.match(reply.message, message)
}

describe('AttachVolumes', () => {
  it('attaches available volumes: attaching at once, then in-use with the first free device names', async () => {
    const instance = await insertInstance(t, { instance_name: 'db' })
    const a = await insertVolume(t)
    const b = await insertVolume(t)
    const reply = await t.call('AttachVolumes', { volumes: [a.volume_id, b.volume_id], instance: instance.instance_id })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.job_id, /^j-/)

    const during = await volume(a.volume_id)
    assert.equal(during.status, 'available')
    assert.equal(during.transition_status, 'attaching')
    // busy volumes accept nothing else until the job settles
    const again = await t.call('DetachVolumes', { volumes: [a.volume_id], instance: instance.instance_id })
    assert.equal(again.ret_code, 1400)
    assert.equal(again.message, `PermissionDenied, volume [${a.volume_id}] is [attaching], please try later`)

    await t.settle()
    const settled = await volume(a.volume_id)
    assert.equal(settled.status, 'in-use')
    assert.equal(settled.transition_status, '')
    assert.deepEqual(settled.instance, { instance_id: instance.instance_id, instance_name: 'db', device: '/dev/vdb' })
    assert.equal((await volume(b.volume_id)).instance.device, '/dev/vdc')
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
  })

  it('never hands out a device twice: a gap left by a detached volume is reused, in-flight attachments are counted', async () => {
    const instance = await insertInstance(t, { status: 'stopped' })
    await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdd' })
    const first = await insertVolume(t)
    const second = await insertVolume(t)
    // `instance_id` is accepted as a synonym of `instance` (the documentation examples use it)
    assert.equal((await t.call('AttachVolumes', { volumes: [first.volume_id], instance_id: instance.instance_id })).ret_code, 0)
    assert.equal((await t.call('AttachVolumes', { volumes: [second.volume_id], instance: instance.instance_id })).ret_code, 0)
    assert.equal((await attachment(first.volume_id)).device, '/dev/vdc')
    assert.equal((await attachment(second.volume_id)).device, '/dev/vde')
    await t.settle()
    assert.deepEqual(await attachment(second.volume_id), { status: 'in-use', transition_status: '', instance_id: instance.instance_id, device: '/dev/vde' })
  })

  it('answers 5600 for an encrypted volume on an instance whose image cannot use encrypted disks', async () => {
    const old = await insertInstance(t, { image_id: 'centos64x64' })
    const encrypted = await insertVolume(t, { encryption: 1, cipher_alg: 'aes256' })
    await expectError(
      { volumes: [encrypted.volume_id], instance: old.instance_id },
      5600,
      `UnsupportedVolumeType, volume [${encrypted.volume_id}] is encrypted and instance [${old.instance_id}] (image [centos64x64]) can not use encrypted disks`,
    )
    assert.deepEqual(await attachment(encrypted.volume_id), { status: 'available', transition_status: '', instance_id: '', device: '' })
    // plain volumes still attach there, and encrypted ones attach to an image with support
    assert.equal((await t.call('AttachVolumes', { volumes: [(await insertVolume(t)).volume_id], instance: old.instance_id })).ret_code, 0)
    const modern = await insertInstance(t, { image_id: 'centos79x64' })
    assert.equal((await t.call('AttachVolumes', { volumes: [encrypted.volume_id], instance: modern.instance_id })).ret_code, 0)
  })

  it('answers 2100 for unknown volumes and instances, including ones in another zone', async () => {
    const instance = await insertInstance(t)
    const v = await insertVolume(t)
    await expectError({ volumes: ['vol-nonexist'], instance: instance.instance_id }, 2100, 'ResourceNotFound, resource [vol-nonexist] not found')
    await expectError({ volumes: [v.volume_id], instance: 'i-nonexist' }, 2100, 'ResourceNotFound, resource [i-nonexist] not found')
    const far = await insertInstance(t, { zone_id: 'sh1a' })
    await expectError({ volumes: [v.volume_id], instance: far.instance_id }, 2100, `ResourceNotFound, resource [${far.instance_id}] not found`)
    const farVolume = await insertVolume(t, { zone_id: 'sh1a' })
    await expectError({ volumes: [farVolume.volume_id], instance: instance.instance_id }, 2100, /not found/)
  })

  it('answers 1400 for another user’s volume or instance', async () => {
    const mine = await insertInstance(t)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    const theirVolume = await insertVolume(t, { owner: t.admin.user_id })
    const v = await insertVolume(t)
    await expectError({ volumes: [theirVolume.volume_id], instance: mine.instance_id }, 1400, `PermissionDenied, resource [${theirVolume.volume_id}] does not belong to you`)
    await expectError({ volumes: [v.volume_id], instance: theirs.instance_id }, 1400, `PermissionDenied, resource [${theirs.instance_id}] does not belong to you`)
    // nor may the admin attach a user's volume to the admin's instance
    await expectError({ volumes: [v.volume_id], instance: theirs.instance_id }, 1400, `PermissionDenied, resource [${v.volume_id}] does not belong to you`, { key: t.admin })
  })

  it('answers 1400 for volumes that are not available and instances that are not running or stopped', async () => {
    const instance = await insertInstance(t)
    const inUse = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    const gone = await insertVolume(t, { status: 'deleted' })
    const fresh = await insertVolume(t)
    const free = await insertVolume(t)
    await expectError({ volumes: [inUse.volume_id], instance: instance.instance_id }, 1400, `PermissionDenied, volume [${inUse.volume_id}] is not available, can not be attached`)
    await expectError({ volumes: [gone.volume_id], instance: instance.instance_id }, 1400, /is not available, can not be attached/)
    // the whole request is refused: the good volume listed first is not attached either
    await expectError({ volumes: [fresh.volume_id, inUse.volume_id], instance: instance.instance_id }, 1400, /is not available/)
    assert.deepEqual(await attachment(fresh.volume_id), { status: 'available', transition_status: '', instance_id: '', device: '' })

    const creating = await insertVolume(t, { status: 'pending', transition_status: 'creating' })
    await expectError({ volumes: [creating.volume_id], instance: instance.instance_id }, 1400, `PermissionDenied, volume [${creating.volume_id}] is [creating], please try later`)

    const terminated = await insertInstance(t, { status: 'terminated' })
    await expectError({ volumes: [free.volume_id], instance: terminated.instance_id }, 1400, `PermissionDenied, instance [${terminated.instance_id}] is not running or stopped, can not attach volumes`)
    const stopping = await insertInstance(t, { transition_status: 'stopping' })
    await expectError({ volumes: [free.volume_id], instance: stopping.instance_id }, 1400, `PermissionDenied, instance [${stopping.instance_id}] is [stopping], please try later`)
  })

  it('answers 1400 past 10 volumes on one instance', async () => {
    const instance = await insertInstance(t)
    for (let i = 0; i < 9; i++) await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: `/dev/vd${'bcdefghij'[i]}` })
    const [a, b] = [await insertVolume(t), await insertVolume(t)]
    await expectError({ volumes: [a.volume_id, b.volume_id], instance: instance.instance_id }, 1400, `PermissionDenied, instance [${instance.instance_id}] has [9] volumes attached, can not attach 2 more, the limit is 10`)
    assert.equal((await t.call('AttachVolumes', { volumes: [a.volume_id], instance: instance.instance_id })).ret_code, 0)
    assert.equal((await attachment(a.volume_id)).device, '/dev/vdk')
  })

  it('answers 1100 for missing or conflicting parameters and repeated ids', async () => {
    const instance = await insertInstance(t)
    const v = await insertVolume(t)
    await expectError({ volumes: [v.volume_id] }, 1100, 'InvalidRequestFormat, missing parameter instance')
    await expectError({ instance: instance.instance_id }, 1100, 'InvalidRequestFormat, missing parameter volumes')
    await expectError({ volumes: [v.volume_id], instance: instance.instance_id, instance_id: 'i-other' }, 1100, /instance and instance_id name different instances/)
    await expectError({ volumes: [v.volume_id, v.volume_id], instance: instance.instance_id }, 1100, `InvalidRequestFormat, parameter volumes lists [${v.volume_id}] more than once`)
  })
})
