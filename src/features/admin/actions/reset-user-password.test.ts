import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { GOOD_PASSWORD, signedInUser } from '../../../../test/support/fixtures-accounts.ts'
import { insertUser } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const NEW_PASSWORD = 'fresh start 2026'
const loginCode = async (email: string, password: string) => (await t.account('Login', { email, password })).body.ret_code

describe('ResetUserPassword', () => {
  it('sets the password, lifts a lock-out and ends every session of the user', async () => {
    const person = await signedInUser(t, 'forgetful')
    for (let i = 0; i < 5; i++) assert.equal(await loginCode(person.email, 'wrong guess 1'), 1660)
    assert.equal(await loginCode(person.email, GOOD_PASSWORD), 1600)

    const reply = await t.admin_call('ResetUserPassword', { user: person.user_id, new_password: NEW_PASSWORD })
    assert.deepEqual(reply, { action: 'ResetUserPasswordResponse', ret_code: 0, user_id: person.user_id })
    assert.equal((await t.account('DescribeMyself', {}, { token: person.token })).body.ret_code, 2000)
    assert.equal(await loginCode(person.email, GOOD_PASSWORD), 1660)
    assert.equal(await loginCode(person.email, NEW_PASSWORD), 0)
    const row = await t.store.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('user_id', '=', person.user_id).executeTakeFirstOrThrow()
    assert.deepEqual(row, { failed_logins: 0, locked_until: '' })
  })

  it('gives a bootstrap account (no password yet) its first password', async () => {
    assert.equal((await t.admin_call('ResetUserPassword', { user: t.user.user_id, new_password: NEW_PASSWORD })).ret_code, 0)
    assert.equal(await loginCode('user@qinglocal.local', NEW_PASSWORD), 0)
  })

  it('applies the password policy (1630 naming the rule) and changes nothing', async () => {
    const person = await insertUser(t, { email: 'policy@example.com', password: GOOD_PASSWORD })
    const cases: Array<[string, RegExp]> = [
      ['short1', /8 to 128 characters/],
      ['x1'.repeat(65), /8 to 128 characters/],
      ['only letters here', /letters and digits/],
      ['12345678901', /letters and digits/],
    ]
    for (const [password, rule] of cases) {
      const reply = await t.admin_call('ResetUserPassword', { user: person.user_id, new_password: password })
      assert.equal(reply.ret_code, 1630, password)
      assert.match(reply.message, /^ResetPasswordFailed, /)
      assert.match(reply.message, rule)
    }
    const sameAsEmail = await insertUser(t, { email: 'abc12345@x.io', password: GOOD_PASSWORD })
    const reply = await t.admin_call('ResetUserPassword', { user: sameAsEmail.user_id, new_password: 'ABC12345@X.IO' })
    assert.equal(reply.ret_code, 1630)
    assert.match(reply.message, /must not be the email address/)
    assert.equal(await loginCode('policy@example.com', GOOD_PASSWORD), 0)
  })

  it('answers 2100 for an unknown user, 1100 without a password, 1400 for a non-admin', async () => {
    const unknown = await t.admin_call('ResetUserPassword', { user: 'usr-NotThere', new_password: NEW_PASSWORD })
    assert.equal(unknown.ret_code, 2100)
    assert.equal((await t.admin_call('ResetUserPassword', { user: t.user.user_id })).ret_code, 1100)
    assert.equal((await t.admin_call('ResetUserPassword', { user: t.admin.user_id, new_password: NEW_PASSWORD }, { key: t.user })).ret_code, 1400)
  })

  it('never echoes the password', async () => {
    const reply = await t.admin_call('ResetUserPassword', { user: 'usr-NotThere', new_password: 'secret sauce 99' })
    assert.doesNotMatch(JSON.stringify(reply), /sauce/)
  })
})
