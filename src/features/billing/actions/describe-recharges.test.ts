// DescribeRecharges: every recharge and correction, newest first, with the balance it left and
// who made it; `users` narrows it, offset/limit page it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { sessionUser } from '../../../../test/support/fixtures-access-keys.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const recharge = async (user: string, amount: string, remarks?: string) => {
  const reply = await t.admin_call('Recharge', { user, amount, remarks })
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.recharge_id as string
}

describe('DescribeRecharges', () => {
  it('lists recharges newest first with amount, balance after, operator and remarks', async () => {
    // bootstrap gave the user a starting balance
    const start = await t.admin_call('DescribeRecharges', { users: [t.user.user_id] })
    assert.equal(start.ret_code, 0, start.message)
    assert.deepEqual(
      start.recharge_set.map((r: Record<string, unknown>) => ({ ...r, recharge_id: '' })),
      [{ recharge_id: '', user_id: t.user.user_id, amount: '100000.00', balance_after: '100000.00', operator: 'bootstrap', remarks: 'starting balance', create_time: '2026-01-15T08:00:00Z' }],
    )
    assert.equal(start.total_count, 1)

    const a = (await sessionUser(t)).user_id
    const b = (await sessionUser(t)).user_id
    t.clock.advance(60_000)
    const first = await recharge(a, '5', 'first')
    t.clock.advance(60_000)
    const other = await recharge(b, '3.25')
    t.clock.advance(60_000)
    const correction = await recharge(a, '-1.5', 'correction')

    const ofA = await t.admin_call('DescribeRecharges', { users: [a] })
    assert.deepEqual(ofA.recharge_set, [
      { recharge_id: correction, user_id: a, amount: '-1.50', balance_after: '3.50', operator: t.admin.user_id, remarks: 'correction', create_time: '2026-01-15T08:03:00Z' },
      { recharge_id: first, user_id: a, amount: '5.00', balance_after: '5.00', operator: t.admin.user_id, remarks: 'first', create_time: '2026-01-15T08:01:00Z' },
    ])
    assert.equal(ofA.total_count, 2)
    const ofBoth = await t.admin_call('DescribeRecharges', { users: [a, b] })
    assert.deepEqual(
      ofBoth.recharge_set.map((r: { recharge_id: string }) => r.recharge_id),
      [correction, other, first],
    )
    assert.equal(ofBoth.recharge_set[1].amount, '3.25')
  })

  it('pages with offset and limit; total_count counts every match', async () => {
    // 2 at start-up (the user's starting balance, the test admin's funds) and the 3 above
    const page1 = await t.admin_call('DescribeRecharges', { limit: 2 })
    assert.deepEqual([page1.total_count, page1.recharge_set.length], [5, 2])
    assert.deepEqual(
      page1.recharge_set.map((r: { create_time: string }) => r.create_time),
      ['2026-01-15T08:03:00Z', '2026-01-15T08:02:00Z'],
    )
    const last = await t.admin_call('DescribeRecharges', { offset: 4, limit: 2 })
    assert.deepEqual([last.total_count, last.recharge_set.length, last.recharge_set[0].create_time], [5, 1, '2026-01-15T08:00:00Z'])
    const nobody = await t.admin_call('DescribeRecharges', { users: ['usr-nobody1'] })
    assert.deepEqual([nobody.ret_code, nobody.recharge_set, nobody.total_count], [0, [], 0])
    const bad = await t.admin_call('DescribeRecharges', { offset: -1 })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, parameter offset value -1 is out of range, minimum 0'])
  })
})
