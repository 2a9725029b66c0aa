import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { mailsTo } from '../../mail/outbox.ts'
import { newEmail, register, registerAndVerify } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  // the test settings: at most 3 verification mails per 60 minutes
  t = await startTestApp()
})
after(() => t.close())

const resend = async (email: string) => (await t.account('ResendVerification', { email })).body
const SAME = { action: 'ResendVerificationResponse', ret_code: 0 }
const mailCount = async (email: string) => (await mailsTo(t.store.db, t.box, email)).length

describe('ResendVerification', () => {
  it('mails a fresh, working token to an unverified account', async () => {
    const email = newEmail()
    await register(t, email)
    t.clock.advance(1000)
    assert.deepEqual(await resend(email.toUpperCase()), SAME)
    const mails = await mailsTo(t.store.db, t.box, email)
    assert.equal(mails.length, 2)
    assert.equal(mails[0]!.subject, 'Verify your QingLocal account')
    const token = /token=(\S+)/.exec(mails[0]!.body)![1]!
    assert.equal((await t.account('VerifyEmail', { token })).body.ret_code, 0)
  })

  it('answers the same for unknown and verified accounts, and mails neither', async () => {
    const verified = newEmail()
    await registerAndVerify(t, verified)
    const unknown = newEmail('nobody')
    assert.deepEqual(await resend(verified), SAME)
    assert.deepEqual(await resend(unknown), SAME)
    assert.equal(await mailCount(verified), 1, 'only the registration mail')
    assert.equal(await mailCount(unknown), 0)
  })

  it('sends at most resetMaxRequests verification mails per window, silently', async () => {
    const email = newEmail()
    await register(t, email) // mail 1
    assert.deepEqual(await resend(email), SAME) // mail 2
    assert.deepEqual(await resend(email), SAME) // mail 3
    assert.deepEqual(await resend(email), SAME, 'the same answer beyond the limit')
    assert.equal(await mailCount(email), 3)
    t.clock.advance(60 * 60_000)
    assert.deepEqual(await resend(email), SAME)
    assert.equal(await mailCount(email), 4, 'the window has moved on')
  })

  it('answers 1520 for an address that cannot exist', async () => {
    const reply = await resend('not-an-address')
    assert.equal(reply.ret_code, 1520)
    assert.match(reply.message, /^IllegalUserId, email must contain exactly one @$/)
  })
})
