import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { newAccessKey, sessionUser } from '../../../../test/support/fixtures-access-keys.ts'
import { launch } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('GetBalance', () => {
  it("answers the caller's wallet as a yuan string, with no bonus and no coupons, without a zone", async () => {
    const reply = await t.send({ params: { action: 'GetBalance' } })
    assert.equal(reply.body.ret_code, 0, reply.body.message)
    assert.deepEqual(reply.body, { action: 'GetBalanceResponse', ret_code: 0, user_id: t.user.user_id, balance: '100000.00', bonus: '0.00', coupons: [] })
  })

  it("goes down by exactly what a charge took: a c1m1 instance's first hour is 0.07", async () => {
    await launch(t)
    const reply = await t.call('GetBalance', { zone: 'sh1a' })
    assert.equal(reply.balance, '99999.93')
    assert.equal((await t.call('GetBalance', { user: t.user.user_id })).balance, '99999.93')
  })

  it('answers 0.00 for a user who never had money (no wallet yet)', async () => {
    const person = await sessionUser(t)
    const key = await newAccessKey(t, person.token)
    const reply = await t.call('GetBalance', {}, { key })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual([reply.user_id, reply.balance, reply.bonus], [person.user_id, '0.00', '0.00'])
    assert.equal(await t.store.db.selectFrom('wallets').select('user_id').where('user_id', '=', person.user_id).executeTakeFirst(), undefined, 'reading a balance creates no wallet')
  })

  it('answers 1400 when a normal user names another user', async () => {
    const reply = await t.call('GetBalance', { user: t.admin.user_id })
    assert.equal(reply.ret_code, 1400)
    assert.equal(reply.message, `PermissionDenied, access denied for user [${t.admin.user_id}], you may only see your own billing`)
  })

  it("lets an administrator read any user's balance, and answers 2100 for a user that does not exist", async () => {
    const reply = await t.call('GetBalance', { user: t.user.user_id }, { key: t.admin })
    assert.deepEqual([reply.ret_code, reply.user_id, reply.balance], [0, t.user.user_id, '99999.93'])
    const unknown = await t.call('GetBalance', { user: 'usr-nobody00' }, { key: t.admin })
    assert.equal(unknown.ret_code, 2100)
    assert.equal(unknown.message, 'ResourceNotFound, user [usr-nobody00] not found')
  })
})
