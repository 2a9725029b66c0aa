// requireQuota as clients meet it: 2500 QuotasExceeded from every creating or growing action, with
// nothing created, and -1 lifting a limit.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { quotaLeft, setQuotas } from '../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 4, hostCpu: 64, hostMemory: 262144 } })))
after(() => t.close())

const count = async (table: 'instances' | 'volumes' | 'keypairs' | 'tags', owner = t.user.user_id) =>
  Number(
    (
      await t.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('owner', '=', owner)
        .executeTakeFirstOrThrow()
    ).n,
  )

function assertQuotaExceeded(reply: Record<string, unknown>, message: string) {
  assert.deepEqual([reply.ret_code, reply.message], [2500, `QuotasExceeded, ${message}`])
}

describe('quota checks', () => {
  it('RunInstances: a count over the instance quota answers 2500 naming what is left, and creates nothing', async () => {
    await setQuotas(t, { instance: 3 })
    const before = await count('instances')
    assertQuotaExceeded(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 4 }), 'you only have 3 instance quota left currently')
    assert.equal(await count('instances'), before)
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 3 })
    assert.equal(reply.ret_code, 0, reply.message)
    await t.settle()
    assertQuotaExceeded(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }), 'you only have 0 instance quota left currently')
    // another user, and the same user in another zone, are not limited by this override
    assert.equal((await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: t.admin })).ret_code, 0)
    assert.equal((await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', zone: 'sh1a' })).ret_code, 0)
    // terminated instances give their quota back
    assert.equal((await t.call('TerminateInstances', { instances: [reply.instances[0]] })).ret_code, 0)
    await t.settle()
    assert.equal((await quotaLeft(t)).instance, 1)
  })

  it('RunInstances: vCPUs and memory are checked for every instance of the request', async () => {
    await setQuotas(t, { instance: -1, cpu: 12, memory: -1 }, { zone: 'sh1a' })
    const used = (await quotaLeft(t, { zone: 'sh1a' })).cpu
    assert.equal(used, 11) // the c1m1 of the test above
    assertQuotaExceeded(await t.call('RunInstances', { ...LINUX, instance_type: 'c4m8', count: 3, zone: 'sh1a' }), 'you only have 11 cpu quota left currently')
    assert.equal((await t.call('RunInstances', { ...LINUX, instance_type: 'c4m8', count: 2, zone: 'sh1a' })).ret_code, 0)
    assert.equal((await quotaLeft(t, { zone: 'sh1a' })).cpu, 3)

    await setQuotas(t, { cpu: -1, memory: 20480 }, { zone: 'sh1a' })
    // 1024 + 2 × 8192 in use: 3072 MB left
    assertQuotaExceeded(await t.call('RunInstances', { ...LINUX, instance_type: 'c2m4', zone: 'sh1a' }), 'you only have 3072 memory quota left currently')
    assert.equal((await t.call('RunInstances', { ...LINUX, cpu: 1, memory: 2048, zone: 'sh1a' })).ret_code, 0)
    await t.settle()
  })

  it('ResizeInstances: only the increase needs quota, and a pending resize already counts', async () => {
    const zone = 'sh1a'
    const [id] = (await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', zone })).instances
    await t.settle()
    assert.equal((await t.call('StopInstances', { instances: [id], zone })).ret_code, 0)
    await t.settle()
    await setQuotas(t, { cpu: 1000, memory: -1 }, { zone })
    const used = 1000 - (await quotaLeft(t, { zone })).cpu!
    await setQuotas(t, { cpu: used + 2 }, { zone })
    // c1m1 → c4m8 needs 3 more vCPUs
    assertQuotaExceeded(await t.call('ResizeInstances', { instances: [id], instance_type: 'c4m8', zone }), 'you only have 2 cpu quota left currently')
    await setQuotas(t, { cpu: used + 3 }, { zone })
    assert.equal((await t.call('ResizeInstances', { instances: [id], instance_type: 'c4m8', zone })).ret_code, 0)
    // the job has not settled: the instance still has 1 vCPU, yet the growth is already counted
    assert.equal((await t.call('DescribeInstances', { instances: [id], zone })).instance_set[0].vcpus_current, 1)
    assert.equal((await quotaLeft(t, { zone })).cpu, 0)
    assertQuotaExceeded(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', zone }), 'you only have 0 cpu quota left currently')
    await t.settle()
    assert.equal((await quotaLeft(t, { zone })).cpu, 0)
    // shrinking needs no quota, and gives it back
    assert.equal((await t.call('ResizeInstances', { instances: [id], instance_type: 'c1m1', zone })).ret_code, 0)
    await t.settle()
    assert.equal((await quotaLeft(t, { zone })).cpu, 3)
  })

  it('CreateVolumes counts volumes and their GB; ResizeVolumes counts the growth', async () => {
    await setQuotas(t, { volume: 3, volume_size: 100 })
    const before = await count('volumes')
    assertQuotaExceeded(await t.call('CreateVolumes', { size: 60, count: 2 }), 'you only have 100 volume_size quota left currently')
    assertQuotaExceeded(await t.call('CreateVolumes', { size: 20, count: 4 }), 'you only have 3 volume quota left currently')
    assert.equal(await count('volumes'), before)
    const created = await t.call('CreateVolumes', { size: 40, count: 2 })
    assert.equal(created.ret_code, 0, created.message)
    await t.settle()
    assertQuotaExceeded(await t.call('CreateVolumes', { size: 30 }), 'you only have 20 volume_size quota left currently')
    assertQuotaExceeded(await t.call('ResizeVolumes', { volumes: created.volumes, size: 60 }), 'you only have 20 volume_size quota left currently')
    assert.equal((await t.call('ResizeVolumes', { volumes: [created.volumes[0]], size: 60 })).ret_code, 0)
    // growth accepted but not yet settled already counts
    assertQuotaExceeded(await t.call('CreateVolumes', { size: 20 }), 'you only have 0 volume_size quota left currently')
    await t.settle()
    assert.equal((await quotaLeft(t)).volume_size, 0)
    // deleted volumes give their quota back
    assert.equal((await t.call('DeleteVolumes', { volumes: [created.volumes[1]] })).ret_code, 0)
    await t.settle()
    const left = await quotaLeft(t)
    assert.deepEqual([left.volume, left.volume_size], [2, 40])
  })

  it('CreateKeyPair counts key pairs per zone', async () => {
    await setQuotas(t, { keypair: 1 })
    const before = await count('keypairs')
    assert.equal(before, 0)
    assert.equal((await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519' })).ret_code, 0)
    assertQuotaExceeded(await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519' }), 'you only have 0 keypair quota left currently')
    assert.equal(await count('keypairs'), 1)
    assert.equal((await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519', zone: 'sh1a' })).ret_code, 0)
  })

  it('CreateTag counts tags per user across zones, whichever zone the quota was set in', async () => {
    await setQuotas(t, { tag: 2 }, { zone: 'sh1a' })
    assert.equal((await t.call('CreateTag', { tag_name: 'one' })).ret_code, 0)
    assert.equal((await t.call('CreateTag', { tag_name: 'two', zone: 'sh1a' })).ret_code, 0)
    assertQuotaExceeded(await t.call('CreateTag', { tag_name: 'three' }), 'you only have 0 tag quota left currently')
    assert.equal(await count('tags'), 2)
    assert.equal((await quotaLeft(t)).tag, 0)
    assert.equal((await quotaLeft(t, { zone: 'sh1a' })).tag, 0)
    const tags = (await t.call('DescribeTags', {})).tag_set.map((tag: { tag_id: string }) => tag.tag_id)
    assert.equal((await t.call('DeleteTags', { tags: [tags[0]] })).ret_code, 0)
    assert.equal((await t.call('CreateTag', { tag_name: 'three' })).ret_code, 0)
  })

  it('-1 makes a quota unlimited: GetQuotaLeft says -1 and nothing is refused', async () => {
    await setQuotas(t, { keypair: -1, volume: -1, volume_size: -1 })
    const left = await quotaLeft(t)
    assert.deepEqual([left.keypair, left.volume, left.volume_size], [-1, -1, -1])
    assert.equal((await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519' })).ret_code, 0)
    assert.equal((await t.call('CreateVolumes', { size: 5000, volume_type: 2, count: 20 })).ret_code, 0)
    await t.settle()
  })
})
