import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { csrfTokenOf } from '../csrf.ts'
import { GOOD_PASSWORD, login, newEmail, registerAndVerify } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  // test settings: sessions end after 30 idle minutes or 12 hours
  t = await startTestApp()
})
after(() => t.close())

const me = async (token: string) => (await t.account('DescribeMyself', {}, { token })).body
const at = (ms: number) => formatTime(new Date(t.clock.now().getTime() + ms))
const EXPIRED = { ret_code: 2000, message: 'SessionExpired, the session has expired, log in again' }

describe('DescribeMyself', () => {
  it('tells who the session belongs to and when it ends', async () => {
    const email = newEmail()
    const registered = formatTime(t.clock.now())
    const user_id = await registerAndVerify(t, email, GOOD_PASSWORD, { user_name: 'Ann Lee' })
    t.clock.advance(60_000)
    const opened = formatTime(t.clock.now())
    const { session_token, session_id } = (await t.account('Login', { email, password: GOOD_PASSWORD })).body
    t.clock.advance(5 * 60_000)
    assert.deepEqual(await me(session_token), {
      action: 'DescribeMyselfResponse',
      ret_code: 0,
      user_id,
      email,
      user_name: 'Ann Lee',
      role: 'user',
      status: 'active',
      create_time: registered,
      verify_time: registered,
      session_id,
      session_create_time: opened,
      session_expires_at: formatTime(new Date(new Date(opened).getTime() + 12 * 3600_000)),
      session_idle_expires_at: at(30 * 60_000),
      csrf_token: csrfTokenOf({ token_hash: hashToken(session_token) }),
    })
  })

  it('needs a session: none, a made-up one → 2000', async () => {
    assert.equal((await t.account('DescribeMyself')).body.ret_code, 2000)
    assert.equal((await me('x'.repeat(43))).ret_code, 2000)
  })
})

describe('Session expiry', () => {
  it('ends a session left idle longer than sessionIdleMinutes', async () => {
    const email = newEmail()
    await registerAndVerify(t, email)
    const token = await login(t, email)
    t.clock.advance(30 * 60_000)
    assert.equal((await me(token)).ret_code, 0, 'exactly the idle time is still fine, and counts as use')
    t.clock.advance(30 * 60_000 + 1000)
    assert.deepEqual(await me(token), EXPIRED)
    assert.deepEqual((await me(token)).message, 'SessionExpired, the session has ended, log in again', 'and it stays ended')
  })

  it('ends a session at its absolute lifetime, however busy', async () => {
    const email = newEmail()
    await registerAndVerify(t, email)
    const token = await login(t, email)
    for (let minutes = 0; minutes < 12 * 60; minutes += 20) {
      assert.equal((await me(token)).ret_code, 0, `after ${minutes} minutes`)
      t.clock.advance(20 * 60_000)
    }
    // 12 hours after login, used 20 minutes ago
    assert.equal((await me(token)).ret_code, 0, 'the last moment of its life')
    t.clock.advance(1000)
    assert.deepEqual(await me(token), EXPIRED)
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 0, 'a new login opens a new session')
  })

  it('refuses a banned user’s existing session with 1662', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    const token = await login(t, email)
    assert.equal((await me(token)).ret_code, 0)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', user_id).execute()
    assert.deepEqual(await me(token), { ret_code: 1662, message: `AccessDenied, user [${user_id}] is banned` })
    assert.equal((await t.account('Logout', {}, { token })).body.ret_code, 1662)
  })
})
