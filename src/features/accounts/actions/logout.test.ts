import assert from 'node:assert/strict'
import { hashToken } from '../../../lib/tokens.ts'
import { csrfTokenOf } from '../csrf.ts'
import { after, before, describe, it } from 'node:test'
import { login, signedInUser } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('Logout', () => {
  it('ends the current session and deletes the cookie; the user’s other sessions go on', async () => {
    const { email, token } = await signedInUser(t)
    const other = await login(t, email)
    const reply = await t.account('Logout', {}, { token })
    assert.deepEqual(reply.body, { action: 'LogoutResponse', ret_code: 0 })
    assert.equal(reply.headers['set-cookie'], 'qinglocal_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict')
    assert.deepEqual((await t.account('DescribeMyself', {}, { token })).body, { ret_code: 2000, message: 'SessionExpired, the session has ended, log in again' })
    assert.deepEqual((await t.account('Logout', {}, { token })).body.ret_code, 2000, 'twice')
    assert.equal((await t.account('DescribeMyself', {}, { token: other })).body.ret_code, 0)
  })

  it('works with the console’s cookie and its CSRF token', async () => {
    const { token } = await signedInUser(t)
    const cookie = `qinglocal_session=${token}`
    const csrf = csrfTokenOf({ token_hash: hashToken(token) })
    const without = await t.send({ path: '/account/', key: null, method: 'POST', params: { action: 'Logout' }, headers: { cookie } })
    assert.equal(without.body.ret_code, 1200, 'a cookie alone ends nothing')
    const reply = await t.send({ path: '/account/', key: null, method: 'POST', params: { action: 'Logout' }, headers: { cookie, 'x-csrf-token': csrf } })
    assert.equal(reply.body.ret_code, 0)
    assert.equal((await t.send({ path: '/account/', key: null, method: 'POST', params: { action: 'DescribeMyself' }, headers: { cookie } })).body.ret_code, 2000)
  })

  it('needs a session (2000)', async () => {
    assert.deepEqual((await t.account('Logout')).body, { ret_code: 2000, message: 'SessionExpired, no session, log in first' })
  })
})
