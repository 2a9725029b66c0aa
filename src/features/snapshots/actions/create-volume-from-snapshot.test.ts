import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const volume = async (id: string) => (await t.call('DescribeVolumes', { volumes: [id] })).volume_set[0]
const volumeCount = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('volumes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('CreateVolumeFromSnapshot', () => {
  it('makes a volume of the snapshot’s size and the source volume’s type, pending/creating then available', async () => {
    const source = await insertVolume(t, { size: 50, volume_type: 2 })
    const [ss] = await takeSnapshots(t, [source.volume_id])
    const reply = ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss, volume_name: 'restored' }))
    assert.match(reply.volume_id, /^vol-[0-9a-z]{8}$/)
    assert.equal(typeof reply.job_id, 'string')
    const pending = await volume(reply.volume_id)
    assert.deepEqual([pending.status, pending.transition_status, pending.size, pending.volume_type, pending.volume_name], ['pending', 'creating', 50, 2, 'restored'])
    await t.settle()
    assert.deepEqual([(await volume(reply.volume_id)).status, (await volume(reply.volume_id)).transition_status], ['available', ''])
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].job_action, 'CreateVolumeFromSnapshot')
  })

  it('inherits the source’s encryption unless told otherwise', async () => {
    const source = await insertVolume(t, { encryption: 1, cipher_alg: 'aes256' })
    const [ss] = await takeSnapshots(t, [source.volume_id])
    const inherited = await volume(ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss })).volume_id)
    assert.deepEqual([inherited.encryption, inherited.cipher_alg], [1, 'aes256'])
    const plain = await volume(ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss, encryption: 0 })).volume_id)
    assert.deepEqual([plain.encryption, plain.cipher_alg], [0, ''])
    const [clear] = await takeSnapshots(t, [(await insertVolume(t)).volume_id])
    const encrypted = await volume(ok(await t.call('CreateVolumeFromSnapshot', { snapshot: clear, encryption: 1 })).volume_id)
    assert.deepEqual([encrypted.encryption, encrypted.cipher_alg], [1, 'aes256'])
    await t.settle()
  })

  it('works from the snapshot of a deleted volume', async () => {
    const source = await insertVolume(t, { size: 30 })
    const [ss] = await takeSnapshots(t, [source.volume_id])
    ok(await t.call('DeleteVolumes', { volumes: [source.volume_id] }))
    await t.settle()
    const reply = ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss }))
    await t.settle()
    assert.deepEqual([(await volume(reply.volume_id)).status, (await volume(reply.volume_id)).size], ['available', 30])
  })

  it('leases and charges the new volume as CreateVolumes does, and refunds and ceases it when the job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const source = await insertVolume(t, { owner: user_id, size: 20 })
    const [ss] = await takeSnapshots(t, [source.volume_id], {}, { key })
    const before = await balance(t, user_id)
    const reply = ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss }, { key }))
    const [lease] = await leasesOf(t, reply.volume_id)
    assert.deepEqual([lease!.resource_type, lease!.hourly_price], ['volume', 200])
    assert.equal(await balance(t, user_id), before - 200)
    await t.settle()

    ok(await t.admin_call('ArmJobFault', { job_action: 'CreateVolumeFromSnapshot' }))
    const failed = ok(await t.call('CreateVolumeFromSnapshot', { snapshot: ss }, { key }))
    await t.settle()
    const row = await t.store.db.selectFrom('volumes').select('status').where('volume_id', '=', failed.volume_id).executeTakeFirstOrThrow()
    assert.equal(row.status, 'ceased')
    assert.equal(
      (await chargesOf(t, failed.volume_id)).reduce((sum, [, fee]) => sum + fee, 0),
      0,
    )
    assert.equal(await balance(t, user_id), before - 200)

    const big = await insertVolume(t, { owner: user_id, size: 1000 })
    const [bigSs] = await takeSnapshots(t, [big.volume_id], {}, { key })
    const poor = await t.call('CreateVolumeFromSnapshot', { snapshot: bigSs }, { key })
    assert.equal(poor.ret_code, 2400)
    assert.match(poor.message, /^InsufficientBalance, .* for the first hour of 1 volume, please recharge$/)
  })

  it('answers 2500 beyond the volume and volume_size quotas', async () => {
    const { user_id, key } = await payingUser(t, 100)
    const source = await insertVolume(t, { owner: user_id, size: 100 })
    const [ss] = await takeSnapshots(t, [source.volume_id], {}, { key })
    await setQuotas(t, { volume_size: 150 }, { user: user_id })
    const size = await t.call('CreateVolumeFromSnapshot', { snapshot: ss }, { key })
    assert.deepEqual([size.ret_code, size.message], [2500, 'QuotasExceeded, you only have 50 volume_size quota left currently'])
    await setQuotas(t, { volume: 1, volume_size: 1000 }, { user: user_id })
    const count = await t.call('CreateVolumeFromSnapshot', { snapshot: ss }, { key })
    assert.deepEqual([count.ret_code, count.message], [2500, 'QuotasExceeded, you only have 0 volume quota left currently'])
  })

  it('answers CSI’s exact 1400 for a snapshot that is not available, and 1400 for an instance snapshot', async () => {
    const before = await volumeCount()
    const v = await insertVolume(t)
    const creating = ok(await t.call('CreateSnapshots', { resources: [v.volume_id] })).snapshots[0]
    const notYet = await t.call('CreateVolumeFromSnapshot', { snapshot: creating })
    assert.deepEqual([notYet.ret_code, notYet.message], [1400, `PermissionDenied, snapshot [${creating}] is not available, can not create volume from it`])
    await t.settle()
    ok(await t.call('DeleteSnapshots', { snapshots: [creating] }))
    await t.settle()
    const deleted = await t.call('CreateVolumeFromSnapshot', { snapshot: creating })
    assert.deepEqual([deleted.ret_code, deleted.message], [1400, `PermissionDenied, snapshot [${creating}] is not available, can not create volume from it`])

    const i = await insertInstance(t)
    const [ofInstance] = await takeSnapshots(t, [i.instance_id])
    const wrong = await t.call('CreateVolumeFromSnapshot', { snapshot: ofInstance })
    assert.deepEqual([wrong.ret_code, wrong.message], [1400, `PermissionDenied, snapshot [${ofInstance}] is a snapshot of instance [${i.instance_id}], can not create volume from it`])
    assert.equal(await volumeCount(), before + 1)
  })

  it('answers 2100 for an unknown snapshot, 1400 for another user’s, 1100 without snapshot', async () => {
    const unknown = await t.call('CreateVolumeFromSnapshot', { snapshot: 'ss-nonexist' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [ss-nonexist] not found'])
    const [theirs] = await takeSnapshots(t, [(await insertVolume(t, { owner: t.admin.user_id })).volume_id], {}, { key: t.admin })
    const denied = await t.call('CreateVolumeFromSnapshot', { snapshot: theirs })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.match((await t.call('CreateVolumeFromSnapshot', {})).message, /missing parameter snapshot/)
  })
})
