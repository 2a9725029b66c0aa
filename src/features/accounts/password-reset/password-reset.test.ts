// Password reset over the wire: RequestPasswordReset (no enumeration, rate limit 1640 per address)
// and ResetPassword (1650 for a bad token, 1630 for a bad password without using the token up).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GOOD_PASSWORD, login, mailedToken, newEmail, register, registerAndVerify, signedInUser } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { mailsTo } from '../../mail/outbox.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { findUser } from '../user-repo.ts'
import { issueToken } from '../user-token-repo.ts'
import { PASSWORD_CHANGED_SUBJECT, RESET_SUBJECT, RESET_TOKEN_MINUTES } from './reset-mail.ts'

const NEW_PASSWORD = 'a brand new one 7'
const MINUTE = 60_000

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const ask = async (email: string) => (await t.account('RequestPasswordReset', { email })).body
const reset = async (token: string, new_password: string) => (await t.account('ResetPassword', { token, new_password })).body
const resetMails = async (email: string) => (await mailsTo(t.store.db, t.box, email.toLowerCase())).filter((m) => m.subject === RESET_SUBJECT)

/** Asks for a reset and reads the token from the mail, as the account's owner would. */
async function resetToken(email: string): Promise<string> {
  assert.equal((await ask(email)).ret_code, 0)
  return mailedToken(t, email, RESET_SUBJECT)
}

describe('RequestPasswordReset', () => {
  it('answers the same for a registered and an unknown address; only the account gets a mail, with a token stored hashed', async () => {
    const email = newEmail('reset')
    const user_id = await registerAndVerify(t, email)
    const unknown = newEmail('nobody')
    const known = await ask(email)
    const stranger = await ask(unknown)
    assert.deepEqual(known, { action: 'RequestPasswordResetResponse', ret_code: 0 })
    assert.deepEqual(stranger, known)

    assert.equal((await resetMails(email)).length, 1)
    assert.equal((await mailsTo(t.store.db, t.box, unknown)).length, 0)
    const token = await mailedToken(t, email, RESET_SUBJECT)
    const rows = await t.store.db.selectFrom('user_tokens').selectAll().where('user_id', '=', user_id).where('purpose', '=', 'reset').execute()
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.token_hash, hashToken(token))
    assert.ok(!JSON.stringify(rows).includes(token), 'only the hash of the token is stored')
    assert.equal(new Date(rows[0]!.expires_at).getTime() - t.clock.now().getTime(), RESET_TOKEN_MINUTES * MINUTE)
  })

  it('finds the account whatever the case of the address', async () => {
    const email = newEmail('casey')
    await registerAndVerify(t, email)
    assert.equal((await ask(email.toUpperCase())).ret_code, 0)
    assert.equal((await resetMails(email)).length, 1)
  })

  it('voids the older token when a newer one is mailed: only the newest mail works', async () => {
    const email = newEmail('twice')
    await registerAndVerify(t, email)
    const first = await resetToken(email)
    t.clock.advance(1000)
    const second = await resetToken(email)
    assert.notEqual(first, second)
    assert.equal((await reset(first, NEW_PASSWORD)).ret_code, 1650)
    assert.equal((await reset(second, NEW_PASSWORD)).ret_code, 0)
  })

  it('mails nothing to a banned account, and answers as for any other address', async () => {
    const email = newEmail('banned')
    const user_id = await registerAndVerify(t, email)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', user_id).execute()
    assert.deepEqual(await ask(email), { action: 'RequestPasswordResetResponse', ret_code: 0 })
    assert.equal((await resetMails(email)).length, 0)
  })

  it('refuses a malformed address with 1520 and a missing one with 1100', async () => {
    assert.equal((await ask('not-an-address')).ret_code, 1520)
    const missing = (await t.account('RequestPasswordReset', {})).body
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /email/)
  })

  it('answers 1640 beyond resetMaxRequests in the window, for a registered and an unknown address alike', async () => {
    const email = newEmail('often')
    await registerAndVerify(t, email)
    const unknown = newEmail('often-nobody')
    const start = t.clock.now().getTime()
    // 3 requests each at 0, 20 and 40 minutes; at 50 minutes all three are in the window
    for (const step of [20, 20, 10]) {
      assert.equal((await ask(email)).ret_code, 0)
      assert.equal((await ask(unknown)).ret_code, 0)
      t.clock.advance(step * MINUTE)
    }
    const refused = await ask(email)
    assert.equal(refused.ret_code, 1640)
    const retry = new Date(start + 60 * MINUTE).toISOString().replace('.000', '')
    assert.equal(refused.message, `ResetPasswordTooOften, more than 3 password resets asked for this email within 60 minutes, try again after ${retry}`)
    const refusedStranger = await ask(unknown)
    assert.equal(refusedStranger.ret_code, 1640)
    assert.equal(refusedStranger.message, refused.message, 'the limit says nothing about whether the address is registered')
    assert.equal((await resetMails(email)).length, 3, 'a refused request mails nothing')

    // at 60 minutes the first request has left the window
    t.clock.advance(10 * MINUTE)
    assert.equal((await ask(email)).ret_code, 0)
    assert.equal((await ask(unknown)).ret_code, 0)
    // the window slides: 20, 40 and 60 minutes are in it now
    t.clock.advance(1000)
    assert.equal((await ask(email)).ret_code, 1640)
    assert.equal((await ask(unknown)).ret_code, 1640)
  })

  it('forgets the requests of an address once they have left the window (the slot rows are pruned)', async () => {
    const email = newEmail('forgotten')
    assert.equal((await ask(email)).ret_code, 0)
    const slots = () => t.store.db.selectFrom('rate_slots').select('slot_key').where('scope', '=', 'reset-request').where('expires_at', '<=', t.clock.now().toISOString()).execute()
    t.clock.advance(61 * MINUTE)
    assert.ok((await slots()).length > 0)
    assert.equal((await ask(newEmail('later'))).ret_code, 0)
    assert.deepEqual(await slots(), [])
  })

  it('counts concurrent requests exactly: resetMaxRequests succeed, the rest get 1640', async () => {
    const email = newEmail('rush')
    await registerAndVerify(t, email)
    const replies = await Promise.all(Array.from({ length: 8 }, () => ask(email)))
    const codes = replies.map((r) => r.ret_code).sort()
    assert.deepEqual(codes, [0, 0, 0, 1640, 1640, 1640, 1640, 1640])
    assert.equal((await resetMails(email)).length, 3)
  })
})

