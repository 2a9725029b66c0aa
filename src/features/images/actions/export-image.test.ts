// ExportImage: a copy of the caller's image file in exports/<owner>/, answered with its place and
// size; 5500 while the warehouse is off; the ownership and state rules of the other image actions.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { ok, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { insertImage } from '../../../../test/support/fixtures-images.ts'
import { startWithWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
before(async () => {
  ;({ t, w, close } = await startWithWarehouse())
})
after(() => close())

/** A captured image of the test user's, available. */
async function captured(): Promise<string> {
  const instance = await insertInstance(t, { status: 'stopped' })
  const { image_id } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
  await t.settle()
  return image_id
}

describe('ExportImage', () => {
  it('copies a captured image’s descriptor to exports/<owner>/ and answers where and how large', async () => {
    const image_id = await captured()
    const stored = w.read(`images/pek3a/${image_id}.json`)
    const export_file = `exports/${t.user.user_id}/${image_id}.json`
    assert.deepEqual(await t.call('ExportImage', { image: image_id }), { action: 'ExportImageResponse', ret_code: 0, image_id, export_file, file_size: stored.length })
    assert.deepEqual(w.read(export_file), stored)
    // exporting again replaces the copy
    w.put(export_file, 'stale')
    assert.equal(ok(await t.call('ExportImage', { image: image_id })).export_file, export_file)
    assert.deepEqual(w.read(export_file), stored)
  })

  it('copies an imported image’s file byte for byte', async () => {
    const disk = Buffer.from('a disk of sorts\n'.repeat(100))
    w.put('imports/disk.raw', disk)
    const { image_id } = ok(await t.call('ImportImage', { file: 'disk.raw' }))
    await t.settle()
    const reply = ok(await t.call('ExportImage', { image: image_id }))
    assert.deepEqual([reply.export_file, reply.file_size], [`exports/${t.user.user_id}/${image_id}.img`, disk.length])
    assert.deepEqual(w.read(reply.export_file), disk)
  })

  it('refuses images that are not the caller’s own: 2100 unknown, 1400 someone else’s or a system image', async () => {
    const theirs = await insertImage(t, { owner: t.admin.user_id })
    assert.deepEqual(await t.call('ExportImage', { image: 'img-nothere1' }), { ret_code: 2100, message: 'ResourceNotFound, resource [img-nothere1] not found' })
    assert.deepEqual(await t.call('ExportImage', { image: 'centos79x64', zone: 'sh1a' }), { ret_code: 1400, message: 'PermissionDenied, image [centos79x64] is a system image, can not be exported' })
    assert.deepEqual(await t.call('ExportImage', { image: theirs.image_id }), { ret_code: 1400, message: `PermissionDenied, resource [${theirs.image_id}] does not belong to you` })
    const mine = await captured()
    assert.deepEqual(await t.call('ExportImage', { image: mine, zone: 'sh1a' }), { ret_code: 2100, message: `ResourceNotFound, resource [${mine}] not found` })
  })

  it('refuses an image that is busy, not available or has no file in the warehouse with 1400', async () => {
    const instance = await insertInstance(t, { status: 'stopped' })
    const { image_id: pending } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
    assert.deepEqual(await t.call('ExportImage', { image: pending }), { ret_code: 1400, message: `PermissionDenied, image [${pending}] is [creating], please try later` })
    await t.settle()
    ok(await t.call('DeleteImages', { images: [pending] }))
    await t.settle()
    assert.deepEqual(await t.call('ExportImage', { image: pending }), { ret_code: 1400, message: `PermissionDenied, image [${pending}] is not available, can not be exported` })

    const older = await insertImage(t, { warehouse_file: '' })
    assert.deepEqual(await t.call('ExportImage', { image: older.image_id }), { ret_code: 1400, message: `PermissionDenied, image [${older.image_id}] has no file in the warehouse, can not be exported` })
    // a file the operator removed by hand
    const lost = await captured()
    rmSync(w.path(`images/pek3a/${lost}.json`))
    assert.deepEqual(await t.call('ExportImage', { image: lost }), { ret_code: 1400, message: `PermissionDenied, image [${lost}] has no file in the warehouse, can not be exported` })
    assert.equal(w.exists(`exports/${t.user.user_id}/${lost}.json`), false)
  })

  it('answers 5500 while the warehouse is off, writing nothing', async () => {
    const image_id = await captured()
    ok(await t.admin_call('DisableWarehouse'))
    try {
      assert.deepEqual(await t.call('ExportImage', { image: image_id }), {
        ret_code: 5500,
        message: 'WarehouseNotEnabled, the image warehouse is not enabled, ExportImage needs it; an administrator turns it on with EnableWarehouse',
      })
      assert.equal(w.exists(`exports/${t.user.user_id}/${image_id}.json`), false)
    } finally {
      ok(await t.admin_call('EnableWarehouse'))
    }
  })

  it('answers 1100 without `image`', async () => {
    const reply = await t.call('ExportImage', {})
    assert.equal(reply.ret_code, 1100)
    assert.match(reply.message, /image/)
  })
})
