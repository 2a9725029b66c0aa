import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertVolume } from '../../../../test/support/fixtures.ts'
import { describeOne, hostUsage, LINUX } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const countInstances = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('instances')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('RunInstances', () => {
  it('answers instances and a job at once; the instances are visible as pending/creating before the job runs', async () => {
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c2m4', instance_name: 'web', count: 2 })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.instances.length, 2)
    assert.match(reply.job_id, /^j-[0-9a-z]{8}$/)
    for (const id of reply.instances) {
      assert.match(id, /^i-[0-9a-z]{8}$/)
      const instance = await describeOne(t, id)
      assert.equal(instance.status, 'pending')
      assert.equal(instance.transition_status, 'creating')
      assert.equal(instance.instance_name, 'web')
    }
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.job_action, job.status, job.resource_ids], ['RunInstances', 'pending', reply.instances.join(' ')])

    await t.jobs.step()
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'working')
    await t.jobs.step()
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'successful')
    const instance = await describeOne(t, reply.instances[0])
    assert.deepEqual([instance.status, instance.transition_status, instance.vcpus_current, instance.memory_current], ['running', '', 2, 4096])
  })

  it('lets instance_type win over cpu/memory (the Go SDK always sends cpu=1&memory=1024)', async () => {
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c4m8', cpu: 1, memory: 1024 })
    const instance = await describeOne(t, reply.instances[0])
    assert.deepEqual([instance.instance_type, instance.vcpus_current, instance.memory_current], ['c4m8', 4, 8192])
  })

  it('sizes by cpu and memory when no instance type is given', async () => {
    const reply = await t.call('RunInstances', { ...LINUX, cpu: 2, memory: 6144 })
    const instance = await describeOne(t, reply.instances[0])
    assert.deepEqual([instance.instance_type, instance.vcpus_current, instance.memory_current], ['c2m6', 2, 6144])
  })

  it('places instances on hosts, and answers 5200 creating nothing when no host has room', async () => {
    const fresh = await startTestApp({ hosts: { hostsPerZone: 2, hostCpu: 4, hostMemory: 8192 } })
    try {
      const ok = await fresh.call('RunInstances', { ...LINUX, instance_type: 'c4m8' })
      assert.equal(ok.ret_code, 0)
      assert.deepEqual(await hostUsage(fresh), [
        { host: 'hyper-pek3a-01', cpu: 4, memory: 8192 },
        { host: 'hyper-pek3a-02', cpu: 0, memory: 0 },
      ])
      const before = await fresh.store.db.selectFrom('instances').selectAll().execute()
      // two more would fit one host but not two: the request fails as a whole
      const full = await fresh.call('RunInstances', { ...LINUX, instance_type: 'c4m8', count: 2 })
      assert.equal(full.ret_code, 5200)
      assert.match(full.message, /^InsufficientResources, no host in zone \[pek3a\] has 4 CPU and 8192 MB of memory free/)
      assert.deepEqual(await fresh.store.db.selectFrom('instances').selectAll().execute(), before)
      assert.equal((await fresh.call('DescribeJobs')).total_count, 1)
      assert.equal((await hostUsage(fresh))[1]!.cpu, 0)
      // the other zone has its own hosts
      assert.equal((await fresh.call('RunInstances', { ...LINUX, instance_type: 'c4m8', zone: 'sh1a' })).ret_code, 0)
    } finally {
      await fresh.close()
    }
  })

  it('never oversubscribes a host when RunInstances race (row locks on PostgreSQL)', async () => {
    // room for exactly 4 c2m4 instances in pek3a: 2 hosts × (4 CPU, 8 GB)
    const fresh = await startTestApp({ hosts: { hostsPerZone: 2, hostCpu: 4, hostMemory: 8192 } })
    try {
      const replies = await Promise.all(Array.from({ length: 10 }, () => fresh.call('RunInstances', { ...LINUX, instance_type: 'c2m4' })))
      assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 0, 0, 0, 5200, 5200, 5200, 5200, 5200, 5200])
      assert.deepEqual(await hostUsage(fresh), [
        { host: 'hyper-pek3a-01', cpu: 4, memory: 8192 },
        { host: 'hyper-pek3a-02', cpu: 4, memory: 8192 },
      ])
      assert.equal((await fresh.call('DescribeInstances')).total_count, 4)
    } finally {
      await fresh.close()
    }
  })

  it('logs in with the caller’s key pair, which the instance then lists', async () => {
    await t.store.db
      .insertInto('keypairs')
      .values({ keypair_id: 'kp-runtest1', zone_id: 'pek3a', owner: t.user.user_id, keypair_name: 'k', description: null, encrypt_method: 'ssh-rsa', pub_key: 'ssh-rsa AAAA', create_time: '2026-01-15T08:00:00Z' })
      .execute()
    await t.store.db
      .insertInto('keypairs')
      .values({ keypair_id: 'kp-runtest2', zone_id: 'pek3a', owner: t.admin.user_id, keypair_name: 'k', description: null, encrypt_method: 'ssh-rsa', pub_key: 'ssh-rsa AAAA', create_time: '2026-01-15T08:00:00Z' })
      .execute()
    const reply = await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'keypair', login_keypair: 'kp-runtest1' })
    assert.equal(reply.ret_code, 0)
    assert.deepEqual((await describeOne(t, reply.instances[0], { verbose: 1 })).keypair_ids, ['kp-runtest1'])
    const other = await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'keypair', login_keypair: 'kp-runtest2' })
    assert.deepEqual([other.ret_code, other.message], [1400, 'PermissionDenied, resource [kp-runtest2] does not belong to you'])
    const unknown = await t.call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'keypair', login_keypair: 'kp-nothere1' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [kp-nothere1] not found'])
  })

  it('attaches data volumes at launch, on the first free devices', async () => {
    const a = await insertVolume(t)
    const b = await insertVolume(t)
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', volumes: [a.volume_id, b.volume_id] })
    assert.equal(reply.ret_code, 0)
    await t.settle()
    const volumes = await t.store.db.selectFrom('volumes').select(['volume_id', 'status', 'instance_id', 'device']).where('volume_id', 'in', [a.volume_id, b.volume_id]).orderBy('device').execute()
    assert.deepEqual(volumes, [
      { volume_id: a.volume_id, status: 'in-use', instance_id: reply.instances[0], device: '/dev/vdb' },
      { volume_id: b.volume_id, status: 'in-use', instance_id: reply.instances[0], device: '/dev/vdc' },
    ])
    assert.deepEqual((await describeOne(t, reply.instances[0], { verbose: 1 })).volume_ids, [a.volume_id, b.volume_id])
  })

  // launch volumes take AttachVolumes' path (volumes/attachment.ts): its limit and its failure handling
  it('answers 1400 for more launch volumes than an instance holds, and creates nothing', async () => {
    const n = await countInstances()
    const volumes = []
    for (let i = 0; i < 11; i++) volumes.push((await insertVolume(t)).volume_id)
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', volumes })
    assert.equal(reply.ret_code, 1400)
    assert.match(reply.message, /^PermissionDenied, instance \[i-[0-9a-z]{8}\] has \[0\] volumes attached, can not attach 11 more, the limit is 10$/)
    assert.equal(await countInstances(), n)
    const rows = await t.store.db.selectFrom('volumes').select(['status', 'transition_status', 'instance_id', 'device']).where('volume_id', 'in', volumes).execute()
    assert.deepEqual(new Set(rows.map((r) => JSON.stringify(r))), new Set([JSON.stringify({ status: 'available', transition_status: '', instance_id: '', device: '' })]))
  })

  it('gives the launch volumes back when the launch job fails', async () => {
    const a = await insertVolume(t)
    ok(await t.admin_call('ArmJobFault', { job_action: 'RunInstances' }))
    const reply = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', volumes: [a.volume_id] }))
    const during = await t.store.db.selectFrom('volumes').select(['transition_status', 'instance_id', 'device']).where('volume_id', '=', a.volume_id).executeTakeFirstOrThrow()
    assert.deepEqual(during, { transition_status: 'attaching', instance_id: reply.instances[0], device: '/dev/vdb' })
    await t.settle()
    const after = await t.store.db.selectFrom('volumes').select(['status', 'transition_status', 'instance_id', 'device']).where('volume_id', '=', a.volume_id).executeTakeFirstOrThrow()
    assert.deepEqual(after, { status: 'available', transition_status: '', instance_id: '', device: '' })
    const instance = await t.store.db.selectFrom('instances').select('status').where('instance_id', '=', reply.instances[0]).executeTakeFirstOrThrow()
    assert.equal(instance.status, 'ceased')
  })

  it('answers 5600 for encryption the image cannot use, and creates nothing', async () => {
    const n = await countInstances()
    const os = await t.call('RunInstances', { ...LINUX, image_id: 'centos64x64', instance_type: 'c1m1', os_disk_encryption: 1 })
    assert.deepEqual([os.ret_code, os.message], [5600, 'UnsupportedVolumeType, image [centos64x64] does not support encrypted system disks'])
    const encrypted = await insertVolume(t, { encryption: 1, cipher_alg: 'aes256' })
    const data = await t.call('RunInstances', { ...LINUX, image_id: 'centos64x64', instance_type: 'c1m1', volumes: [encrypted.volume_id] })
    assert.equal(data.ret_code, 5600)
    assert.equal(await countInstances(), n)
    assert.equal((await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', os_disk_encryption: 1 })).ret_code, 0)
  })

  it('rejects bad parameters with 1100 naming the problem', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1' }, /missing parameter image_id/],
      [{ image_id: 'centos79x64', login_passwd: 'Passw0rd123', instance_type: 'c1m1' }, /missing parameter login_mode/],
      [{ ...LINUX, login_mode: 'magic', instance_type: 'c1m1' }, /login_mode/],
      [{ ...LINUX }, /missing parameter instance_type, or cpu and memory/],
      [{ ...LINUX, cpu: 3, memory: 1024 }, /unsupported parameter cpu value 3/],
      [{ ...LINUX, cpu: 1, memory: 1000 }, /unsupported parameter memory value 1000/],
      [{ ...LINUX, instance_type: 'c99m99' }, /instance type \[c99m99\] is not offered/],
      [{ ...LINUX, instance_type: 'c1m1', login_passwd: 'weak' }, /login_passwd is too weak/],
      [{ image_id: 'centos79x64', login_mode: 'passwd', instance_type: 'c1m1' }, /missing parameter login_passwd/],
      [{ image_id: 'centos79x64', login_mode: 'keypair', instance_type: 'c1m1' }, /missing parameter login_keypair/],
      [{ image_id: 'win2022x64', login_mode: 'keypair', login_keypair: 'kp-runtest1', instance_type: 'c2m4' }, /not supported by windows image/],
      [{ ...LINUX, instance_type: 'c1m1', os_disk_size: 10 }, /os_disk_size value 10 is out of range/],
      [{ ...LINUX, image_id: 'win2022x64', instance_type: 'c2m4', os_disk_size: 30 }, /os_disk_size value 30 is out of range, the valid range is \[50 - 100\]/],
      [{ ...LINUX, instance_type: 'c1m1', count: 0 }, /count/],
      [{ ...LINUX, instance_type: 'c1m1', count: 2, volumes: ['vol-aaaaaaaa'] }, /volumes can only be used with count 1/],
      [{ ...LINUX, instance_type: 'c1m1', hostname: '-bad-' }, /hostname/],
    ]
    const n = await countInstances()
    for (const [params, message] of cases) {
      const reply = await t.call('RunInstances', params)
      assert.equal(reply.ret_code, 1100, `${JSON.stringify(params)} → ${reply.message}`)
      assert.match(reply.message, message)
    }
    assert.equal(await countInstances(), n)
  })

  it('answers 2100 for an image it does not know and dry_run creates nothing', async () => {
    const reply = await t.call('RunInstances', { ...LINUX, image_id: 'img-nothere1', instance_type: 'c1m1' })
    assert.deepEqual([reply.ret_code, reply.message], [2100, 'ResourceNotFound, resource [img-nothere1] not found'])
    const n = await countInstances()
    assert.equal((await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', dry_run: 1 })).ret_code, 0)
    assert.equal(await countInstances(), n)
  })
})
