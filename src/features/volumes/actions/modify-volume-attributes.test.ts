import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertVolume } from '../../../../test/support/fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const item = async (id: string) => (await t.call('DescribeVolumes', { volumes: [id] })).volume_set[0]
const modify = (params: Record<string, unknown>, options?: { key: typeof t.admin }) => t.call('ModifyVolumeAttributes', params, options)

describe('ModifyVolumeAttributes', () => {
  it('renames and describes a volume synchronously, even while it is busy', async () => {
    const v = await insertVolume(t, { transition_status: 'attaching' })
    assert.deepEqual(await modify({ volume: v.volume_id, volume_name: 'logs', description: 'nginx logs' }), { action: 'ModifyVolumeAttributesResponse', ret_code: 0 })
    const after = await item(v.volume_id)
    assert.equal(after.volume_name, 'logs')
    assert.equal(after.description, 'nginx logs')
  })

  it('clears the description with description= and leaves what is not given alone', async () => {
    const v = await insertVolume(t, { volume_name: 'keep', description: 'old' })
    assert.equal((await modify({ volume: v.volume_id, volume_name: '', description: '' })).ret_code, 0)
    const after = await item(v.volume_id)
    assert.equal(after.volume_name, 'keep')
    assert.equal(after.description, null)
    assert.equal((await modify({ volume: v.volume_id, description: 'new' })).ret_code, 0)
    assert.equal((await item(v.volume_id)).volume_name, 'keep')
  })

  it('answers 2100, 1400 and 1100 without changing anything', async () => {
    const theirs = await insertVolume(t, { owner: t.admin.user_id, volume_name: 'theirs' })
    const gone = await insertVolume(t, { status: 'deleted' })
    assert.equal((await modify({ volume: 'vol-nonexist', volume_name: 'x' })).ret_code, 2100)
    const denied = await modify({ volume: theirs.volume_id, volume_name: 'x' })
    assert.equal(denied.ret_code, 1400)
    assert.match(denied.message, /does not belong to you/)
    const deleted = await modify({ volume: gone.volume_id, volume_name: 'x' })
    assert.equal(deleted.message, `PermissionDenied, volume [${gone.volume_id}] has already been deleted, can not be modified`)
    assert.equal((await modify({ volume_name: 'x' })).message, 'InvalidRequestFormat, missing parameter volume')
    assert.equal((await modify({ volume: gone.volume_id, volume_name: 'x'.repeat(256) })).ret_code, 1100)
    assert.equal((await t.store.db.selectFrom('volumes').select('volume_name').where('volume_id', '=', theirs.volume_id).executeTakeFirstOrThrow()).volume_name, 'theirs')
  })
})
