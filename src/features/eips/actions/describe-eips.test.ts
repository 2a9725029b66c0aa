import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { allocateOne, associate } from '../../../../test/support/fixtures-eips.ts'

let t: TestApp
let web: string
let spare: string
let gone: string
let instance: string
before(async () => {
  t = await startTestApp()
  instance = await launchOne(t)
  web = await allocateOne(t, { eip_name: 'web-front', bandwidth: 10 })
  t.clock.advance(1000)
  spare = await allocateOne(t, { eip_name: 'spare' })
  t.clock.advance(1000)
  gone = await allocateOne(t, { eip_name: 'old' })
  await associate(t, web, instance)
  ok(await t.call('ReleaseEips', { eips: [gone] }))
  await t.settle()
})
after(() => t.close())

const ids = (reply: Record<string, any>): string[] => reply.eip_set.map((e: { eip_id: string }) => e.eip_id)
const describeEips = async (params: Record<string, unknown> = {}, options?: { key: Key }) => ok(await t.call('DescribeEips', params, options))

describe('DescribeEips', () => {
  it('lists the caller’s EIPs newest first, leaving released ones out, with numbers as numbers', async () => {
    const reply = await describeEips()
    assert.deepEqual(ids(reply), [spare, web])
    assert.equal(reply.total_count, 2)
    const item = reply.eip_set[1]
    assert.equal(typeof item.bandwidth, 'number')
    assert.equal(item.status, 'associated')
    assert.equal(item.resource.resource_id, instance)
    assert.equal(item.resource.resource_type, 'instance')
  })

  it('finds released EIPs by id or status, and answers an empty set for unknown ids', async () => {
    assert.deepEqual(ids(await describeEips({ eips: [gone] })), [gone])
    assert.deepEqual(ids(await describeEips({ status: ['released'] })), [gone])
    const none = await describeEips({ eips: ['eip-nonexist'] })
    assert.deepEqual([none.total_count, none.eip_set], [0, []])
  })

  it('filters by instance_id, status.N, search_word (id or name) and tags.N', async () => {
    assert.deepEqual(ids(await describeEips({ instance_id: instance })), [web])
    assert.deepEqual(ids(await describeEips({ status: ['available'] })), [spare])
    assert.deepEqual(ids(await describeEips({ search_word: 'front' })), [web])
    assert.deepEqual(ids(await describeEips({ search_word: spare })), [spare])
    const tag = ok(await t.call('CreateTag', { tag_name: 'edge' })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'eip', resource_id: spare }] }))
    const tagged = await describeEips({ tags: [tag] })
    assert.deepEqual(ids(tagged), [spare])
    assert.deepEqual(
      tagged.eip_set[0].tags.map((x: { tag_id: string }) => x.tag_id),
      [tag],
    )
  })

  it('pages with offset and limit; total_count counts every match', async () => {
    const page = await describeEips({ offset: 1, limit: 1 })
    assert.deepEqual([ids(page), page.total_count], [[web], 2])
  })

  it('shows another user nothing of these, and scopes to the zone', async () => {
    const theirs = await describeEips({}, { key: t.admin })
    assert.equal(ids(theirs).includes(web), false)
    assert.deepEqual(ids(await describeEips({ zone: 'sh1a' })), [])
  })
})
