import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertVolume } from '../../../../test/support/fixtures.ts'
import { describeOne, hostUsage, launch, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('TerminateInstances', () => {
  it('terminates running and stopped instances, frees their hosts, volumes and key pairs', async () => {
    const volume = await insertVolume(t)
    await t.store.db
      .insertInto('keypairs')
      .values({ keypair_id: 'kp-termtst1', zone_id: 'pek3a', owner: t.user.user_id, keypair_name: 'k', description: null, encrypt_method: 'ssh-rsa', pub_key: 'ssh-rsa AAAA', create_time: '2026-01-15T08:00:00Z' })
      .execute()
    const running = (await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c4m8', login_mode: 'keypair', login_keypair: 'kp-termtst1', volumes: [volume.volume_id] })).instances[0]
    await t.settle()
    const stopped = await launchOne(t, 'stopped')
    assert.notDeepEqual(await hostUsage(t), [
      { host: 'hyper-pek3a-01', cpu: 0, memory: 0 },
      { host: 'hyper-pek3a-02', cpu: 0, memory: 0 },
    ])

    const reply = await t.call('TerminateInstances', { instances: [running, stopped] })
    assert.equal(reply.ret_code, 0)
    assert.equal((await describeOne(t, running)).transition_status, 'terminating')
    await t.settle()
    for (const id of [running, stopped]) {
      const instance = await describeOne(t, id)
      assert.deepEqual([instance.status, instance.transition_status, instance.host_machine], ['terminated', '', ''])
    }
    assert.deepEqual(await hostUsage(t), [
      { host: 'hyper-pek3a-01', cpu: 0, memory: 0 },
      { host: 'hyper-pek3a-02', cpu: 0, memory: 0 },
    ])
    const freed = await t.store.db.selectFrom('volumes').selectAll().where('volume_id', '=', volume.volume_id).executeTakeFirstOrThrow()
    assert.deepEqual([freed.status, freed.instance_id, freed.device], ['available', '', ''])
    assert.equal((await t.store.db.selectFrom('keypair_instances').selectAll().where('instance_id', '=', running).execute()).length, 0)
    // gone from plain listings, still there by id
    assert.equal((await t.call('DescribeInstances', { instances: [running] })).total_count, 1)
    assert.ok(!(await t.call('DescribeInstances')).instance_set.some((i: { instance_id: string }) => i.instance_id === running))
  })

  it('empties the recycle bin after two hours: terminated becomes ceased, and loses its tags', async () => {
    const [id] = await launch(t)
    const tag = await t.call('CreateTag', { tag_name: 'binned' })
    assert.equal((await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_type: 'instance', resource_id: id }] })).ret_code, 0)
    await t.call('TerminateInstances', { instances: [id] })
    await t.settle()
    t.clock.advance(60 * 60 * 1000)
    await t.jobs.sweep()
    assert.equal((await describeOne(t, id!)).status, 'terminated')
    t.clock.advance(60 * 60 * 1000)
    await t.jobs.sweep()
    assert.equal((await describeOne(t, id!)).status, 'ceased')
    assert.deepEqual((await describeOne(t, id!)).tags, [])
    assert.equal((await t.call('DescribeTags', { tags: [tag.tag_id] })).tag_set[0].resource_count, 0)
  })

  it('direct_cease=1 skips the recycle bin', async () => {
    const [id] = await launch(t)
    await t.call('TerminateInstances', { instances: [id], direct_cease: 1 })
    await t.settle()
    assert.equal((await describeOne(t, id!)).status, 'ceased')
  })

  it('answers 1400 for an instance already terminated or busy, 2100 for an unknown one', async () => {
    const [id] = await launch(t)
    await t.call('TerminateInstances', { instances: [id] })
    const busy = await t.call('TerminateInstances', { instances: [id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, instance [${id}] is [terminating], please try later`])
    await t.settle()
    const again = await t.call('TerminateInstances', { instances: [id] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, instance [${id}] is [terminated], can not be terminated`])
    assert.equal((await t.call('TerminateInstances', { instances: ['i-nothere1'] })).ret_code, 2100)
  })

  it('refuses to terminate an instance that is still being created', async () => {
    const reply = await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123' })
    const busy = await t.call('TerminateInstances', { instances: reply.instances })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, instance [${reply.instances[0]}] is [creating], please try later`])
    await t.settle()
  })
})
