import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertTag, tagResource } from '../../../../test/support/fixtures-tags.ts'

let t: TestApp
const ids = (reply: Record<string, any>) => (reply.tag_set as Array<{ tag_id: string }>).map((x) => x.tag_id) // eslint-disable-line @typescript-eslint/no-explicit-any

before(async () => {
  t = await startTestApp()
  const web = await insertTag(t, { tag_id: 'tag-00000001', tag_name: 'web', description: 'front', color: '#ff0000', create_time: '2026-01-15T07:00:00Z' })
  await insertTag(t, { tag_id: 'tag-00000002', tag_name: 'database', create_time: '2026-01-15T07:10:00Z' })
  await insertTag(t, { tag_id: 'tag-00000003', tag_name: 'Web_2', create_time: '2026-01-15T07:20:00Z' })
  await insertTag(t, { tag_id: 'tag-00000004', tag_name: 'admin’s', owner: t.admin.user_id, create_time: '2026-01-15T07:30:00Z' })
  await tagResource(t, web, 'instance', 'i-00000001')
  await tagResource(t, web, 'instance', 'i-00000002')
  await tagResource(t, web, 'volume', 'vol-00000001')
})
after(() => t.close())

describe('DescribeTags', () => {
  it('lists the caller’s tags newest first, with resource counts; pairs only with verbose=1', async () => {
    const reply = await t.call('DescribeTags')
    assert.equal(reply.total_count, 3)
    assert.deepEqual(ids(reply), ['tag-00000003', 'tag-00000002', 'tag-00000001'])
    assert.deepEqual(reply.tag_set[2], {
      tag_id: 'tag-00000001',
      tag_name: 'web',
      tag_key: '',
      description: 'front',
      color: '#ff0000',
      owner: t.user.user_id,
      create_time: '2026-01-15T07:00:00Z',
      resource_count: 3,
      resource_type_count: [
        { resource_type: 'instance', count: 2 },
        { resource_type: 'volume', count: 1 },
      ],
      resource_tag_pairs: [],
    })
    assert.deepEqual(reply.tag_set[1].resource_type_count, [])
    assert.equal(reply.tag_set[1].resource_count, 0)

    const verbose = await t.call('DescribeTags', { tags: ['tag-00000001'], verbose: 1 })
    assert.deepEqual(verbose.tag_set[0].resource_tag_pairs, [
      { tag_id: 'tag-00000001', resource_type: 'instance', resource_id: 'i-00000001' },
      { tag_id: 'tag-00000001', resource_type: 'instance', resource_id: 'i-00000002' },
      { tag_id: 'tag-00000001', resource_type: 'volume', resource_id: 'vol-00000001' },
    ])
  })

  it('treats limit=0 (what the Go SDK sends) as the default, so a single match is at tag_set[0]', async () => {
    const reply = await t.call('DescribeTags', { tags: ['tag-00000002'], limit: 0, offset: 0 })
    assert.equal(reply.total_count, 1)
    assert.equal(reply.tag_set[0].tag_id, 'tag-00000002')
    const paged = await t.call('DescribeTags', { limit: 1, offset: 1 })
    assert.deepEqual([paged.total_count, ids(paged)], [3, ['tag-00000002']])
  })

  it('searches names only, ignoring case; tags are not zoned', async () => {
    assert.deepEqual(ids(await t.call('DescribeTags', { search_word: 'WEB' })), ['tag-00000003', 'tag-00000001'])
    assert.deepEqual(ids(await t.call('DescribeTags', { search_word: 'web_' })), ['tag-00000003'])
    assert.deepEqual(ids(await t.call('DescribeTags', { search_word: '00000002' })), [])
    assert.equal((await t.call('DescribeTags', { zone: 'sh1a' })).total_count, 3)
  })

  it('hides other users’ tags, even by id; an admin may ask by owner', async () => {
    assert.deepEqual(await t.call('DescribeTags', { tags: ['tag-00000004', 'tag-nonexist'] }), { action: 'DescribeTagsResponse', total_count: 0, tag_set: [], ret_code: 0 })
    assert.equal((await t.call('DescribeTags', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeTags', {}, { key: t.admin })), ['tag-00000004'])
    assert.equal((await t.call('DescribeTags', { owner: t.user.user_id }, { key: t.admin })).total_count, 3)
  })

  it('answers 1100 for a bad verbose', async () => {
    assert.equal((await t.call('DescribeTags', { verbose: 5 })).ret_code, 1100)
  })
})
