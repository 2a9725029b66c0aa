// Mail delivery over real SMTP: a local smtp-server (the nodemailer project's server, a dev
// dependency) receives what QingLocal sends. Delivered mail is marked sent and its body blanked in
// the outbox; a server that refuses leaves the mail `failed` with the reason, and the action that
// queued it has still succeeded.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { VERIFY_SUBJECT } from '../accounts/account.ts'
import { GOOD_PASSWORD, newEmail } from '../../../test/support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { mailsTo } from './outbox.ts'

interface Received {
  from: string
  to: string[]
  data: string
}

function startSmtp(options: { refuse?: boolean } = {}): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuse) return callback(new Error('mailbox unavailable'))
      callback()
    },
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data })
        callback()
      })
    },
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port, received })))
}

/** Undoes the quoted-printable body encoding nodemailer picks for long lines. */
const quotedPrintable = (text: string) => text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  assert.fail(`timed out waiting until ${what}`)
}

describe('mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let t: TestApp
  before(async () => {
    smtp = await startSmtp()
    t = await startTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'QingLocal <noreply@qinglocal.test>' } })
  })
  after(async () => {
    await t.close()
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()))
  })

  it('delivers the verification mail, then keeps only its envelope in the outbox', async () => {
    const email = newEmail('smtp')
    assert.equal((await t.account('Register', { email, password: GOOD_PASSWORD })).body.ret_code, 0)
    await eventually(async () => smtp.received.length === 1, 'the SMTP server has the mail')
    const [mail] = smtp.received
    assert.deepEqual([mail!.from, mail!.to], ['noreply@qinglocal.test', [email]])
    assert.match(mail!.data, new RegExp(`Subject: ${VERIFY_SUBJECT}`))
    assert.match(quotedPrintable(mail!.data), /token=[A-Za-z0-9_-]{43}/)
    await eventually(async () => (await mailsTo(t.store.db, t.box, email))[0]?.status === 'sent', 'the outbox marks it sent')
    const [kept] = await mailsTo(t.store.db, t.box, email)
    assert.deepEqual([kept!.subject, kept!.body], [VERIFY_SUBJECT, ''])
  })
})

describe('mail over SMTP that the server refuses', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let t: TestApp
  before(async () => {
    smtp = await startSmtp({ refuse: true })
    t = await startTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}` } })
  })
  after(async () => {
    await t.close()
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()))
  })

  it('records the failure; the registration stands and the mail stays readable for the admin', async () => {
    const email = newEmail('refused')
    assert.equal((await t.account('Register', { email, password: GOOD_PASSWORD })).body.ret_code, 0)
    await eventually(async () => (await mailsTo(t.store.db, t.box, email))[0]?.status === 'failed', 'the outbox marks it failed')
    const [kept] = await mailsTo(t.store.db, t.box, email)
    assert.match(kept!.error, /mailbox unavailable/)
    assert.match(kept!.body, /token=/)
  })
})
