import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertUser } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
let alice: Awaited<ReturnType<typeof insertUser>>
let bob: Awaited<ReturnType<typeof insertUser>>
let carol: Awaited<ReturnType<typeof insertUser>>

before(async () => {
  t = await startTestApp()
  alice = await insertUser(t, { email: 'alice@example.com', user_name: 'Alice Liddell', password: 'wonderland 1865' })
  bob = await insertUser(t, { email: 'bob@example.org', user_name: 'Bob', status: 'unverified' })
  carol = await insertUser(t, { email: 'carol@example.org', user_name: 'Carol', role: 'admin', locked_until: '2026-01-15T09:00:00Z' })
})
after(() => t.close())

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ids = (reply: Record<string, any>) => (reply.user_set as Array<{ user_id: string }>).map((u) => u.user_id)

describe('DescribeUsers', () => {
  it('lists every account newest first, in the admin view, never with a password hash', async () => {
    const reply = await t.admin_call('DescribeUsers')
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.total_count, 5)
    assert.deepEqual(ids(reply).slice(0, 3), [carol.user_id, bob.user_id, alice.user_id])
    assert.deepEqual(new Set(ids(reply).slice(3)), new Set([t.user.user_id, t.admin.user_id]))
    assert.deepEqual(reply.user_set[2], {
      user_id: alice.user_id,
      email: 'alice@example.com',
      user_name: 'Alice Liddell',
      role: 'user',
      status: 'active',
      create_time: alice.create_time,
      status_time: alice.create_time,
      verify_time: alice.create_time,
      locked_until: null,
    })
    assert.doesNotMatch(JSON.stringify(reply), /argon2|password/)
  })

  it('shows an unverified account’s verify_time as null and a lock-out only while it lasts', async () => {
    const [b, c] = [(await t.admin_call('DescribeUsers', { users: [bob.user_id] })).user_set[0], (await t.admin_call('DescribeUsers', { users: [carol.user_id] })).user_set[0]]
    assert.deepEqual([b.status, b.verify_time], ['unverified', null])
    assert.equal(c.locked_until, '2026-01-15T09:00:00Z')
    t.clock.advance(3600_000)
    assert.equal((await t.admin_call('DescribeUsers', { users: [carol.user_id] })).user_set[0].locked_until, null)
  })

  it('filters by users.N, status.N, role and search_word (email or name, any case)', async () => {
    assert.deepEqual(ids(await t.admin_call('DescribeUsers', { users: [alice.user_id, bob.user_id, 'usr-NotThere'] })), [bob.user_id, alice.user_id])
    assert.deepEqual(ids(await t.admin_call('DescribeUsers', { status: ['unverified'] })), [bob.user_id])
    assert.deepEqual(ids(await t.admin_call('DescribeUsers', { role: 'admin', search_word: 'example.org' })), [carol.user_id])
    assert.deepEqual(ids(await t.admin_call('DescribeUsers', { search_word: 'LIDDELL' })), [alice.user_id])
    assert.deepEqual(ids(await t.admin_call('DescribeUsers', { search_word: 'BOB@' })), [bob.user_id])
    assert.deepEqual(await t.admin_call('DescribeUsers', { users: ['usr-NotThere'] }), { action: 'DescribeUsersResponse', ret_code: 0, total_count: 0, user_set: [] })
  })

  it('pages: total_count counts before paging, limit<=0 means the default', async () => {
    const page = await t.admin_call('DescribeUsers', { limit: 2, offset: 1 })
    assert.equal(page.total_count, 5)
    assert.deepEqual(ids(page), [bob.user_id, alice.user_id])
    assert.equal((await t.admin_call('DescribeUsers', { limit: 0 })).user_set.length, 5)
    assert.equal((await t.admin_call('DescribeUsers', { limit: 1000 })).user_set.length, 5)
  })

  it('rejects values that are not a status or a role (1100)', async () => {
    const status = await t.admin_call('DescribeUsers', { status: ['sleeping'] })
    assert.equal(status.ret_code, 1100)
    assert.match(status.message, /status/)
    assert.equal((await t.admin_call('DescribeUsers', { role: 'root' })).ret_code, 1100)
  })

  it('answers a correctly signed request by a non-admin 1400', async () => {
    const reply = await t.admin_call('DescribeUsers', {}, { key: t.user })
    assert.equal(reply.ret_code, 1400)
    assert.match(reply.message, /^PermissionDenied, .*not an administrator/)
  })
})
