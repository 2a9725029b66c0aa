import assert from 'node:assert/strict'
import { csrfTokenOf } from '../csrf.ts'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { hashPassword, verifyPassword } from '../../../lib/passwords.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { GOOD_PASSWORD, newEmail, register, registerAndVerify, userCount } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { passwordMatches } from '../account.ts'
import { setPlatformSetting } from '../platform-settings.ts'

let t: TestApp
before(async () => {
  // test settings: 5 failures lock the account for 15 minutes; sessions live 12 hours
  t = await startTestApp()
})
after(() => t.close())

const login = (email: string, password: string) => t.account('Login', { email, password })
const code = async (email: string, password: string) => (await login(email, password)).body.ret_code as number
const userRow = (user_id: string) => t.store.db.selectFrom('users').selectAll().where('user_id', '=', user_id).executeTakeFirstOrThrow()
const GENERIC = { ret_code: 1660, message: 'UserOrPasswordNotMatched, the email or the password is wrong' }

async function withDetailedErrors(work: () => Promise<void>) {
  await setPlatformSetting(t.store.db, 'login_errors', 'detailed')
  try {
    await work()
  } finally {
    await setPlatformSetting(t.store.db, 'login_errors', 'generic')
  }
}

describe('Login', () => {
  it('opens a session: a token for scripts and an HttpOnly, SameSite cookie for the console', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    const reply = await login(email.toUpperCase(), GOOD_PASSWORD)
    assert.equal(reply.body.ret_code, 0, reply.body.message)
    const { session_token, session_id, expires_at, csrf_token, ...rest } = reply.body
    assert.deepEqual(rest, { action: 'LoginResponse', ret_code: 0, user_id })
    assert.equal(csrf_token, csrfTokenOf({ token_hash: hashToken(session_token) }), 'the console’s CSRF token, derived from the session')
    assert.match(session_token, /^[A-Za-z0-9_-]{43}$/, '256 random bits')
    assert.match(session_id, /^ses-[0-9a-z]{16}$/)
    assert.equal(expires_at, formatTime(new Date(t.clock.now().getTime() + 12 * 3600_000)))
    assert.equal(reply.headers['set-cookie'], `qinglocal_session=${session_token}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict`)

    const stored = await t.store.db.selectFrom('sessions').selectAll().where('session_id', '=', session_id).executeTakeFirstOrThrow()
    assert.equal(stored.token_hash, hashToken(session_token), 'only the hash is stored')
    assert.equal(stored.user_id, user_id)
    assert.equal((await t.account('DescribeMyself', {}, { token: session_token })).body.user_id, user_id)
  })

  it('answers 1660 alike for an unknown email and a wrong password (generic, the default)', async () => {
    const email = newEmail()
    await registerAndVerify(t, email)
    assert.deepEqual((await login(newEmail('nobody'), GOOD_PASSWORD)).body, GENERIC)
    assert.deepEqual((await login(email, 'wrong password 1')).body, GENERIC)
    assert.deepEqual((await login('not even an email', GOOD_PASSWORD)).body, GENERIC)
  })

  it('answers 1610 for an unknown email and 1620 for a wrong password when login_errors is detailed', async () => {
    const email = newEmail()
    await registerAndVerify(t, email)
    await withDetailedErrors(async () => {
      assert.deepEqual((await login(newEmail('nobody'), GOOD_PASSWORD)).body, { ret_code: 1610, message: 'UserNotFound, no user with this email' })
      assert.deepEqual((await login(email, 'wrong password 1')).body, { ret_code: 1620, message: 'PasswordNotMatched, the password is wrong' })
    })
  })

  it('spends an argon2 verification on an unknown email too, so the time taken does not tell', async () => {
    // counted, not timed: a timing comparison is at the mercy of a shared machine's load
    const checked: string[] = []
    const counting = async (stored: string, password: string) => {
      checked.push(stored)
      return verifyPassword(stored, password)
    }
    assert.equal(await passwordMatches(undefined, 'wrong password 1', counting), false)
    assert.equal(await passwordMatches({ password_hash: '' }, 'wrong password 1', counting), false)
    const hash = await hashPassword(GOOD_PASSWORD)
    assert.equal(await passwordMatches({ password_hash: hash }, GOOD_PASSWORD, counting), true)
    assert.equal(checked.length, 3)
    for (const stored of checked) assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('answers 1661 to an unverified account with the right password, 1660 with a wrong one', async () => {
    const email = newEmail()
    await register(t, email)
    assert.deepEqual((await login(email, GOOD_PASSWORD)).body, {
      ret_code: 1661,
      message: 'RegistrationNotFinished, the email address is not verified yet: use the token from the verification mail with VerifyEmail',
    })
    assert.deepEqual((await login(email, 'wrong password 1')).body, GENERIC)
  })

  it('answers 1662 to a banned user with the right password; a stranger learns nothing of the ban', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', user_id).execute()
    assert.deepEqual((await login(email, GOOD_PASSWORD)).body, { ret_code: 1662, message: `AccessDenied, user [${user_id}] is banned` })
    assert.deepEqual((await login(email, 'wrong password 1')).body, GENERIC)
  })

  it('refuses an account without a password (the bootstrap user) like a wrong password', async () => {
    assert.deepEqual((await login('user@qinglocal.local', '')).body.ret_code, 1100, 'an empty password is no password at all')
    assert.deepEqual((await login('user@qinglocal.local', 'anything 1')).body, GENERIC)
    await t.store.db.updateTable('users').set({ failed_logins: 0, locked_until: '' }).where('user_id', '=', t.user.user_id).execute()
  })

  it('locks the account after 5 wrong passwords: 1600 until the lock has passed, even with the right password', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    for (let i = 1; i <= 4; i++) {
      assert.equal(await code(email, `wrong password ${i}`), 1660)
      assert.equal((await userRow(user_id)).failed_logins, i, 'the failure outlives the rolled-back transaction')
    }
    assert.equal(await code(email, 'wrong password 5'), 1660)
    const until = formatTime(new Date(t.clock.now().getTime() + 15 * 60_000))
    assert.equal((await userRow(user_id)).locked_until, until)

    const locked = { ret_code: 1600, message: `LoginFailed, account is locked until ${until} after too many wrong passwords` }
    assert.deepEqual((await login(email, GOOD_PASSWORD)).body, locked)
    assert.deepEqual((await login(email, 'wrong password 6')).body, locked)
    t.clock.advance(15 * 60_000 - 1000)
    assert.deepEqual((await login(email, GOOD_PASSWORD)).body, locked, 'one second before the end')
    t.clock.advance(1000)
    assert.equal(await code(email, GOOD_PASSWORD), 0)
    const row = await userRow(user_id)
    assert.equal(row.failed_logins, 0)
    assert.equal(row.locked_until, '')
  })

  it('locks an unknown email exactly like an account (generic errors): 8 wrong logins answer the same sequence, and no user is made', async () => {
    const registered = newEmail()
    await registerAndVerify(t, registered)
    const unknown = newEmail('nobody')
    const usersBefore = await userCount(t)
    const sequence = async (email: string) => {
      const answers: Array<[number, string]> = []
      for (let i = 1; i <= 8; i++) {
        const { ret_code, message } = (await login(email, `wrong password ${i}`)).body
        answers.push([ret_code, message])
      }
      return answers
    }
    const known = await sequence(registered)
    assert.deepEqual(await sequence(unknown.toUpperCase()), known)
    assert.deepEqual(
      known.map(([c]) => c),
      [1660, 1660, 1660, 1660, 1660, 1600, 1600, 1600],
    )
    // once the lock has passed, both get the same fresh tries again
    t.clock.advance(15 * 60_000)
    assert.deepEqual(await sequence(unknown), await sequence(registered))
    assert.equal(await userCount(t), usersBefore, 'failures of an unknown email make no user row')
    const stored = JSON.stringify(await t.store.db.selectFrom('login_failures').selectAll().execute())
    assert.ok(!stored.includes(unknown) && !stored.includes('nobody'), 'the unknown email is stored only as a hash')
    t.clock.advance(15 * 60_000)
  })

  it('does not lock unknown emails under detailed errors: they answer 1610 every time', async () => {
    await withDetailedErrors(async () => {
      const unknown = newEmail('nobody')
      for (let i = 1; i <= 7; i++) assert.equal(await code(unknown, `wrong password ${i}`), 1610)
    })
  })

  it('forgets earlier failures after a successful login', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    for (let i = 1; i <= 4; i++) await login(email, `wrong password ${i}`)
    assert.equal(await code(email, GOOD_PASSWORD), 0)
    assert.equal((await userRow(user_id)).failed_logins, 0)
    assert.equal(await code(email, 'wrong password 5'), 1660)
    assert.equal(await code(email, GOOD_PASSWORD), 0, 'one failure after a success does not lock')
  })

  it('counts every one of several concurrent wrong passwords', async () => {
    const email = newEmail()
    const user_id = await registerAndVerify(t, email)
    const codes = await Promise.all([1, 2, 3, 4].map((i) => code(email, `wrong password ${i}`)))
    assert.deepEqual(codes, [1660, 1660, 1660, 1660])
    assert.equal((await userRow(user_id)).failed_logins, 4)

    const more = await Promise.all([5, 6, 7].map((i) => code(email, `wrong password ${i}`)))
    assert.ok(
      more.every((c) => c === 1660 || c === 1600),
      String(more),
    )
    assert.equal(await code(email, GOOD_PASSWORD), 1600, 'the limit was reached although the attempts overlapped')
  })

  it('validates its parameters (1100)', async () => {
    assert.equal((await t.account('Login', { email: newEmail() })).body.ret_code, 1100)
  })
})
