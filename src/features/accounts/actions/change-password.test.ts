import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GOOD_PASSWORD, login, signedInUser } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const NEW_PASSWORD = 'battery staple 7'
const change = async (token: string, old_password: string, new_password: string) => (await t.account('ChangePassword', { old_password, new_password }, { token })).body
const loginCode = async (email: string, password: string) => (await t.account('Login', { email, password })).body.ret_code
const hashOf = async (user_id: string) => (await t.store.db.selectFrom('users').select('password_hash').where('user_id', '=', user_id).executeTakeFirstOrThrow()).password_hash

describe('ChangePassword', () => {
  it('sets the new password and ends every other session of the user, not this one', async () => {
    const { email, token } = await signedInUser(t)
    const elsewhere = await login(t, email)
    assert.deepEqual(await change(token, GOOD_PASSWORD, NEW_PASSWORD), { action: 'ChangePasswordResponse', ret_code: 0 })
    assert.equal((await t.account('DescribeMyself', {}, { token })).body.ret_code, 0)
    assert.equal((await t.account('DescribeMyself', {}, { token: elsewhere })).body.ret_code, 2000)
    assert.equal(await loginCode(email, GOOD_PASSWORD), 1660)
    assert.equal(await loginCode(email, NEW_PASSWORD), 0)
  })

  it('answers 1620 for a wrong current password and changes nothing', async () => {
    const { email, user_id, token } = await signedInUser(t)
    const before = await hashOf(user_id)
    assert.deepEqual(await change(token, 'not it 123', NEW_PASSWORD), { ret_code: 1620, message: 'PasswordNotMatched, old_password is not the current password' })
    assert.equal(await hashOf(user_id), before)
    assert.equal(await loginCode(email, GOOD_PASSWORD), 0)
  })

  it('counts wrong current passwords towards the lock-out (1600)', async () => {
    const { email, token } = await signedInUser(t)
    for (let i = 1; i <= 5; i++) assert.equal((await change(token, `not it ${i}`, NEW_PASSWORD)).ret_code, 1620)
    const reply = await change(token, GOOD_PASSWORD, NEW_PASSWORD)
    assert.equal(reply.ret_code, 1600)
    assert.match(reply.message, /^LoginFailed, account is locked until \S+Z after too many wrong passwords$/)
    assert.equal(await loginCode(email, GOOD_PASSWORD), 1600)
    t.clock.advance(15 * 60_000)
    assert.equal((await change(token, GOOD_PASSWORD, NEW_PASSWORD)).ret_code, 0, 'the lock has passed')
  })

  it('answers 1630 for a new password that fails the policy or equals the current one', async () => {
    const { email, user_id, token } = await signedInUser(t)
    const before = await hashOf(user_id)
    assert.deepEqual(await change(token, GOOD_PASSWORD, 'short1'), { ret_code: 1630, message: 'ResetPasswordFailed, the password must be 8 to 128 characters long' })
    assert.deepEqual(await change(token, GOOD_PASSWORD, 'no digits here'), { ret_code: 1630, message: 'ResetPasswordFailed, the password must contain both letters and digits' })
    assert.deepEqual(await change(token, GOOD_PASSWORD, email.toUpperCase()), { ret_code: 1630, message: 'ResetPasswordFailed, the password must not be the email address' })
    assert.deepEqual(await change(token, GOOD_PASSWORD, GOOD_PASSWORD), { ret_code: 1630, message: 'ResetPasswordFailed, the new password must differ from the current one' })
    assert.equal(await hashOf(user_id), before)
  })

  it('needs a session (2000) and both parameters (1100)', async () => {
    assert.equal((await t.account('ChangePassword', { old_password: GOOD_PASSWORD, new_password: NEW_PASSWORD })).body.ret_code, 2000)
    const { token } = await signedInUser(t)
    assert.equal((await t.account('ChangePassword', { new_password: NEW_PASSWORD }, { token })).body.ret_code, 1100)
  })
})
