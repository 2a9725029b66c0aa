import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { hashToken } from '../../../lib/tokens.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { GOOD_PASSWORD, newEmail } from '../../../../test/support/fixtures-accounts.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ config: { registration: 'invite' } })
})
after(() => t.close())

const registerWith = async (invite_code: string) => (await t.account('Register', { email: newEmail('invited'), password: GOOD_PASSWORD, invite_code })).body

describe('CreateInvite', () => {
  it('hands out a random code once, stores only its hash, valid 72 hours by default', async () => {
    const reply = await t.admin_call('CreateInvite')
    assert.equal(reply.ret_code, 0, reply.message)
    assert.match(reply.invite_code, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(reply.expires_at, '2026-01-18T08:00:00Z')
    const rows = await t.store.db.selectFrom('invites').selectAll().execute()
    assert.deepEqual(rows, [{ code_hash: hashToken(reply.invite_code), created_by: t.admin.user_id, create_time: '2026-01-15T08:00:00Z', expires_at: '2026-01-18T08:00:00Z', used_by: '' }])
    assert.notEqual((await t.admin_call('CreateInvite')).invite_code, reply.invite_code)
  })

  it('lets exactly one person register while registration is invite-only', async () => {
    const { invite_code } = await t.admin_call('CreateInvite')
    const first = await registerWith(invite_code)
    assert.equal(first.ret_code, 0, first.message)
    assert.equal((await registerWith(invite_code)).ret_code, 1500)
  })

  it('expires after expires_in_hours', async () => {
    const { invite_code, expires_at } = await t.admin_call('CreateInvite', { expires_in_hours: 1 })
    assert.equal(new Date(expires_at).getTime() - t.clock.now().getTime(), 3600_000)
    t.clock.advance(3600_000)
    assert.equal((await registerWith(invite_code)).ret_code, 1500)
  })

  it('rejects a lifetime outside 1 hour to 90 days (1100) and non-admin callers (1400)', async () => {
    for (const hours of [0, -5, 24 * 90 + 1, 'soon']) assert.equal((await t.admin_call('CreateInvite', { expires_in_hours: hours })).ret_code, 1100, String(hours))
    assert.equal((await t.admin_call('CreateInvite', { expires_in_hours: 24 * 90 })).ret_code, 0)
    const count = async () =>
      (
        await t.store.db
          .selectFrom('invites')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    const before = await count()
    assert.equal((await t.admin_call('CreateInvite', {}, { key: t.user })).ret_code, 1400)
    assert.equal(await count(), before)
  })
})
