import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertUser, openSession } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const statusOf = async (userId: string) => await t.store.db.selectFrom('users').select(['status', 'status_time']).where('user_id', '=', userId).executeTakeFirstOrThrow()
const sessionAnswer = async (token: string) => (await t.account('DescribeMyself', {}, { token })).body.ret_code

describe('BanUsers', () => {
  it('bans: the user’s keys and open sessions answer 1662 from the next request on', async () => {
    const { token } = await openSession(t, t.user.user_id)
    assert.equal((await t.call('DescribeZones')).ret_code, 0)
    assert.equal(await sessionAnswer(token), 0)
    t.clock.advance(1000)
    const reply = await t.admin_call('BanUsers', { users: [t.user.user_id] })
    assert.deepEqual(reply, { action: 'BanUsersResponse', ret_code: 0, users: [t.user.user_id] })
    assert.deepEqual(await statusOf(t.user.user_id), { status: 'banned', status_time: '2026-01-15T08:00:01Z' })
    const denied = await t.call('DescribeZones')
    assert.equal(denied.ret_code, 1662)
    assert.match(denied.message, /^AccessDenied, /)
    assert.equal(await sessionAnswer(token), 1662)
    // banning again changes nothing, not even the status time
    t.clock.advance(1000)
    assert.equal((await t.admin_call('BanUsers', { users: [t.user.user_id] })).ret_code, 0)
    assert.equal((await statusOf(t.user.user_id)).status_time, '2026-01-15T08:00:01Z')
    assert.equal((await t.admin_call('UnbanUsers', { users: [t.user.user_id] })).ret_code, 0)
    assert.equal((await t.call('DescribeZones')).ret_code, 0)
    assert.equal(await sessionAnswer(token), 0)
  })

  it('bans several users at once, another admin included', async () => {
    const [a, b] = [await insertUser(t), await insertUser(t, { role: 'admin' })]
    assert.equal((await t.admin_call('BanUsers', { users: [a.user_id, b.user_id] })).ret_code, 0)
    assert.deepEqual([(await statusOf(a.user_id)).status, (await statusOf(b.user_id)).status], ['banned', 'banned'])
  })

  it('refuses to let an administrator ban themself (1400)', async () => {
    const reply = await t.admin_call('BanUsers', { users: [t.admin.user_id] })
    assert.equal(reply.ret_code, 1400)
    assert.match(reply.message, /^PermissionDenied, user \[usr-\w+\] is you/)
    assert.equal((await statusOf(t.admin.user_id)).status, 'active')
  })

  it('answers 2100 for an unknown user and bans nobody', async () => {
    const known = await insertUser(t)
    const reply = await t.admin_call('BanUsers', { users: [known.user_id, 'usr-NotThere'] })
    assert.equal(reply.ret_code, 2100)
    assert.equal(reply.message, 'ResourceNotFound, user [usr-NotThere] not found')
    assert.equal((await statusOf(known.user_id)).status, 'active')
  })

  it('rejects a missing or repeated users.N (1100) and non-admin callers (1400)', async () => {
    const known = await insertUser(t)
    assert.equal((await t.admin_call('BanUsers')).ret_code, 1100)
    assert.equal((await t.admin_call('BanUsers', { users: [known.user_id, known.user_id] })).ret_code, 1100)
    assert.equal((await t.admin_call('BanUsers', { users: [known.user_id] }, { key: t.user })).ret_code, 1400)
    assert.equal((await statusOf(known.user_id)).status, 'active')
  })
})