describe('ResetPassword', () => {
  it('sets the new password, ends every session, lifts a lock-out and tells the owner by mail', async () => {
    const { email, user_id, token: session } = await signedInUser(t, 'resetter')
    const otherSession = await login(t, email)
    // five wrong passwords lock the account
    for (let i = 0; i < 5; i++) assert.equal((await t.account('Login', { email, password: 'wrong password 1' })).body.ret_code, 1660)
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 1600)

    const token = await resetToken(email)
    const done = await reset(token, NEW_PASSWORD)
    assert.deepEqual(done, { action: 'ResetPasswordResponse', ret_code: 0, user_id })

    for (const s of [session, otherSession]) assert.equal((await t.account('DescribeMyself', {}, { token: s })).body.ret_code, 2000)
    const user = await findUser(t.store.db, user_id)
    assert.equal(user?.failed_logins, 0)
    assert.equal(user?.locked_until, '')
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 1660)
    assert.equal((await t.account('Login', { email, password: NEW_PASSWORD })).body.ret_code, 0)
    const notice = (await mailsTo(t.store.db, t.box, email)).find((m) => m.subject === PASSWORD_CHANGED_SUBJECT)
    assert.ok(notice, 'the owner is told that the password changed')
    assert.ok(!notice.body.includes(NEW_PASSWORD))
  })

  it('answers 1650 alike for an unknown, a used and an expired token', async () => {
    const email = newEmail('tokens')
    await registerAndVerify(t, email)
    const unknown = await reset('A'.repeat(43), NEW_PASSWORD)
    assert.equal(unknown.ret_code, 1650)

    const token = await resetToken(email)
    assert.equal((await reset(token, NEW_PASSWORD)).ret_code, 0)
    const used = await reset(token, 'yet another one 8')
    assert.equal(used.ret_code, 1650)

    t.clock.advance(1000)
    const late = await resetToken(email)
    t.clock.advance(RESET_TOKEN_MINUTES * MINUTE)
    const expired = await reset(late, 'yet another one 8')
    assert.equal(expired.ret_code, 1650)
    assert.equal(used.message, unknown.message)
    assert.equal(expired.message, unknown.message)
    // a verification token is not a reset token
    const other = newEmail('verify-token')
    await register(t, other)
    assert.equal((await reset(await mailedToken(t, other, 'Verify'), NEW_PASSWORD)).ret_code, 1650)
  })

  it('answers 1630 naming the rule for a weak password or the current one, and the token stays usable', async () => {
    const email = newEmail('weak')
    await registerAndVerify(t, email)
    const token = await resetToken(email)
    const short = await reset(token, 'abc1')
    assert.equal(short.ret_code, 1630)
    assert.match(short.message, /^ResetPasswordFailed, the password must be 8 to 128 characters long$/)
    assert.match((await reset(token, 'onlyletters')).message, /letters and digits/)
    assert.match((await reset(token, 'x'.repeat(200) + '1')).message, /8 to 128/)
    const same = await reset(token, GOOD_PASSWORD)
    assert.equal(same.ret_code, 1630)
    assert.match(same.message, /differ from the current one/)
    // the refusals wrote nothing: the password is unchanged and the token still works
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 0)
    assert.equal((await reset(token, NEW_PASSWORD)).ret_code, 0)
  })

  it('answers 1650 before looking at the password when the token is bad', async () => {
    assert.equal((await reset('B'.repeat(43), 'short')).ret_code, 1650)
  })

  it('voids every other reset token of the user', async () => {
    const email = newEmail('many')
    const user_id = await registerAndVerify(t, email)
    const token = await resetToken(email)
    // a second live token, as an operator tool or an older code path could have made
    const spare = await issueToken(t.store.db, 'reset', user_id, t.clock.now(), RESET_TOKEN_MINUTES)
    assert.equal((await reset(token, NEW_PASSWORD)).ret_code, 0)
    assert.equal((await reset(spare, 'yet another one 8')).ret_code, 1650)
  })

  it('lets one of two concurrent resets with the same token win; the other gets 1650', async () => {
    const email = newEmail('race')
    await registerAndVerify(t, email)
    const token = await resetToken(email)
    const replies = await Promise.all([reset(token, 'first password 1'), reset(token, 'second password 2')])
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 1650])
    const winner = replies[0]!.ret_code === 0 ? 'first password 1' : 'second password 2'
    assert.equal((await t.account('Login', { email, password: winner })).body.ret_code, 0)
  })

  it('verifies an unverified account: the token came through its mailbox', async () => {
    const email = newEmail('unverified')
    const user_id = await register(t, email)
    assert.equal((await t.account('Login', { email, password: GOOD_PASSWORD })).body.ret_code, 1661)
    assert.equal((await reset(await resetToken(email), NEW_PASSWORD)).ret_code, 0)
    assert.equal((await findUser(t.store.db, user_id))?.status, 'active')
    assert.equal((await t.account('Login', { email, password: NEW_PASSWORD })).body.ret_code, 0)
    // its verification mail is spent too
    assert.equal((await t.account('VerifyEmail', { token: await mailedToken(t, email, 'Verify') })).body.ret_code, 1500)
  })

  it('refuses a user banned after the mail was sent with 1662', async () => {
    const email = newEmail('late-ban')
    const user_id = await registerAndVerify(t, email)
    const token = await resetToken(email)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', user_id).execute()
    assert.equal((await reset(token, NEW_PASSWORD)).ret_code, 1662)
  })

  it('validates its parameters (1100)', async () => {
    assert.equal((await t.account('ResetPassword', { new_password: NEW_PASSWORD })).body.ret_code, 1100)
    assert.equal((await t.account('ResetPassword', { token: 'x' })).body.ret_code, 1100)
    assert.equal((await reset('x'.repeat(257), NEW_PASSWORD)).ret_code, 1100)
  })
})
