import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertUser, now } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const statusOf = async (userId: string) => await t.store.db.selectFrom('users').select(['status', 'status_time']).where('user_id', '=', userId).executeTakeFirstOrThrow()

describe('UnbanUsers', () => {
  it('returns a verified account to active and a never-verified one to unverified', async () => {
    const verified = await insertUser(t)
    const unverified = await insertUser(t, { status: 'unverified' })
    assert.equal((await t.admin_call('BanUsers', { users: [verified.user_id, unverified.user_id] })).ret_code, 0)
    t.clock.advance(5000)
    const unbannedAt = now(t)
    const reply = await t.admin_call('UnbanUsers', { users: [verified.user_id, unverified.user_id] })
    assert.deepEqual(reply, { action: 'UnbanUsersResponse', ret_code: 0, users: [verified.user_id, unverified.user_id] })
    const after = [await statusOf(verified.user_id), await statusOf(unverified.user_id)]
    assert.deepEqual(
      after.map((s) => s.status),
      ['active', 'unverified'],
    )
    assert.ok(after.every((s) => s.status_time === unbannedAt))
  })

  it('leaves users who are not banned as they are', async () => {
    const active = await insertUser(t)
    t.clock.advance(1000)
    assert.equal((await t.admin_call('UnbanUsers', { users: [active.user_id] })).ret_code, 0)
    assert.deepEqual(await statusOf(active.user_id), { status: 'active', status_time: active.status_time })
  })

  it('answers 2100 for an unknown user and unbans nobody', async () => {
    const banned = await insertUser(t, { status: 'banned' })
    const reply = await t.admin_call('UnbanUsers', { users: [banned.user_id, 'usr-NotThere'] })
    assert.equal(reply.ret_code, 2100)
    assert.match(reply.message, /usr-NotThere/)
    assert.equal((await statusOf(banned.user_id)).status, 'banned')
  })

  it('is for administrators only (1400)', async () => {
    const banned = await insertUser(t, { status: 'banned' })
    assert.equal((await t.admin_call('UnbanUsers', { users: [banned.user_id] }, { key: t.user })).ret_code, 1400)
    assert.equal((await statusOf(banned.user_id)).status, 'banned')
  })
})
