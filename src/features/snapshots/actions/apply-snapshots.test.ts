import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { chainOf, takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const instance = (id: string) => t.store.db.selectFrom('instances').select(['status', 'transition_status']).where('instance_id', '=', id).executeTakeFirstOrThrow()
const volume = (id: string) => t.store.db.selectFrom('volumes').select(['status', 'transition_status']).where('volume_id', '=', id).executeTakeFirstOrThrow()

describe('ApplySnapshots', () => {
  it('rolls resources back through `updating`: a running instance comes back running, a volume keeps its status', async () => {
    const vm = await insertInstance(t)
    const stopped = await insertInstance(t, { status: 'stopped' })
    const v = await insertVolume(t, { status: 'in-use', instance_id: vm.instance_id, device: '/dev/vdb' })
    const [s1, s2, s3] = await takeSnapshots(t, [vm.instance_id, stopped.instance_id, v.volume_id])
    await takeSnapshots(t, [v.volume_id])
    const reply = ok(await t.call('ApplySnapshots', { snapshots: [s1, s2, s3] }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await instance(vm.instance_id), { status: 'running', transition_status: 'updating' })
    assert.deepEqual(await volume(v.volume_id), { status: 'in-use', transition_status: 'updating' })
    const busy = await t.call('StopInstances', { instances: [vm.instance_id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, instance [${vm.instance_id}] is [updating], please try later`])
    await t.settle()
    assert.deepEqual(await instance(vm.instance_id), { status: 'running', transition_status: '' })
    assert.deepEqual(await instance(stopped.instance_id), { status: 'stopped', transition_status: '' })
    assert.deepEqual(await volume(v.volume_id), { status: 'in-use', transition_status: '' })
    assert.deepEqual([(await chainOf(t, s3!)).status, (await chainOf(t, s3!)).transition_status], ['available', ''], 'the snapshots do not change')
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
  })

  it('clears the transition when the job fails', async () => {
    const v = await insertVolume(t)
    const [ss] = await takeSnapshots(t, [v.volume_id])
    ok(await t.admin_call('ArmJobFault', { job_action: 'ApplySnapshots' }))
    ok(await t.call('ApplySnapshots', { snapshots: [ss] }))
    await t.settle()
    assert.deepEqual(await volume(v.volume_id), { status: 'available', transition_status: '' })
  })

  it('answers 1400 when the snapshot is not available or the resource is gone, busy or not idle', async () => {
    const v = await insertVolume(t)
    const creating = ok(await t.call('CreateSnapshots', { resources: [v.volume_id] })).snapshots[0]
    const busySnapshot = await t.call('ApplySnapshots', { snapshots: [creating] })
    assert.deepEqual([busySnapshot.ret_code, busySnapshot.message], [1400, `PermissionDenied, resource [${creating}] is [creating], please try later`])
    await t.settle()

    const gone = await insertVolume(t)
    const [ofGone] = await takeSnapshots(t, [gone.volume_id])
    ok(await t.call('DeleteVolumes', { volumes: [gone.volume_id] }))
    await t.settle()
    const deleted = await t.call('ApplySnapshots', { snapshots: [ofGone] })
    assert.deepEqual([deleted.ret_code, deleted.message], [1400, `PermissionDenied, volume [${gone.volume_id}] is [deleted], snapshot [${ofGone}] can not be applied to it`])

    const vm = await insertInstance(t)
    const [ofVm] = await takeSnapshots(t, [vm.instance_id])
    await t.store.db.updateTable('instances').set({ transition_status: 'stopping' }).where('instance_id', '=', vm.instance_id).execute()
    const busy = await t.call('ApplySnapshots', { snapshots: [ofVm] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, instance [${vm.instance_id}] is [stopping], please try later`])

    const [old] = await takeSnapshots(t, [v.volume_id])
    ok(await t.call('DeleteSnapshots', { snapshots: [old] }))
    await t.settle()
    const unavailable = await t.call('ApplySnapshots', { snapshots: [old] })
    assert.deepEqual([unavailable.ret_code, unavailable.message], [1400, `PermissionDenied, snapshot [${old}] is not available, can not be applied`])
    assert.deepEqual(await volume(v.volume_id), { status: 'available', transition_status: '' })
  })

  it('answers 2100 for unknown snapshots, 1400 for another user’s, 1100 for two snapshots of one resource', async () => {
    const unknown = await t.call('ApplySnapshots', { snapshots: ['ss-nonexist'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [ss-nonexist] not found'])
    const [theirs] = await takeSnapshots(t, [(await insertVolume(t, { owner: t.admin.user_id })).volume_id], {}, { key: t.admin })
    const denied = await t.call('ApplySnapshots', { snapshots: [theirs] })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const v = await insertVolume(t)
    const [a] = await takeSnapshots(t, [v.volume_id])
    const [b] = await takeSnapshots(t, [v.volume_id])
    const two = await t.call('ApplySnapshots', { snapshots: [a, b] })
    assert.deepEqual([two.ret_code, two.message], [1100, `InvalidRequestFormat, parameter snapshots names more than one snapshot of resource [${v.volume_id}] (snapshots.2)`])
    assert.equal((await t.call('ApplySnapshots', { snapshots: [a, a] })).ret_code, 1100)
    assert.equal((await t.call('ApplySnapshots', {})).ret_code, 1100)
  })
})
