// EnableWarehouse: creates the directory and its parts, turns the service on (also when it already
// is), refuses a directory it cannot use with 5500, and is for administrators only (1400).
import assert from 'node:assert/strict'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp } from '../../../../test/support/harness.ts'
import { startWithWarehouse, tempWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'
import type { TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
before(async () => {
  ;({ t, w, close } = await startWithWarehouse({ enabled: false }))
})
after(() => close())

describe('EnableWarehouse', () => {
  it('creates images/, imports/ and exports/ in the configured directory and turns the warehouse on', async () => {
    const directory = join(w.dir, 'nested', 'warehouse')
    const nested = await startTestApp({ config: { warehouseDir: directory } })
    try {
      assert.equal(existsSync(directory), false)
      assert.deepEqual(await nested.admin_call('EnableWarehouse'), { action: 'EnableWarehouseResponse', ret_code: 0, enabled: 1, directory, images_stored: 0, bytes_used: 0 })
      for (const part of ['images', 'imports', 'exports']) assert.equal(statSync(join(directory, part)).isDirectory(), true, part)
      // enabling again changes nothing and is no error
      assert.deepEqual(await nested.admin_call('EnableWarehouse'), { action: 'EnableWarehouseResponse', ret_code: 0, enabled: 1, directory, images_stored: 0, bytes_used: 0 })
    } finally {
      await nested.close()
    }
  })

  it('turns the warehouse on for the image actions', async () => {
    assert.equal((await t.call('ExportImage', { image: 'img-nothere1' })).ret_code, 5500)
    assert.equal(ok(await t.admin_call('EnableWarehouse')).enabled, 1)
    assert.deepEqual(await t.call('ExportImage', { image: 'img-nothere1' }), { ret_code: 2100, message: 'ResourceNotFound, resource [img-nothere1] not found' })
  })

  it('answers 5500 for a directory it cannot create, and the warehouse stays off', async () => {
    const blocked = tempWarehouse()
    writeFileSync(join(blocked.dir, 'file'), 'not a directory')
    const directory = join(blocked.dir, 'file', 'warehouse')
    const app = await startTestApp({ config: { warehouseDir: directory } })
    try {
      assert.deepEqual(await app.admin_call('EnableWarehouse'), {
        ret_code: 5500,
        message: `WarehouseNotEnabled, warehouse directory [${directory}] can not be used (ENOTDIR), the warehouse stays off`,
      })
      assert.equal((await app.admin_call('DescribeWarehouse')).enabled, 0)
    } finally {
      await app.close()
      blocked.remove()
    }
  })

  it('refuses a caller who is not an administrator with 1400', async () => {
    ok(await t.admin_call('DisableWarehouse'))
    assert.deepEqual(await t.admin_call('EnableWarehouse', {}, { key: t.user }), {
      ret_code: 1400,
      message: `PermissionDenied, user [${t.user.user_id}] is not an administrator, action [EnableWarehouse] needs one`,
    })
    assert.equal((await t.admin_call('DescribeWarehouse')).enabled, 0)
  })
})
