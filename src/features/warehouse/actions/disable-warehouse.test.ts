// DisableWarehouse: the image actions answer 5500 from the next request on; what is stored stays
// stored and usable; administrators only (1400).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { startWithWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
before(async () => {
  ;({ t, w, close } = await startWithWarehouse())
})
after(() => close())

describe('DisableWarehouse', () => {
  it('turns the warehouse off: capture, import and export answer 5500; stored images stay and still launch', async () => {
    const instance = await insertInstance(t, { status: 'stopped' })
    const { image_id } = ok(await t.call('CaptureInstance', { instance: instance.instance_id }))
    await t.settle()
    const file = `images/pek3a/${image_id}.json`

    const off = ok(await t.admin_call('DisableWarehouse'))
    assert.deepEqual({ ...off, bytes_used: undefined }, { action: 'DisableWarehouseResponse', ret_code: 0, enabled: 0, directory: w.dir, images_stored: 1, bytes_used: undefined })
    assert.equal(off.bytes_used, w.read(file).length)
    const other = await insertInstance(t, { status: 'stopped' })
    for (const [action, params] of [
      ['CaptureInstance', { instance: other.instance_id }],
      ['ImportImage', { url: 'http://127.0.0.1:9/x.img' }],
      ['ExportImage', { image: image_id }],
    ] as const) {
      assert.deepEqual(await t.call(action, params), {
        ret_code: 5500,
        message: `WarehouseNotEnabled, the image warehouse is not enabled, ${action} needs it; an administrator turns it on with EnableWarehouse`,
      })
    }
    assert.equal(w.exists(file), true)
    assert.equal((await t.call('DescribeImages', { images: [image_id] })).image_set[0].status, 'available')
    const ran = await t.call('RunInstances', { ...LINUX, image_id, instance_type: 'c1m1' })
    assert.equal(ran.ret_code, 0, ran.message)
    await t.settle()
    // disabling twice is no error
    assert.equal(ok(await t.admin_call('DisableWarehouse')).enabled, 0)
  })

  it('refuses a caller who is not an administrator with 1400, leaving the warehouse on', async () => {
    ok(await t.admin_call('EnableWarehouse'))
    assert.deepEqual(await t.admin_call('DisableWarehouse', {}, { key: t.user }), {
      ret_code: 1400,
      message: `PermissionDenied, user [${t.user.user_id}] is not an administrator, action [DisableWarehouse] needs one`,
    })
    assert.equal((await t.admin_call('DescribeWarehouse')).enabled, 1)
  })
})
