// Mail bodies at rest: with SMTP unset (the default) the verification mail stays in the outbox, but
// its body is sealed with the master key. Whoever reads the database sees no token; an admin's
// DescribeOutbox opens it, and the token it shows works. Rows from before sealing are sealed at
// the next start.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GOOD_PASSWORD, newEmail } from '../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { VERIFY_SUBJECT } from '../accounts/account.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const rawRows = (email: string) => t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', email).execute()

describe('the outbox at rest', () => {
  it('keeps no token in clear: the stored body is sealed, DescribeOutbox opens it, and its token verifies the account', async () => {
    const email = newEmail('sealed')
    assert.equal((await t.account('Register', { email, password: GOOD_PASSWORD })).body.ret_code, 0)

    const rows = await rawRows(email)
    assert.equal(rows.length, 1)
    const stored = JSON.stringify(rows)
    assert.doesNotMatch(stored, /token=|VerifyEmail|registered a QingLocal account/, 'nothing of the body is readable in the store')
    assert.equal(rows[0]!.subject, VERIFY_SUBJECT, 'the subject is a fixed text and stays clear')
    assert.equal(rows[0]!.sealed, 1)

    const [mail] = (await t.admin_call('DescribeOutbox', { to_address: email })).mail_set
    assert.deepEqual(Object.keys(mail).sort(), ['body', 'create_time', 'error', 'mail_id', 'status', 'subject', 'to_address'])
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1]
    assert.ok(token, mail.body)
    assert.ok(!stored.includes(token))
    assert.equal((await t.account('VerifyEmail', { token })).body.ret_code, 0)
  })

  it('seals, at start-up, the clear bodies of mail written before bodies were sealed', async () => {
    const email = newEmail('old-mail')
    await t.store.db
      .insertInto('outbox')
      .values([
        { mail_id: 'mail-old00001', to_address: email, subject: VERIFY_SUBJECT, body: 'token=an-old-clear-token', sealed: 0, create_time: '2026-01-15T07:00:00Z', status: 'kept', error: '' },
        { mail_id: 'mail-old00002', to_address: email, subject: VERIFY_SUBJECT, body: '', sealed: 0, create_time: '2026-01-15T07:01:00Z', status: 'sent', error: '' },
      ])
      .execute()
    // a restart on the same store and master key
    const again = await startTestApp({ store: t.store, box: t.box })
    try {
      const rows = await rawRows(email)
      assert.deepEqual(
        rows.map((r) => r.sealed),
        [1, 1],
      )
      assert.doesNotMatch(JSON.stringify(rows), /an-old-clear-token/)
      const mails = (await again.admin_call('DescribeOutbox', { to_address: email })).mail_set as Array<{ body: string }>
      assert.deepEqual(
        mails.map((m) => m.body),
        ['', 'token=an-old-clear-token'],
      )
    } finally {
      await again.close()
    }
  })
})
