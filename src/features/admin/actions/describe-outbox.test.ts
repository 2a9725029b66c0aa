import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
const mail = (mail_id: string, to_address: string, subject: string, create_time: string, status = 'kept', error = '') => ({ mail_id, to_address, subject, body: `Hello ${to_address}`, create_time, status, error })
/** The row as the outbox stores it: the body sealed with the master key. */
const stored = (row: ReturnType<typeof mail>) => ({ ...row, body: t.box.seal(row.body), sealed: 1 })

before(async () => {
  t = await startTestApp()
  await t.store.db
    .insertInto('outbox')
    .values(
      [
        mail('mail-00000001', 'ann@example.com', 'Verify your address', '2026-01-15T07:00:00Z'),
        mail('mail-00000002', 'ben@example.com', 'Verify your address', '2026-01-15T07:10:00Z', 'failed', 'connect ECONNREFUSED 127.0.0.1:25'),
        mail('mail-00000003', 'ann@example.com', 'Reset your password', '2026-01-15T07:20:00Z', 'sent'),
      ].map(stored),
    )
    .execute()
})
after(() => t.close())

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ids = (reply: Record<string, any>) => (reply.mail_set as Array<{ mail_id: string }>).map((m) => m.mail_id)

describe('DescribeOutbox', () => {
  it('lists every mail newest first, with its delivery status and error', async () => {
    const reply = await t.admin_call('DescribeOutbox')
    assert.equal(reply.total_count, 3)
    assert.deepEqual(ids(reply), ['mail-00000003', 'mail-00000002', 'mail-00000001'])
    assert.deepEqual(reply.mail_set[1], mail('mail-00000002', 'ben@example.com', 'Verify your address', '2026-01-15T07:10:00Z', 'failed', 'connect ECONNREFUSED 127.0.0.1:25'))
  })

  it('filters by to_address (any case) and pages', async () => {
    assert.deepEqual(ids(await t.admin_call('DescribeOutbox', { to_address: 'Ann@Example.com' })), ['mail-00000003', 'mail-00000001'])
    const page = await t.admin_call('DescribeOutbox', { to_address: 'ann@example.com', limit: 1, offset: 1 })
    assert.deepEqual([page.total_count, ids(page)], [2, ['mail-00000001']])
    assert.deepEqual(await t.admin_call('DescribeOutbox', { to_address: 'nobody@example.com' }), { action: 'DescribeOutboxResponse', ret_code: 0, total_count: 0, mail_set: [] })
  })

  it('shows the mail an action just queued (Register’s verification mail)', async () => {
    assert.equal((await t.account('Register', { email: 'New.Person@example.com', password: 'long enough 1' })).body.ret_code, 0)
    const [newest] = (await t.admin_call('DescribeOutbox', { to_address: 'new.person@example.com' })).mail_set
    assert.equal(newest.status, 'kept')
    assert.match(newest.body, /token=[A-Za-z0-9_-]{43}/)
  })

  it('rejects a negative offset (1100) and non-admin callers (1400)', async () => {
    assert.equal((await t.admin_call('DescribeOutbox', { offset: -1 })).ret_code, 1100)
    assert.equal((await t.admin_call('DescribeOutbox', {}, { key: t.user })).ret_code, 1400)
  })
})
