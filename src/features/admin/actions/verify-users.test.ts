import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { GOOD_PASSWORD, login, mailedToken, newEmail, register } from '../../../../test/support/fixtures-accounts.ts'
import { insertUser, now } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const userRow = async (userId: string) => t.store.db.selectFrom('users').select(['status', 'status_time', 'verify_time']).where('user_id', '=', userId).executeTakeFirstOrThrow()

describe('VerifyUsers', () => {
  it('verifies an account by hand: it can log in, and its verification mail is void', async () => {
    const email = newEmail('unmailed')
    const userId = await register(t, email)
    const token = await mailedToken(t, email, 'Verify')
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 1661)
    t.clock.advance(2000)
    const reply = await t.admin_call('VerifyUsers', { users: [userId] })
    assert.deepEqual(reply, { action: 'VerifyUsersResponse', ret_code: 0, users: [userId] })
    assert.deepEqual(await userRow(userId), { status: 'active', status_time: now(t), verify_time: now(t) })
    assert.ok(await login(t, email))
    assert.notEqual((await t.account('VerifyEmail', { token })).body.ret_code, 0)
  })

  it('leaves verified accounts alone, and records a banned one’s verification without lifting the ban', async () => {
    const verified = await insertUser(t)
    const banned = await insertUser(t, { status: 'unverified' })
    assert.equal((await t.admin_call('BanUsers', { users: [banned.user_id] })).ret_code, 0)
    t.clock.advance(1000)
    assert.equal((await t.admin_call('VerifyUsers', { users: [verified.user_id, banned.user_id] })).ret_code, 0)
    assert.deepEqual(await userRow(verified.user_id), { status: 'active', status_time: verified.status_time, verify_time: verified.verify_time })
    const b = await userRow(banned.user_id)
    assert.deepEqual([b.status, b.verify_time], ['banned', now(t)])
    assert.equal((await t.admin_call('UnbanUsers', { users: [banned.user_id] })).ret_code, 0)
    assert.equal((await userRow(banned.user_id)).status, 'active')
  })

  it('answers 2100 for an unknown user and verifies nobody; 1400 for a non-admin', async () => {
    const pending = await insertUser(t, { status: 'unverified' })
    const reply = await t.admin_call('VerifyUsers', { users: [pending.user_id, 'usr-NotThere'] })
    assert.equal(reply.ret_code, 2100)
    assert.equal((await t.admin_call('VerifyUsers', { users: [pending.user_id] }, { key: t.user })).ret_code, 1400)
    assert.deepEqual(await userRow(pending.user_id), { status: 'unverified', status_time: pending.status_time, verify_time: '' })
  })
})
