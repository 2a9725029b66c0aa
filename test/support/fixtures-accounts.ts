// People for account tests, made the way a person makes themselves: Register over the wire, read
// the token from the mail in the outbox (as they would from their mailbox), VerifyEmail, Login.
// Every helper fails the test loudly when a step does not answer ret_code 0.
import assert from 'node:assert/strict'
import { mailsTo } from '../../src/features/mail/outbox.ts'
import type { TestApp } from './harness.ts'

/** A password that passes the policy (letters and digits, 8+ characters). */
export const GOOD_PASSWORD = 'correct horse 42'

let counter = 0

/** A fresh address for each call, so tests sharing an app do not collide. */
export function newEmail(prefix = 'person'): string {
  return `${prefix}${++counter}@example.com`
}

/**
 * The token of the newest mail to `email` whose subject contains `subject` (several mails can
 * share a second on the manual clock, so pick by subject, not just by time). Mail bodies name
 * the token as `token=<43 URL-safe characters>`.
 */
export async function mailedToken(t: TestApp, email: string, subject: string): Promise<string> {
  const mail = (await mailsTo(t.store.db, t.box, email.toLowerCase())).find((m) => m.subject.includes(subject))
  assert.ok(mail, `no mail to ${email} with subject containing "${subject}"`)
  const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1]
  assert.ok(token, `the mail "${mail.subject}" carries no token`)
  return token
}

/** Registers an (unverified) account; returns its user id. */
export async function register(t: TestApp, email: string, password = GOOD_PASSWORD, extra: { user_name?: string; invite_code?: string } = {}): Promise<string> {
  const { body } = await t.account('Register', { email, password, ...extra })
  assert.equal(body.ret_code, 0, `Register ${email}: ${body.message}`)
  return body.user_id as string
}

/** Verifies an account with the token from its newest verification mail. */
export async function verify(t: TestApp, email: string): Promise<void> {
  const token = await mailedToken(t, email, 'Verify')
  const { body } = await t.account('VerifyEmail', { token })
  assert.equal(body.ret_code, 0, `VerifyEmail ${email}: ${body.message}`)
}

/** Registers and verifies an account, ready to log in; returns its user id. */
export async function registerAndVerify(t: TestApp, email: string, password = GOOD_PASSWORD, extra: { user_name?: string; invite_code?: string } = {}): Promise<string> {
  const userId = await register(t, email, password, extra)
  await verify(t, email)
  return userId
}

/** Logs in; returns the session token (send it as `{ token }` to t.account). */
export async function login(t: TestApp, email: string, password = GOOD_PASSWORD): Promise<string> {
  const { body } = await t.account('Login', { email, password })
  assert.equal(body.ret_code, 0, `Login ${email}: ${body.message}`)
  return body.session_token as string
}

/** A new verified account with an open session: its email, user id and session token. */
export async function signedInUser(t: TestApp, prefix = 'person', password = GOOD_PASSWORD): Promise<{ email: string; user_id: string; token: string }> {
  const email = newEmail(prefix)
  const user_id = await registerAndVerify(t, email, password)
  return { email, user_id, token: await login(t, email, password) }
}

/** How many user rows the store holds (tests that check a refusal wrote none). */
export async function userCount(t: TestApp): Promise<number> {
  const row = await t.store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
