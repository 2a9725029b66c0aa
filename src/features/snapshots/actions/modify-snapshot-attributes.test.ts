import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertVolume } from '../../../../test/support/fixtures.ts'
import { leasesOf } from '../../../../test/support/fixtures-billing.ts'
import { describeSnapshot, takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('ModifySnapshotAttributes', () => {
  it('renames (the lease too) and sets or clears the description', async () => {
    const [ss] = await takeSnapshots(t, [(await insertVolume(t)).volume_id], { snapshot_name: 'old' })
    assert.deepEqual(ok(await t.call('ModifySnapshotAttributes', { snapshot: ss, snapshot_name: 'new', description: 'before upgrade' })), { action: 'ModifySnapshotAttributesResponse', ret_code: 0 })
    const item = await describeSnapshot(t, ss!)
    assert.deepEqual([item.snapshot_name, item.description], ['new', 'before upgrade'])
    assert.equal((await leasesOf(t, ss!))[0]!.resource_name, 'new')
    ok(await t.call('ModifySnapshotAttributes', { snapshot: ss, description: '' }))
    assert.deepEqual([(await describeSnapshot(t, ss!)).snapshot_name, (await describeSnapshot(t, ss!)).description], ['new', null])
  })

  it('answers 1400 for a deleted snapshot, 2100 for an unknown one, 1400 for another user’s', async () => {
    const [ss] = await takeSnapshots(t, [(await insertVolume(t)).volume_id])
    ok(await t.call('DeleteSnapshots', { snapshots: [ss] }))
    await t.settle()
    const gone = await t.call('ModifySnapshotAttributes', { snapshot: ss, snapshot_name: 'x' })
    assert.deepEqual([gone.ret_code, gone.message], [1400, `PermissionDenied, snapshot [${ss}] has already been deleted, can not be modified`])
    const unknown = await t.call('ModifySnapshotAttributes', { snapshot: 'ss-nonexist', snapshot_name: 'x' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [ss-nonexist] not found'])
    const [theirs] = await takeSnapshots(t, [(await insertVolume(t, { owner: t.admin.user_id })).volume_id], {}, { key: t.admin })
    const denied = await t.call('ModifySnapshotAttributes', { snapshot: theirs, description: 'x' })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await t.call('ModifySnapshotAttributes', { snapshot_name: 'x' })).ret_code, 1100)
  })
})
