import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { GOOD_PASSWORD, mailedToken, newEmail, register } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const verifyEmail = async (token: string) => (await t.account('VerifyEmail', { token })).body
const user = (user_id: string) => t.store.db.selectFrom('users').selectAll().where('user_id', '=', user_id).executeTakeFirstOrThrow()
const INVALID = { ret_code: 1500, message: 'RegisterFailed, verification token is invalid or expired' }

describe('VerifyEmail', () => {
  it('activates the account with the mailed token, once', async () => {
    const email = newEmail()
    const user_id = await register(t, email)
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 1661, 'not before verifying')
    const token = await mailedToken(t, email, 'Verify')
    t.clock.advance(60_000)
    assert.deepEqual(await verifyEmail(token), { action: 'VerifyEmailResponse', ret_code: 0, user_id })
    const row = await user(user_id)
    assert.equal(row.status, 'active')
    assert.equal(row.verify_time, formatTime(t.clock.now()))
    assert.equal(row.status_time, row.verify_time)
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 0, 'now the account can log in')
    assert.deepEqual(await verifyEmail(token), INVALID, 'a used token')
  })

  it('refuses an unknown token', async () => {
    assert.deepEqual(await verifyEmail('x'.repeat(43)), INVALID)
  })

  it('refuses a token 24 hours after it was mailed', async () => {
    const email = newEmail()
    const user_id = await register(t, email)
    const token = await mailedToken(t, email, 'Verify')
    t.clock.advance(24 * 3600_000)
    assert.deepEqual(await verifyEmail(token), INVALID)
    assert.equal((await user(user_id)).status, 'unverified')
  })

  it('does not lift a ban', async () => {
    const email = newEmail()
    const user_id = await register(t, email)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', user_id).execute()
    assert.equal((await verifyEmail(await mailedToken(t, email, 'Verify'))).ret_code, 0)
    const row = await user(user_id)
    assert.equal(row.status, 'banned')
    assert.notEqual(row.verify_time, '', 'the address is proven all the same')
  })

  it('voids the account’s other verification tokens', async () => {
    const email = newEmail()
    await register(t, email)
    const first = await mailedToken(t, email, 'Verify')
    t.clock.advance(1000)
    assert.equal((await t.account('ResendVerification', { email })).body.ret_code, 0)
    const second = t.box.open((await t.store.db.selectFrom('outbox').select('body').where('to_address', '=', email).orderBy('create_time', 'desc').executeTakeFirstOrThrow()).body)
    const secondToken = /token=(\S+)/.exec(second)![1]!
    assert.notEqual(secondToken, first)
    assert.equal((await verifyEmail(first)).ret_code, 0, 'the older token still works until the account is verified')
    assert.deepEqual(await verifyEmail(secondToken), INVALID)
  })

  it('needs a token (1100)', async () => {
    assert.equal((await t.account('VerifyEmail', {})).body.ret_code, 1100)
  })
})
