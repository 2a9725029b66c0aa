import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { bindKeyPair, insertKeyPair } from '../../../../test/support/fixtures-keypairs.ts'

let t: TestApp
const ids = (reply: Record<string, any>) => (reply.keypair_set as Array<{ keypair_id: string }>).map((k) => k.keypair_id) // eslint-disable-line @typescript-eslint/no-explicit-any

before(async () => {
  t = await startTestApp()
  await insertKeyPair(t, { keypair_id: 'kp-00000001', keypair_name: 'alpha', encrypt_method: 'ssh-rsa', create_time: '2026-01-15T07:00:00Z' })
  await insertKeyPair(t, { keypair_id: 'kp-00000002', keypair_name: 'beta', description: 'second', create_time: '2026-01-15T07:10:00Z' })
  await insertKeyPair(t, { keypair_id: 'kp-00000003', keypair_name: 'gamma 100%', create_time: '2026-01-15T07:20:00Z' })
  await insertKeyPair(t, { keypair_id: 'kp-00000004', keypair_name: 'in sh1a', zone_id: 'sh1a', create_time: '2026-01-15T07:30:00Z' })
  await insertKeyPair(t, { keypair_id: 'kp-00000005', keypair_name: 'admin’s', owner: t.admin.user_id, create_time: '2026-01-15T07:40:00Z' })
  const vm = await insertInstance(t, { instance_id: 'i-00000001' })
  await bindKeyPair(t, 'kp-00000002', vm.instance_id)
  await bindKeyPair(t, 'kp-00000003', vm.instance_id)
  await t.store.db.insertInto('tags').values({ tag_id: 'tag-00000001', owner: t.user.user_id, tag_name: 'prod', description: null, color: '#ff0000', create_time: '2026-01-15T07:00:00Z' }).execute()
  await t.store.db.insertInto('resource_tags').values({ tag_id: 'tag-00000001', resource_id: 'kp-00000001', resource_type: 'keypair', owner: t.user.user_id, create_time: '2026-01-15T07:00:00Z' }).execute()
})
after(() => t.close())

describe('DescribeKeyPairs', () => {
  it('lists the caller’s key pairs in the zone, newest first, with tags and instance_ids', async () => {
    const reply = await t.call('DescribeKeyPairs', { limit: 20, offset: 0, verbose: 0 })
    assert.equal(reply.total_count, 3)
    assert.deepEqual(ids(reply), ['kp-00000003', 'kp-00000002', 'kp-00000001'])
    assert.deepEqual(reply.keypair_set[1].instance_ids, ['i-00000001'])
    assert.deepEqual(reply.keypair_set[2].tags, [{ tag_id: 'tag-00000001', tag_name: 'prod', color: '#ff0000', description: null }])
    assert.equal(reply.keypair_set[1].description, 'second')
  })

  it('filters by keypairs.N, instance_id, encrypt_method, search_word (id or name) and tags.N', async () => {
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { keypairs: ['kp-00000001', 'kp-00000003'] })), ['kp-00000003', 'kp-00000001'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { instance_id: 'i-00000001' })), ['kp-00000003', 'kp-00000002'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { encrypt_method: 'ssh-rsa' })), ['kp-00000001'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { search_word: 'BET' })), ['kp-00000002'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { search_word: '00003' })), ['kp-00000003'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { search_word: '100%' })), ['kp-00000003'])
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { tags: ['tag-00000001'] })), ['kp-00000001'])
  })

  it('answers unknown ids, other zones’ and other users’ key pairs with an empty set', async () => {
    assert.deepEqual(await t.call('DescribeKeyPairs', { keypairs: ['kp-nonexist'] }), { action: 'DescribeKeyPairsResponse', total_count: 0, keypair_set: [], ret_code: 0 })
    assert.equal((await t.call('DescribeKeyPairs', { keypairs: ['kp-00000004', 'kp-00000005'] })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', { zone: 'sh1a' })), ['kp-00000004'])
    assert.equal((await t.call('DescribeKeyPairs', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeKeyPairs', {}, { key: t.admin })), ['kp-00000005'])
    assert.equal((await t.call('DescribeKeyPairs', { owner: t.user.user_id }, { key: t.admin })).total_count, 3)
  })

  it('pages: total_count counts before paging, limit=0 means the default', async () => {
    const page = await t.call('DescribeKeyPairs', { limit: 1, offset: 1 })
    assert.equal(page.total_count, 3)
    assert.deepEqual(ids(page), ['kp-00000002'])
    assert.equal((await t.call('DescribeKeyPairs', { limit: 0 })).keypair_set.length, 3)
    assert.equal((await t.call('DescribeKeyPairs', { offset: 5 })).keypair_set.length, 0)
  })

  it('rejects malformed paging with 1100', async () => {
    const reply = await t.call('DescribeKeyPairs', { offset: -1 })
    assert.equal(reply.ret_code, 1100)
    assert.match(reply.message, /offset/)
  })
})
