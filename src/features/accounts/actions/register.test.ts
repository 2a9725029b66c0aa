import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { mailsTo } from '../../mail/outbox.ts'
import { GOOD_PASSWORD, mailedToken, newEmail, userCount } from '../../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { setPlatformSetting } from '../platform-settings.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const register = async (params: Record<string, unknown>) => (await t.account('Register', params)).body
const userByEmail = (email: string) => t.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()

async function addInvite(code: string, expires_at: string, used_by = '') {
  await t.store.db
    .insertInto('invites')
    .values({ code_hash: hashToken(code), created_by: t.admin.user_id, create_time: formatTime(t.clock.now()), expires_at, used_by })
    .execute()
}
const inOneDay = () => formatTime(new Date(t.clock.now().getTime() + 86_400_000))

describe('Register', () => {
  it('creates an unverified account and mails it a single-use token, which the reply does not carry', async () => {
    const reply = await register({ email: 'Ann.Lee@Example.COM', password: GOOD_PASSWORD })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'ret_code', 'user_id'])
    assert.equal(reply.action, 'RegisterResponse')
    assert.match(reply.user_id, /^usr-[0-9A-Za-z]{8}$/)

    const user = await userByEmail('ann.lee@example.com')
    assert.ok(user, 'the email is stored lower-cased')
    assert.equal(user.user_id, reply.user_id)
    assert.equal(user.status, 'unverified')
    assert.equal(user.verify_time, '')
    assert.equal(user.role, 'user')
    assert.equal(user.user_name, 'ann.lee', 'without user_name the mailbox part names the account')
    assert.match(user.password_hash, /^\$argon2id\$/)

    const [mail, ...more] = await mailsTo(t.store.db, t.box, 'ann.lee@example.com')
    assert.equal(more.length, 0)
    assert.equal(mail!.subject, 'Verify your QingLocal account')
    assert.match(mail!.body, /VerifyEmail/)
    assert.match(mail!.body, /token=[A-Za-z0-9_-]{43}\n/)
    const token = await mailedToken(t, 'ann.lee@example.com', 'Verify')
    const stored = await t.store.db.selectFrom('user_tokens').selectAll().where('user_id', '=', reply.user_id).execute()
    assert.deepEqual(
      stored.map((r) => [r.purpose, r.token_hash]),
      [['verify', hashToken(token)]],
      'only the hash is kept',
    )
    assert.ok(!JSON.stringify(reply).includes(token))
  })

  it('keeps a given user_name', async () => {
    const email = newEmail()
    assert.equal((await register({ email, password: GOOD_PASSWORD, user_name: 'Zhang San_2.0-x' })).ret_code, 0)
    assert.equal((await userByEmail(email))!.user_name, 'Zhang San_2.0-x')
  })

  it('refuses a malformed email with 1520, saying what is wrong', async () => {
    const bad: Array<[string, RegExp]> = [
      ['no-at.example.com', /exactly one @/],
      ['two@@example.com', /exactly one @/],
      ['a@b@example.com', /exactly one @/],
      ['nodot@localhost', /must contain a dot/],
      ['@example.com', /before the @/],
      ['sp ace@example.com', /before the @/],
      ['.lead@example.com', /before the @/],
      ['ann@-bad.example.com', /domain of email/],
      ['ann@example..com', /domain of email/],
      [`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`, /at most 254/],
      ['tab\t@example.com', /before the @/],
    ]
    const before = await userCount(t)
    for (const [email, why] of bad) {
      const reply = await register({ email, password: GOOD_PASSWORD })
      assert.equal(reply.ret_code, 1520, email)
      assert.match(reply.message, /^IllegalUserId, /)
      assert.match(reply.message, why, email)
    }
    assert.equal(await userCount(t), before, 'nothing was written')
  })

  it('refuses a malformed user_name with 1520 naming user_name', async () => {
    for (const user_name of ['a'.repeat(65), ' leading', 'trailing ', 'semi;colon', 'new\nline', 'ctl\u0007', 'emoji 🙂']) {
      const reply = await register({ email: newEmail(), password: GOOD_PASSWORD, user_name })
      assert.equal(reply.ret_code, 1520, JSON.stringify(user_name))
      assert.match(reply.message, /user_name/)
    }
    assert.equal((await register({ email: newEmail(), password: GOOD_PASSWORD, user_name: '张三 li' })).ret_code, 0, 'letters of any script')
  })

  it('refuses a password that fails the policy with 1500 naming the rule', async () => {
    const email = newEmail()
    assert.match((await register({ email, password: 'short1' })).message, /^RegisterFailed, the password must be 8 to 128 characters long$/)
    assert.match((await register({ email, password: 'lettersonly' })).message, /^RegisterFailed, the password must contain both letters and digits$/)
    assert.equal((await register({ email, password: 'lettersonly' })).ret_code, 1500)
    assert.equal(await userByEmail(email), undefined)
  })

  it('answers 1510 for an email already registered, whatever its case', async () => {
    const email = newEmail('dup')
    assert.equal((await register({ email, password: GOOD_PASSWORD })).ret_code, 0)
    const reply = await register({ email: email.toUpperCase(), password: GOOD_PASSWORD })
    assert.equal(reply.ret_code, 1510)
    assert.equal(reply.message, `UserAlreadyExisted, an account with email [${email}] already exists`)
    assert.equal((await mailsTo(t.store.db, t.box, email)).length, 1, 'the refused registration sent no mail')
  })

  it('lets only one of several racing registrations of an email succeed', async () => {
    const email = newEmail('race')
    const codes = (await Promise.all([1, 2, 3].map(() => register({ email, password: GOOD_PASSWORD })))).map((r) => r.ret_code).sort()
    assert.deepEqual(codes, [0, 1510, 1510])
  })

  it('answers 1500 while registration is closed', async () => {
    await setPlatformSetting(t.store.db, 'registration', 'closed')
    try {
      const email = newEmail()
      assert.deepEqual(await register({ email, password: GOOD_PASSWORD }), { ret_code: 1500, message: 'RegisterFailed, registration is closed' })
      assert.equal(await userByEmail(email), undefined)
    } finally {
      await setPlatformSetting(t.store.db, 'registration', 'open')
    }
  })

  it('needs a valid, unused, unexpired invite while registration is invite-only, and uses it up', async () => {
    await setPlatformSetting(t.store.db, 'registration', 'invite')
    try {
      const invalid = /^RegisterFailed, registration needs an invitation/
      assert.match((await register({ email: newEmail(), password: GOOD_PASSWORD })).message, invalid)
      assert.match((await register({ email: newEmail(), password: GOOD_PASSWORD, invite_code: 'made-up' })).message, invalid)
      await addInvite('expired-code', formatTime(t.clock.now()))
      assert.equal((await register({ email: newEmail(), password: GOOD_PASSWORD, invite_code: 'expired-code' })).ret_code, 1500)

      await addInvite('good-code', inOneDay())
      const email = newEmail('invited')
      const reply = await register({ email, password: GOOD_PASSWORD, invite_code: 'good-code' })
      assert.equal(reply.ret_code, 0, reply.message)
      const invite = await t.store.db.selectFrom('invites').selectAll().where('code_hash', '=', hashToken('good-code')).executeTakeFirstOrThrow()
      assert.equal(invite.used_by, reply.user_id)
      assert.equal((await register({ email: newEmail(), password: GOOD_PASSWORD, invite_code: 'good-code' })).ret_code, 1500, 'one code, one account')
    } finally {
      await setPlatformSetting(t.store.db, 'registration', 'open')
    }
  })

  it('does not use up an invite when the registration fails for another reason', async () => {
    await setPlatformSetting(t.store.db, 'registration', 'invite')
    try {
      await addInvite('kept-code', inOneDay())
      const taken = newEmail('taken')
      await t.store.db
        .insertInto('users')
        .values({ user_id: 'usr-taken001', email: taken, user_name: 'x', role: 'user', status: 'active', create_time: '', status_time: '', password_hash: '', failed_logins: 0, locked_until: '', verify_time: '' })
        .execute()
      assert.equal((await register({ email: taken, password: GOOD_PASSWORD, invite_code: 'kept-code' })).ret_code, 1510)
      assert.equal((await register({ email: newEmail(), password: GOOD_PASSWORD, invite_code: 'kept-code' })).ret_code, 0)
    } finally {
      await setPlatformSetting(t.store.db, 'registration', 'open')
    }
  })

  it('registers one account per invite when two people race with the same code', async () => {
    await setPlatformSetting(t.store.db, 'registration', 'invite')
    try {
      await addInvite('race-code', inOneDay())
      const replies = await Promise.all([1, 2, 3].map(() => register({ email: newEmail('racer'), password: GOOD_PASSWORD, invite_code: 'race-code' })))
      assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 1500, 1500])
      const winner = replies.find((r) => r.ret_code === 0)!
      const users = await t.store.db.selectFrom('users').select('user_id').where('email', 'like', 'racer%').execute()
      assert.deepEqual(
        users.map((u) => u.user_id),
        [winner.user_id],
        'the losers left no account behind',
      )
    } finally {
      await setPlatformSetting(t.store.db, 'registration', 'open')
    }
  })

  it('validates its parameters (1100)', async () => {
    assert.equal((await register({ password: GOOD_PASSWORD })).ret_code, 1100)
    assert.equal((await register({ email: newEmail() })).ret_code, 1100)
  })
})
