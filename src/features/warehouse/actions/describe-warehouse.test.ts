// DescribeWarehouse: on or off, the directory, images with a file there and the bytes it holds
// (imports and exports included); administrators only (1400).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { startWithWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
before(async () => {
  ;({ t, w, close } = await startWithWarehouse({ enabled: false }))
})
after(() => close())

const describeWarehouse = () => t.admin_call('DescribeWarehouse')

describe('DescribeWarehouse', () => {
  it('is off, and empty, until an administrator turns it on', async () => {
    assert.deepEqual(await describeWarehouse(), { action: 'DescribeWarehouseResponse', ret_code: 0, enabled: 0, directory: w.dir, images_stored: 0, bytes_used: 0 })
  })

  it('counts the images with a file in the warehouse and every byte below the directory', async () => {
    ok(await t.admin_call('EnableWarehouse'))
    const instance = await insertInstance(t, { status: 'stopped' })
    const { image_id } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
    w.put('imports/disk.img', 'x'.repeat(1000))
    const imported = ok(await t.call('ImportImage', { file: 'disk.img' }))
    await t.settle()
    const descriptor = w.read(`images/pek3a/${image_id}.json`).length
    assert.deepEqual(await describeWarehouse(), {
      action: 'DescribeWarehouseResponse',
      ret_code: 0,
      enabled: 1,
      directory: w.dir,
      images_stored: 2,
      // the descriptor, the file in imports/ and its copy in images/
      bytes_used: descriptor + 1000 + 1000,
    })
    assert.equal(w.read(`images/pek3a/${imported.image_id}.img`).length, 1000)
  })

  it('never counts temporary .part- files of transfers under way', async () => {
    const before = (await describeWarehouse()).bytes_used
    w.put('images/pek3a/img-halfdone.img.part-0123456789ab', 'x'.repeat(5000))
    assert.equal((await describeWarehouse()).bytes_used, before)
  })

  it('answers DescribeWarehouse and EnableWarehouse while imports write, rename and remove files (never 5000)', async () => {
    for (let i = 0; i < 40; i++) w.put(`imports/many-${i}.img`, 'y'.repeat(100 + i))
    const imports = Array.from({ length: 40 }, (_, i) => t.call('ImportImage', { file: `many-${i}.img` }))
    await Promise.all(imports.map((reply) => reply.then(ok)))
    // the jobs copy the files (temporary file, then rename) while the administrator looks
    const settling = t.settle()
    const looks = await Promise.all(Array.from({ length: 20 }, (_, i) => t.admin_call(i % 2 ? 'DescribeWarehouse' : 'EnableWarehouse')))
    await settling
    for (const reply of looks) assert.equal(reply.ret_code, 0, reply.message)
    assert.equal((await describeWarehouse()).ret_code, 0)
  })

  it('refuses a caller who is not an administrator with 1400', async () => {
    assert.deepEqual(await t.admin_call('DescribeWarehouse', {}, { key: t.user }), {
      ret_code: 1400,
      message: `PermissionDenied, user [${t.user.user_id}] is not an administrator, action [DescribeWarehouse] needs one`,
    })
  })
})
