import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { describeSnapshot, takeSnapshots } from '../../../../test/support/fixtures-snapshots.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const idsOf = (reply: Awaited<ReturnType<TestApp['call']>>): string[] => reply.snapshot_set.map((s: { snapshot_id: string }) => s.snapshot_id)

describe('DescribeSnapshots', () => {
  it('reports every field with the Go SDK’s types, chain totals and both spellings of the latest time', async () => {
    const v = await insertVolume(t, { size: 20, volume_name: 'db' })
    const [full] = await takeSnapshots(t, [v.volume_id], { snapshot_name: 'nightly' })
    t.clock.advance(60_000)
    const [point] = await takeSnapshots(t, [v.volume_id])
    const item = await describeSnapshot(t, full!)
    assert.deepEqual(item, {
      snapshot_id: full,
      snapshot_name: 'nightly',
      description: null,
      snapshot_type: 1,
      status: 'available',
      transition_status: '',
      create_time: '2026-01-15T08:00:00Z',
      status_time: '2026-01-15T08:00:00Z',
      snapshot_time: '2026-01-15T08:00:00Z',
      is_taken: 1,
      is_head: 0,
      root_id: full,
      parent_id: 'self',
      size: 20480,
      total_size: 40960,
      total_count: 2,
      head_chain: 1,
      lastest_snapshot_time: '2026-01-15T08:01:00Z',
      latest_snapshot_time: '2026-01-15T08:01:00Z',
      resource: { resource_id: v.volume_id, resource_name: 'db', resource_type: 'volume' },
      owner: t.user.user_id,
      zone_id: 'pek3a',
      console_id: 'qingcloud',
      controller: 'self',
      sub_code: 0,
      tags: [],
    })
    const second = await describeSnapshot(t, point!)
    assert.deepEqual([second.snapshot_name, second.parent_id, second.is_head, second.total_count], ['', full, 1, 2])
  })

  it('head_chain is 1 for the points of the resource’s current chain only, 0 for older chains', async () => {
    const v = await insertVolume(t)
    const [old, oldPoint] = [...(await takeSnapshots(t, [v.volume_id])), ...(await takeSnapshots(t, [v.volume_id]))]
    const [current] = await takeSnapshots(t, [v.volume_id], { is_full: 1 })
    const chains = async () => Promise.all([old!, oldPoint!, current!].map(async (id) => (await describeSnapshot(t, id)).head_chain))
    assert.deepEqual(await chains(), [0, 0, 1])
    ok(await t.call('DeleteSnapshots', { snapshots: [current] }))
    await t.settle()
    assert.deepEqual(await chains(), [1, 1, 0], 'with the new chain deleted, the older one is current again')
  })

  it('answers an empty set with total_count 0 for unknown ids (CSI’s "not found") and for another user’s', async () => {
    const theirs = await insertVolume(t, { owner: t.admin.user_id })
    const [id] = await takeSnapshots(t, [theirs.volume_id], {}, { key: t.admin })
    assert.deepEqual(await t.call('DescribeSnapshots', { snapshots: ['ss-nonexist'] }), { action: 'DescribeSnapshotsResponse', total_count: 0, snapshot_set: [], ret_code: 0 })
    assert.equal((await t.call('DescribeSnapshots', { snapshots: [id] })).total_count, 0)
    assert.equal((await t.call('DescribeSnapshots', { owner: t.admin.user_id })).total_count, 0, 'a user cannot list another owner')
    assert.deepEqual(idsOf(await t.call('DescribeSnapshots', { snapshots: [id], owner: t.admin.user_id }, { key: t.admin })), [id])
  })

  it('filters by resource_id, snapshot_type, status, search_word, snapshot_name and tags, and pages', async () => {
    const t2 = await startTestApp()
    try {
      const v = await insertVolume(t2)
      const i = await insertInstance(t2, { instance_name: 'vm' })
      const [a] = await takeSnapshots(t2, [v.volume_id], { snapshot_name: 'alpha' })
      const [b] = await takeSnapshots(t2, [v.volume_id], { snapshot_name: 'beta' })
      const [c] = await takeSnapshots(t2, [i.instance_id], { snapshot_name: 'gamma' })
      ok(await t2.call('DeleteSnapshots', { snapshots: [b] }))
      await t2.settle()
      const list = (params: Record<string, unknown>) => t2.call('DescribeSnapshots', params).then(idsOf)
      assert.deepEqual(new Set(await list({})), new Set([a, c]), 'deleted snapshots are left out of plain listings')
      assert.deepEqual(await list({ snapshots: [b] }), [b], 'but describable by id')
      assert.deepEqual(await list({ status: ['deleted'] }), [b])
      assert.deepEqual(await list({ resource_id: i.instance_id }), [c])
      assert.deepEqual(await list({ snapshot_type: 1, resource_id: v.volume_id }), [a])
      assert.deepEqual(await list({ snapshot_type: 0, status: ['deleted'] }), [b])
      assert.deepEqual(await list({ search_word: 'alp' }), [a])
      assert.deepEqual(await list({ search_word: c!.slice(3, 9) }), [c])
      assert.deepEqual(await list({ snapshot_name: 'gamma' }), [c])
      assert.deepEqual(await list({ snapshot_name: 'gam' }), [], 'snapshot_name is an exact match')
      const tag = ok(await t2.call('CreateTag', { tag_name: 'keep' })).tag_id
      ok(await t2.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'snapshot', resource_id: a }] }))
      assert.deepEqual(await list({ tags: [tag] }), [a])
      assert.deepEqual(
        (await describeSnapshot(t2, a!)).tags.map((x: { tag_id: string }) => x.tag_id),
        [tag],
      )
      const page = await t2.call('DescribeSnapshots', { limit: 1, offset: 1 })
      assert.deepEqual([page.total_count, page.snapshot_set.length], [2, 1])
      assert.equal((await t2.call('DescribeSnapshots', { snapshot_type: 2 })).ret_code, 1100)
    } finally {
      await t2.close()
    }
  })

  it('keeps the snapshots of a deleted volume and instance, with their names', async () => {
    const v = await insertVolume(t, { volume_name: 'gone' })
    const i = await insertInstance(t, { instance_name: 'gone-vm' })
    const [sv, si] = await takeSnapshots(t, [v.volume_id, i.instance_id])
    ok(await t.call('DeleteVolumes', { volumes: [v.volume_id] }))
    ok(await t.call('TerminateInstances', { instances: [i.instance_id] }))
    await t.settle()
    const volumeSnapshot = await describeSnapshot(t, sv!)
    assert.deepEqual([volumeSnapshot.status, volumeSnapshot.resource.resource_name], ['available', 'gone'])
    assert.equal((await describeSnapshot(t, si!)).status, 'available')
  })
})
