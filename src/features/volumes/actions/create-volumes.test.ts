import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

// what the Go SDK sends on every CreateVolumes besides the caller's own parameters
const GO_DEFAULTS = { volume_type: 0, count: 1, dry_run: 0, port: 0, round_up: 0 }
const volumeCount = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('volumes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const describe1 = async (id: string) => (await t.call('DescribeVolumes', { volumes: [id] })).volume_set[0]

describe('CreateVolumes', () => {
  it('creates volumes that are listed at once as pending/creating and become available when the job settles', async () => {
    const reply = await t.call('CreateVolumes', { ...GO_DEFAULTS, size: 30, volume_name: 'data', count: 2 })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.volumes.length, 2)
    assert.match(reply.job_id, /^j-[0-9a-z]{8}$/)
    for (const id of reply.volumes) assert.match(id, /^vol-[0-9a-z]{8}$/)

    const [id] = reply.volumes
    const pending = await describe1(id)
    assert.equal(pending.status, 'pending')
    assert.equal(pending.transition_status, 'creating')
    assert.equal(pending.size, 30)
    assert.equal(pending.volume_name, 'data')
    assert.equal(pending.volume_type, 0)
    assert.equal(pending.zone_id, 'pek3a')
    assert.equal(pending.owner, t.user.user_id)

    await t.jobs.step()
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0].status, 'working')
    assert.equal((await describe1(id)).transition_status, 'creating')
    t.clock.advance(5000)
    await t.jobs.step()
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.equal(job.status, 'successful')
    assert.equal(job.job_action, 'CreateVolumes')
    assert.equal(job.resource_ids, reply.volumes.join(' '))
    for (const v of reply.volumes) {
      const settled = await describe1(v)
      assert.equal(settled.status, 'available')
      assert.equal(settled.transition_status, '')
      assert.equal(settled.status_time, '2026-01-15T08:00:05Z')
    }
  })

  it('accepts each volume type up to its maximum size and keeps the type', async () => {
    for (const [volume_type, size] of [
      [2, 5000],
      [1, 5000],
      [3, 2000],
      [5, 5120],
      [100, 2000],
      [200, 2000],
    ] as const) {
      const reply = await t.call('CreateVolumes', { ...GO_DEFAULTS, volume_type, size })
      assert.equal(reply.ret_code, 0, `type ${volume_type}`)
      assert.equal((await describe1(reply.volumes[0])).volume_type, volume_type)
    }
  })

  it('answers 1100 for a size that is not a multiple of 10 or outside the type’s range, and for bad parameters', async () => {
    const before = await volumeCount()
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ size: 25 }, /^InvalidRequestFormat, parameter size value 25 should be a multiple of 10$/],
      [{ size: 10 }, /illegal size 10 for volume_type 0, the valid range is \[20 - 1000\]/],
      [{ size: 1010 }, /illegal size 1010 for volume_type 0, the valid range is \[20 - 1000\]/],
      [{ size: 5010, volume_type: 2 }, /the valid range is \[20 - 5000\]/],
      [{ size: 5130, volume_type: 5 }, /the valid range is \[20 - 5120\]/],
      [{ size: 20, volume_type: 4 }, /unsupported parameter volume_type value 4/],
      [{ size: 20, count: 101 }, /parameter count value 101 is out of range/],
      [{ size: 20, count: 0 }, /parameter count value 0 is out of range/],
      [{ size: 20, encryption: 1, cipher_alg: 'sm4' }, /unsupported parameter cipher_alg value sm4/],
      [{ size: 20, encryption: 2 }, /parameter encryption/],
      [{ size: 'big' }, /parameter size should be integer/],
      [{ volume_name: 'x' }, /missing parameter size/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateVolumes', params)
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, message)
    }
    assert.equal(await volumeCount(), before, 'a refused request writes nothing')
  })

  it('rounds the size up to the next 10 GB with round_up=1', async () => {
    const reply = await t.call('CreateVolumes', { ...GO_DEFAULTS, size: 25, round_up: 1 })
    assert.equal((await describe1(reply.volumes[0])).size, 30)
  })

  it('validates and creates nothing with dry_run=1', async () => {
    const before = await volumeCount()
    assert.deepEqual(await t.call('CreateVolumes', { ...GO_DEFAULTS, size: 20, dry_run: 1 }), { action: 'CreateVolumesResponse', volumes: [], ret_code: 0 })
    assert.equal((await t.call('CreateVolumes', { size: 15, dry_run: 1 })).ret_code, 1100)
    assert.equal(await volumeCount(), before)
  })

  it('creates encrypted volumes with aes256 (encryption=true is accepted too)', async () => {
    const enc = await describe1((await t.call('CreateVolumes', { size: 20, encryption: 'true' })).volumes[0])
    assert.equal(enc.encryption, 1)
    assert.equal(enc.cipher_alg, 'aes256')
    const plain = await describe1((await t.call('CreateVolumes', { size: 20, encryption: 'false', cipher_alg: 'aes256' })).volumes[0])
    assert.equal(plain.encryption, 0)
    assert.equal(plain.cipher_alg, '')
  })

  it('creates in the zone asked for and needs an offered zone', async () => {
    const reply = await t.call('CreateVolumes', { size: 20, zone: 'sh1a' })
    assert.equal((await t.call('DescribeVolumes', { volumes: reply.volumes, zone: 'sh1a' })).total_count, 1)
    assert.equal((await t.call('DescribeVolumes', { volumes: reply.volumes })).total_count, 0)
  })
})
