import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createAccessKey } from '../access-key-repo.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('DescribeAccessKeys', () => {
  it('gives the cloud-controller-manager its owner from access_key_set[0] (it asks by its own key id)', async () => {
    const reply = await t.call('DescribeAccessKeys', { access_keys: [t.user.access_key_id] })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.total_count, 1)
    const [key] = reply.access_key_set
    assert.equal(key.access_key_id, t.user.access_key_id)
    assert.equal(key.owner, t.user.user_id)
    assert.equal(key.root_user_id, t.user.user_id)
    assert.equal(key.status, 'active')
    assert.match(key.create_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('never returns a secret', async () => {
    const reply = await t.call('DescribeAccessKeys')
    assert.ok(!JSON.stringify(reply).includes(t.user.secret_access_key))
    assert.ok(!('secret_access_key' in reply.access_key_set[0]))
    assert.ok(!('secret_sealed' in reply.access_key_set[0]))
  })

  it('shows only the caller’s keys; another user’s key id gives an empty set', async () => {
    assert.deepEqual(
      (await t.call('DescribeAccessKeys')).access_key_set.map((k: { owner: string }) => k.owner),
      [t.user.user_id],
    )
    assert.equal((await t.call('DescribeAccessKeys', { access_keys: [t.admin.access_key_id] })).total_count, 0)
    assert.equal((await t.call('DescribeAccessKeys', { owner: t.admin.user_id })).total_count, 0)
  })

  it('lets an admin look at another owner’s keys', async () => {
    const reply = await t.call('DescribeAccessKeys', { owner: t.user.user_id }, { key: t.admin })
    assert.deepEqual(
      reply.access_key_set.map((k: { access_key_id: string }) => k.access_key_id),
      [t.user.access_key_id],
    )
  })

  it('filters by status and search_word, pages with offset/limit, counts before paging', async () => {
    for (const name of ['ci runner', 'laptop', '50%_off']) {
      t.clock.advance(1000)
      await createAccessKey(t.store.db, { ids: { ...idsFor(name) }, box: t.box, now: t.clock.now() }, { owner: t.user.user_id, access_key_name: name })
    }
    const all = await t.call('DescribeAccessKeys', { limit: 2 })
    assert.equal(all.total_count, 4)
    assert.deepEqual(
      all.access_key_set.map((k: { access_key_name: string }) => k.access_key_name),
      ['50%_off', 'laptop'],
    )
    const rest = await t.call('DescribeAccessKeys', { limit: 2, offset: 2 })
    assert.deepEqual(
      rest.access_key_set.map((k: { access_key_name: string }) => k.access_key_name),
      ['ci runner', 'bootstrap user'],
    )
    assert.equal((await t.call('DescribeAccessKeys', { offset: 10 })).access_key_set.length, 0)
    assert.equal((await t.call('DescribeAccessKeys', { offset: 10 })).total_count, 4)
    // search is a case-insensitive substring of id or name; % and _ match only themselves
    assert.deepEqual(
      (await t.call('DescribeAccessKeys', { search_word: 'LAP' })).access_key_set.map((k: { access_key_name: string }) => k.access_key_name),
      ['laptop'],
    )
    assert.equal((await t.call('DescribeAccessKeys', { search_word: '%' })).total_count, 1)
    assert.equal((await t.call('DescribeAccessKeys', { search_word: 'p_o' })).total_count, 0)
    assert.equal((await t.call('DescribeAccessKeys', { status: ['disabled'] })).total_count, 0)
    // the qingcloud CLI sends search_word= on every call: empty means no filter
    assert.equal((await t.call('DescribeAccessKeys', { search_word: '' })).total_count, 4)
  })
})

/** Distinct, readable key ids for fixtures. */
function idsFor(name: string) {
  const id = name
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .padEnd(20, 'X')
    .slice(0, 20)
  return { resource: () => '', user: () => '', accessKeyId: () => id, secretAccessKey: () => 'S'.repeat(40) }
}
