// Recharge: an administrator adds money to a wallet (or corrects it with a negative amount that
// leaves it at 0 or more), and money added resumes what arrears suspended.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { newAccessKey, sessionUser } from '../../../../test/support/fixtures-access-keys.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { balanceOf } from '../wallet.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const newUser = async () => {
  const { user_id, token } = await sessionUser(t)
  return { user_id, key: await newAccessKey(t, token) }
}
const recharge = (user: string, amount: string, extra: Record<string, unknown> = {}) => t.admin_call('Recharge', { user, amount, ...extra })

describe('Recharge', () => {
  it('adds and takes money in exact minor units, keeping a record of each', async () => {
    const { user_id } = await newUser()
    const first = await recharge(user_id, '12.5', { remarks: 'wire transfer 42' })
    assert.equal(first.ret_code, 0, first.message)
    assert.match(first.recharge_id, /^rc-[a-z0-9]{12}$/)
    assert.deepEqual({ ...first, recharge_id: '' }, { action: 'RechargeResponse', ret_code: 0, user_id, recharge_id: '', balance: '12.50', resumed: 0 })
    assert.equal((await recharge(user_id, '0.0001')).balance, '12.5001')
    const correction = await recharge(user_id, '-2.5001', { remarks: 'typo' })
    assert.deepEqual([correction.ret_code, correction.balance], [0, '10.00'])
    assert.equal(await balanceOf(t.store.db, user_id), 100_000)
    const rows = await t.store.db.selectFrom('recharges').select(['amount', 'balance_after', 'operator', 'remarks']).where('user_id', '=', user_id).orderBy('balance_after').execute()
    assert.deepEqual(
      rows.map((r) => [Number(r.amount), Number(r.balance_after), r.operator, r.remarks]),
      [
        [-25_001, 100_000, t.admin.user_id, 'typo'],
        [125_000, 125_000, t.admin.user_id, 'wire transfer 42'],
        [1, 125_001, t.admin.user_id, ''],
      ],
    )
  })

  it('refuses a negative amount that would take the balance below 0 (1100), and takes exactly all of it', async () => {
    const { user_id } = await newUser()
    await recharge(user_id, '10')
    const over = await recharge(user_id, '-10.0001')
    assert.deepEqual([over.ret_code, over.message], [1100, `InvalidRequestFormat, parameter amount -10.0001 exceeds the balance 10.00 of user [${user_id}], the balance would become negative`])
    assert.equal(await balanceOf(t.store.db, user_id), 100_000)
    const all = await recharge(user_id, '-10')
    assert.deepEqual([all.ret_code, all.balance], [0, '0.00'])
    // a user who never had money has a balance of 0: nothing to take
    const { user_id: poor } = await newUser()
    assert.equal((await recharge(poor, '-0.01')).ret_code, 1100)
  })

  it('resumes the leases arrears suspended, and the resources with them', async () => {
    const { user_id, key } = await newUser()
    assert.equal((await recharge(user_id, '0.07')).balance, '0.07')
    const ran = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })
    assert.equal(ran.ret_code, 0, ran.message)
    await t.settle()
    const instance = ran.instances[0] as string
    t.clock.advance(3_600_000)
    await t.bill()
    const status = async () => (await t.call('DescribeInstances', { instances: [instance] }, { key })).instance_set[0].status
    assert.equal(await status(), 'suspended')
    // taking money resumes nothing (and there is nothing to take)
    const resumed = await recharge(user_id, '1')
    assert.deepEqual([resumed.ret_code, resumed.balance, resumed.resumed], [0, '0.93', 1])
    assert.equal(await status(), 'running')
  })

  it('answers 1100 for a missing, zero or malformed amount or long remarks, 2100 for an unknown user', async () => {
    const { user_id } = await newUser()
    for (const amount of ['0', '0.00', '-0', 'abc', '1.23456', '1e3', '+5', ' 5', '10000000000000']) {
      const reply = await recharge(user_id, amount)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, invalid parameter value amount [${amount}], expected yuan other than 0 with up to 4 decimals, such as 100 or -0.5`], amount)
    }
    const missing = await t.admin_call('Recharge', { user: user_id })
    assert.deepEqual([missing.ret_code, missing.message], [1100, 'InvalidRequestFormat, missing parameter amount'])
    const noUser = await t.admin_call('Recharge', { amount: '1' })
    assert.deepEqual([noUser.ret_code, noUser.message], [1100, 'InvalidRequestFormat, missing parameter user'])
    const long = await recharge(user_id, '1', { remarks: 'x'.repeat(256) })
    assert.deepEqual([long.ret_code, long.message], [1100, 'InvalidRequestFormat, parameter remarks has an invalid length'])
    assert.equal((await recharge(user_id, '1', { remarks: 'x'.repeat(255) })).ret_code, 0)
    const unknown = await recharge('usr-NotThere', '1')
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, user [usr-NotThere] not found'])
    assert.equal(await t.store.db.selectFrom('wallets').select('user_id').where('user_id', '=', 'usr-NotThere').executeTakeFirst(), undefined)
    assert.equal(await balanceOf(t.store.db, user_id), 10_000)
  })
})
