import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { ok, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { insertImage } from '../../../../test/support/fixtures-images.ts'
import { startWithWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'
import { captureInstance, CAPTURE_TRANSITION } from './capture-instance.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
before(async () => {
  ;({ t, w, close } = await startWithWarehouse())
})
after(() => close())

const instanceRow = (instance_id: string) => t.store.db.selectFrom('instances').selectAll().where('instance_id', '=', instance_id).executeTakeFirstOrThrow()
const describeOne = async (image: string) => (await t.call('DescribeImages', { images: [image] })).image_set[0]
const imageRow = (image_id: string) => t.store.db.selectFrom('images').selectAll().where('image_id', '=', image_id).executeTakeFirstOrThrow()
const TWO_HOURS = 2 * 3600_000

describe('CaptureInstance', () => {
  it('creates a pending private image at once, copying what the instance was launched from', async () => {
    const instance = await insertInstance(t, { status: 'stopped', os_disk_size: 40 })
    const reply = await t.call('CaptureInstance', { instance: instance.instance_id, image_name: 'golden' })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.image_id, /^img-[0-9a-z]{8}$/)
    assert.match(reply.job_id, /^j-[0-9a-z]{8}$/)

    const image = await describeOne(reply.image_id)
    assert.deepEqual(
      { ...image, create_time: undefined, status_time: undefined },
      {
        image_id: reply.image_id,
        image_name: 'golden',
        description: null,
        size: 40,
        processor_type: '64bit',
        architecture: 'x86_64',
        hypervisor: 'kvm',
        platform: 'linux',
        os_family: 'centos',
        visibility: 'private',
        provider: 'self',
        owner: t.user.user_id,
        root_id: 'centos79x64',
        recommended_type: 'c1m1',
        status: 'pending',
        transition_status: 'creating',
        sub_code: 0,
        create_time: undefined,
        status_time: undefined,
        default_user: 'root',
        default_passwd: '',
        ui_type: 'tui',
        features: 1,
        feature: 1,
        f_resetpwd: 1,
        billing_id: '',
        app_billing_id: '',
        instance_ids: [],
        tags: [],
        zone_id: 'pek3a',
      },
    )
    // the instance is held until the copy is done, under a name terraform's waiter accepts
    assert.equal((await instanceRow(instance.instance_id)).transition_status, CAPTURE_TRANSITION)
    assert.equal(CAPTURE_TRANSITION, 'updating')

    t.clock.advance(3000)
    await t.settle()
    const done = await describeOne(reply.image_id)
    assert.equal(done.status, 'available')
    assert.equal(done.transition_status, '')
    assert.notEqual(done.status_time, done.create_time)
    const after = await instanceRow(instance.instance_id)
    assert.equal(after.status, 'stopped')
    assert.equal(after.transition_status, '')
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.equal(job.job_action, 'CaptureInstance')
    assert.equal(job.status, 'successful')
    assert.equal(job.resource_ids, `${instance.instance_id} ${reply.image_id}`)
  })

  it('names the image after the instance when image_name is not given, and copies a Windows image’s traits', async () => {
    const instance = await insertInstance(t, { status: 'stopped', instance_name: 'ad-server', image_id: 'win2016x64', os_disk_size: 50 })
    const { image_id } = await t.call('CaptureInstance', { instance: instance.instance_id })
    const image = await describeOne(image_id)
    assert.equal(image.image_name, 'ad-server')
    assert.equal(image.platform, 'windows')
    assert.equal(image.os_family, 'windows')
    assert.equal(image.default_user, 'administrator')
    assert.equal(image.ui_type, 'gui')
    assert.equal(image.features, 0)
    assert.equal(image.recommended_type, 'c2m4')
    await t.settle()
  })

  it('captures an instance launched from a captured image; the new image keeps the system root', async () => {
    const parent = await insertImage(t, { os_family: 'rockylinux', source_instance_id: (await insertInstance(t, { status: 'stopped', image_id: 'rocky9x64' })).instance_id })
    const instance = await insertInstance(t, { status: 'stopped', image_id: parent.image_id })
    const { image_id } = await t.call('CaptureInstance', { instance: instance.instance_id, image_name: 'grandchild' })
    const image = await describeOne(image_id)
    assert.equal(image.os_family, 'rockylinux')
    assert.equal(image.root_id, 'rocky9x64')
    await t.settle()
  })

  it('refuses an instance that is not stopped with 1400', async () => {
    for (const status of ['running', 'suspended', 'terminated']) {
      const instance = await insertInstance(t, { status })
      assert.deepEqual(await t.call('CaptureInstance', { instance: instance.instance_id }), {
        ret_code: 1400,
        message: `PermissionDenied, instance [${instance.instance_id}] is not stopped, can not be captured`,
      })
    }
  })

  it('refuses a busy instance with 1400, including one already being captured', async () => {
    const stopping = await insertInstance(t, { status: 'running', transition_status: 'stopping' })
    assert.deepEqual(await t.call('CaptureInstance', { instance: stopping.instance_id }), {
      ret_code: 1400,
      message: `PermissionDenied, instance [${stopping.instance_id}] is [stopping], please try later`,
    })
    const instance = await insertInstance(t, { status: 'stopped' })
    assert.equal((await t.call('CaptureInstance', { instance: instance.instance_id })).ret_code, 0)
    assert.deepEqual(await t.call('CaptureInstance', { instance: instance.instance_id }), {
      ret_code: 1400,
      message: `PermissionDenied, instance [${instance.instance_id}] is [updating], please try later`,
    })
    await t.settle()
  })

  it('refuses another user’s instance with 1400 and an unknown one with 2100, creating no image', async () => {
    const before = (await t.store.db.selectFrom('images').select('image_id').execute()).length
    const theirs = await insertInstance(t, { status: 'stopped', owner: t.admin.user_id })
    assert.deepEqual(await t.call('CaptureInstance', { instance: theirs.instance_id }), {
      ret_code: 1400,
      message: `PermissionDenied, resource [${theirs.instance_id}] does not belong to you`,
    })
    const elsewhere = await insertInstance(t, { status: 'stopped', zone_id: 'sh1a' })
    for (const id of ['i-nonexist', elsewhere.instance_id]) {
      assert.deepEqual(await t.call('CaptureInstance', { instance: id }), { ret_code: 2100, message: `ResourceNotFound, resource [${id}] not found` })
    }
    assert.equal((await t.store.db.selectFrom('images').select('image_id').execute()).length, before)
    assert.equal((await instanceRow(theirs.instance_id)).transition_status, '')
  })

  it('answers 1100 without `instance` or with an image name that is too long', async () => {
    const missing = await t.call('CaptureInstance', { image_name: 'x' })
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /instance/)
    const instance = await insertInstance(t, { status: 'stopped' })
    const long = await t.call('CaptureInstance', { instance: instance.instance_id, image_name: 'x'.repeat(256) })
    assert.equal(long.ret_code, 1100)
    assert.match(long.message, /image_name/)
    assert.equal((await instanceRow(instance.instance_id)).transition_status, '')
  })

  it('when the job fails, drops the unfinished image and frees the instance', async () => {
    const instance = await insertInstance(t, { status: 'stopped' })
    const { image_id, job_id } = await t.call('CaptureInstance', { instance: instance.instance_id })
    // something else got hold of the image meanwhile: the job must not make it available
    await t.store.db.updateTable('images').set({ transition_status: 'deleting' }).where('image_id', '=', image_id).execute()
    await t.settle()
    const job = (await t.call('DescribeJobs', { jobs: [job_id] })).job_set[0]
    assert.equal(job.status, 'failed')
    const image = await describeOne(image_id)
    assert.deepEqual([image.status, image.transition_status], ['ceased', ''])
    assert.equal((await instanceRow(instance.instance_id)).transition_status, '')
    // the descriptor stays until the sweep, which removes the files of ceased images
    const file = `images/pek3a/${image_id}.json`
    assert.equal(w.exists(file), true)
    await t.jobs.sweep()
    assert.equal(w.exists(file), false)
    assert.equal((await imageRow(image_id)).warehouse_file, '')
  })

  it('stores a JSON descriptor of the disk in the warehouse, recorded on the image', async () => {
    const instance = await insertInstance(t, { status: 'stopped', os_disk_size: 30, image_id: 'ubuntu2204x64', instance_name: 'web' })
    const { image_id } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
    const file = `images/pek3a/${image_id}.json`
    assert.equal((await imageRow(image_id)).warehouse_file, file)
    assert.deepEqual(JSON.parse(w.read(file).toString()), {
      format: 'qinglocal-image-descriptor/1',
      note: 'QingLocal simulates disks: this descriptor stands for the captured system disk and holds no disk data',
      image_id,
      zone_id: 'pek3a',
      owner: t.user.user_id,
      image_name: 'web',
      source_instance_id: instance.instance_id,
      source_image_id: 'ubuntu2204x64',
      platform: 'linux',
      os_family: 'ubuntu',
      processor_type: '64bit',
      size: 30,
      captured_time: formatTime(t.clock.now()),
    })
    await t.settle()
    assert.equal((await describeOne(image_id)).status, 'available')
  })

  it('keeps the file of a deleted image in the recycle bin and removes it when the image is ceased', async () => {
    const instance = await insertInstance(t, { status: 'stopped' })
    const { image_id } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
    await t.settle()
    const file = `images/pek3a/${image_id}.json`
    ok(await t.call('DeleteImages', { images: [image_id] }))
    await t.settle()
    await t.jobs.sweep()
    assert.equal((await describeOne(image_id)).status, 'deleted')
    assert.equal(w.exists(file), true)
    t.clock.advance(TWO_HOURS + 1000)
    await t.jobs.sweep()
    assert.equal((await describeOne(image_id)).status, 'ceased')
    assert.equal(w.exists(file), false)
    assert.equal((await imageRow(image_id)).warehouse_file, '')
  })

  it('answers 5500 while the warehouse is off, before looking at the instance, and changes nothing', async () => {
    ok(await t.admin_call('DisableWarehouse'))
    try {
      const before = (await t.store.db.selectFrom('images').select('image_id').execute()).length
      const instance = await insertInstance(t, { status: 'stopped' })
      for (const id of [instance.instance_id, 'i-nonexist']) {
        assert.deepEqual(await t.call('CaptureInstance', { instance: id }), {
          ret_code: 5500,
          message: 'WarehouseNotEnabled, the image warehouse is not enabled, CaptureInstance needs it; an administrator turns it on with EnableWarehouse',
        })
      }
      assert.equal((await t.store.db.selectFrom('images').select('image_id').execute()).length, before)
      assert.equal((await instanceRow(instance.instance_id)).transition_status, '')
    } finally {
      ok(await t.admin_call('EnableWarehouse'))
    }
  })

  it('keeps a realistic-speed capture well inside one 5 s poll', () => {
    assert.ok(captureInstance.workMs! >= 2000 && captureInstance.workMs! < 4000)
  })
})
