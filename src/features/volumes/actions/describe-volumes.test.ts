import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { tagVolume } from '../../../../test/support/fixtures-volumes.ts'
import type { VolumeTable } from '../../../store/database.ts'

let t: TestApp
let plain: VolumeTable, attached: VolumeTable, capacity: VolumeTable, deleted: VolumeTable, foreign: VolumeTable, elsewhere: VolumeTable
let instanceId: string
let tagId: string

before(async () => {
  t = await startTestApp()
  const instance = await insertInstance(t, { instance_name: 'web' })
  instanceId = instance.instance_id
  plain = await insertVolume(t, { volume_name: 'plain', create_time: '2026-01-15T07:00:00Z' })
  attached = await insertVolume(t, { volume_name: 'pvc-data', description: 'db files', status: 'in-use', instance_id: instanceId, device: '/dev/vdb', encryption: 1, cipher_alg: 'aes256', create_time: '2026-01-15T07:10:00Z' })
  capacity = await insertVolume(t, { volume_name: 'archive', volume_type: 2, size: 500, create_time: '2026-01-15T07:20:00Z' })
  deleted = await insertVolume(t, { volume_name: 'old', status: 'deleted', create_time: '2026-01-15T07:30:00Z' })
  foreign = await insertVolume(t, { volume_name: 'admin-vol', owner: t.admin.user_id, create_time: '2026-01-15T07:40:00Z' })
  elsewhere = await insertVolume(t, { volume_name: 'sh', zone_id: 'sh1a', create_time: '2026-01-15T07:50:00Z' })
  tagId = await tagVolume(t, capacity.volume_id, 'backup')
})
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.volume_set as Array<{ volume_id: string }>).map((v) => v.volume_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeVolumes', () => {
  it('lists the caller’s volumes in the zone, newest first, hiding deleted ones', async () => {
    const reply = await t.call('DescribeVolumes', { limit: 20, offset: 0, verbose: 0 })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.total_count, 3)
    assert.deepEqual(ids(reply), [capacity.volume_id, attached.volume_id, plain.volume_id])
  })

  it('answers every item in the shape the Go SDK and CSI read, with a blank instance when unattached', async () => {
    const [item] = (await t.call('DescribeVolumes', { volumes: [capacity.volume_id] })).volume_set
    assert.deepEqual(item, {
      volume_id: capacity.volume_id,
      volume_name: 'archive',
      description: null,
      size: 500,
      volume_type: 2,
      status: 'available',
      transition_status: '',
      create_time: '2026-01-15T07:20:00Z',
      status_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
      instance: { instance_id: '', instance_name: '', device: '' },
      instances: [],
      device: '',
      encryption: 0,
      cipher_alg: '',
      repl: 'rpp-00000002',
      latest_snapshot_time: null,
      sub_code: 0,
      tags: [{ tag_id: tagId, tag_name: 'backup', color: '#9f9bb7', description: null }],
    })
  })

  it('shows an attached volume’s instance and device', async () => {
    const [item] = (await t.call('DescribeVolumes', { volumes: [attached.volume_id] })).volume_set
    const instance = { instance_id: instanceId, instance_name: 'web', device: '/dev/vdb' }
    assert.deepEqual(item.instance, instance)
    assert.deepEqual(item.instances, [instance])
    assert.equal(item.device, '/dev/vdb')
    assert.equal(item.description, 'db files')
    assert.equal(item.encryption, 1)
    assert.equal(item.cipher_alg, 'aes256')
    assert.deepEqual(item.tags, [])
  })

  it('finds volumes by id, including deleted ones; unknown, foreign and other-zone ids give an empty set', async () => {
    assert.deepEqual(ids(await t.call('DescribeVolumes', { volumes: [deleted.volume_id, plain.volume_id] })), [deleted.volume_id, plain.volume_id])
    for (const id of ['vol-nonexist', foreign.volume_id, elsewhere.volume_id]) {
      assert.deepEqual(await t.call('DescribeVolumes', { volumes: [id] }), { action: 'DescribeVolumesResponse', total_count: 0, volume_set: [], ret_code: 0 })
    }
    assert.deepEqual(ids(await t.call('DescribeVolumes', { volumes: [elsewhere.volume_id], zone: 'sh1a' })), [elsewhere.volume_id])
  })

  it('filters by status.N, volume_type, instance_id, tags.N and search_word (id or name)', async () => {
    assert.deepEqual(ids(await t.call('DescribeVolumes', { status: ['deleted'] })), [deleted.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { status: ['in-use', 'available'] })), [capacity.volume_id, attached.volume_id, plain.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { volume_type: 2 })), [capacity.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { volume_type: 0 })), [attached.volume_id, plain.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { instance_id: instanceId })), [attached.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { tags: [tagId] })), [capacity.volume_id])
    // CSI looks a volume up by its exact name
    assert.deepEqual(ids(await t.call('DescribeVolumes', { search_word: 'pvc-data' })), [attached.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { search_word: plain.volume_id.toUpperCase() })), [plain.volume_id])
    assert.equal((await t.call('DescribeVolumes', { search_word: 'admin-vol' })).total_count, 0)
    assert.equal((await t.call('DescribeVolumes', { volume_type: 'x' })).ret_code, 1100)
  })

  it('pages with total_count counted before paging', async () => {
    const first = await t.call('DescribeVolumes', { limit: 2 })
    assert.equal(first.total_count, 3)
    assert.deepEqual(ids(first), [capacity.volume_id, attached.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { limit: 2, offset: 2 })), [plain.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', { offset: 5 })), [])
  })

  it('shows other users’ volumes only to an admin asking by owner', async () => {
    assert.equal((await t.call('DescribeVolumes', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeVolumes', { owner: t.user.user_id }, { key: t.admin })), [capacity.volume_id, attached.volume_id, plain.volume_id])
    assert.deepEqual(ids(await t.call('DescribeVolumes', {}, { key: t.admin })), [foreign.volume_id])
  })
})
