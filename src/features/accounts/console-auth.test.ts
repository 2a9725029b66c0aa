// The console calls /iaas/ and /admin/ with its session cookie and CSRF token instead of a
// signature: same actions, same replies, same tenant rules; a cookie without the token, with
// another session's token, or a banned user's is refused; admin actions need the admin role.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { hashToken } from '../../lib/tokens.ts'
import { signedInUser } from '../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { csrfTokenOf } from './csrf.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const csrf = (token: string) => csrfTokenOf({ token_hash: hashToken(token) })

/** A console request: no signature, the cookie, and (unless told otherwise) the token. */
async function consoleCall(path: string, token: string, params: Record<string, unknown>, header: string | null = csrf(token)) {
  const headers: Record<string, string> = { cookie: `qinglocal_session=${token}` }
  if (header !== null) headers['x-csrf-token'] = header
  return (await t.send({ path, key: null, method: 'POST', params, headers })).body
}

describe('the console on /iaas/ and /admin/', () => {
  it('runs /iaas/ actions as the session’s user, with the CSRF token', async () => {
    const { user_id, token } = await signedInUser(t)
    const created = await consoleCall('/iaas/', token, { action: 'CreateKeyPair', zone: 'pek3a', keypair_name: 'from the console' })
    assert.equal(created.ret_code, 0, created.message)
    const listed = await consoleCall('/iaas/', token, { action: 'DescribeKeyPairs', zone: 'pek3a' })
    assert.deepEqual(
      listed.keypair_set.map((k: { keypair_id: string; owner: string }) => [k.keypair_id, k.owner]),
      [[created.keypair_id, user_id]],
    )
    // the signed API sees the same key pair only for its owner
    assert.equal((await t.call('DescribeKeyPairs', { keypairs: [created.keypair_id] })).keypair_set.length, 0)
  })

  it('refuses a cookie without the token, or with another session’s (1200), and touches nothing', async () => {
    const { token } = await signedInUser(t)
    const { token: other } = await signedInUser(t)
    const missing = await consoleCall('/iaas/', token, { action: 'CreateKeyPair', zone: 'pek3a', keypair_name: 'x' }, null)
    assert.deepEqual([missing.ret_code, missing.message], [1200, "AuthFailure, the console's request carries no x-csrf-token header: reload the console"])
    const wrong = await consoleCall('/iaas/', token, { action: 'CreateKeyPair', zone: 'pek3a', keypair_name: 'x' }, csrf(other))
    assert.equal(wrong.ret_code, 1200)
    assert.equal((await consoleCall('/iaas/', token, { action: 'DescribeKeyPairs', zone: 'pek3a' })).total_count, 0)
  })

  it('still checks a signature when the request carries access_key_id, cookie or not', async () => {
    const { token } = await signedInUser(t)
    const forged = await t.send({
      path: '/iaas/',
      key: null,
      method: 'POST',
      params: { action: 'DescribeKeyPairs', zone: 'pek3a', access_key_id: t.user.access_key_id },
      headers: { cookie: `qinglocal_session=${token}`, 'x-csrf-token': csrf(token) },
    })
    assert.equal(forged.body.ret_code, 1100, 'a signed request without its signature is malformed, the cookie does not stand in')
  })

  it('answers 2000 for an ended session and 1400 for admin actions of a user; an admin session reaches /admin/', async () => {
    const { token } = await signedInUser(t)
    assert.equal((await consoleCall('/admin/', token, { action: 'DescribeUsers' })).ret_code, 1400)
    assert.equal((await consoleCall('/account/', token, { action: 'Logout' })).ret_code, 0)
    assert.equal((await consoleCall('/iaas/', token, { action: 'DescribeKeyPairs', zone: 'pek3a' })).ret_code, 2000)

    const admin = await signedInUser(t, 'operator')
    assert.equal((await t.admin_call('SetUserRole', { user: admin.user_id, role: 'admin' })).ret_code, 0)
    const users = await consoleCall('/admin/', admin.token, { action: 'DescribeUsers', limit: 5 })
    assert.equal(users.ret_code, 0, users.message)
  })

  it('ends a banned user’s console at once (1662)', async () => {
    const { user_id, token } = await signedInUser(t)
    assert.equal((await t.admin_call('BanUsers', { users: [user_id] })).ret_code, 0)
    assert.equal((await consoleCall('/iaas/', token, { action: 'DescribeKeyPairs', zone: 'pek3a' })).ret_code, 1662)
  })
})
