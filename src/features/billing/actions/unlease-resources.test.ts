// UnleaseResources: an administrator ends prepaid terms early so that their owners can delete the
// resources; the unused part of the term comes back when asked (rounded down), and the lease
// carries on pay-as-you-go from the first hour, charged at once.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { newAccessKey, sessionUser } from '../../../../test/support/fixtures-access-keys.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { balanceOf } from '../wallet.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const DAY = 86_400_000
const newUser = async (yuan: string) => {
  const { user_id, token } = await sessionUser(t)
  const key = await newAccessKey(t, token)
  const funded = await t.admin_call('Recharge', { user: user_id, amount: yuan })
  assert.equal(funded.ret_code, 0, funded.message)
  return { user_id, key }
}
type Key = Awaited<ReturnType<typeof newUser>>['key']
const runOne = async (key: Key, params: Record<string, unknown> = {}) => {
  const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', ...params }, { key })
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.instances[0] as string
}
const balance = (userId: string) => balanceOf(t.store.db, userId)
const leaseOf = async (resourceId: string) => {
  const l = await t.store.db.selectFrom('leases').selectAll().where('resource_id', '=', resourceId).executeTakeFirstOrThrow()
  return { charge_mode: l.charge_mode, months: Number(l.months), price: Number(l.price), status: l.status, contract_time: l.contract_time, renewal_time: l.renewal_time }
}
const chargesOf = async (resourceId: string) =>
  (await t.store.db.selectFrom('charge_records').select(['start_time', 'end_time', 'fee', 'remarks']).where('resource_id', '=', resourceId).orderBy('create_time').orderBy('fee', 'desc').execute()).map((r) => [
    r.start_time,
    r.end_time,
    Number(r.fee),
    r.remarks,
  ])
const unlease = (resources: string[], extra: Record<string, unknown> = {}) => t.admin_call('UnleaseResources', { zone: 'pek3a', resources, ...extra })

describe('UnleaseResources', () => {
  it('ends a prepaid term early with the unused part refunded, so the owner can terminate the instance', async () => {
    const { user_id, key } = await newUser('100')
    const instance = await runOne(key, { charge_mode: 'monthly', duration: '1m' })
    // 0.07 an hour × 720 hours, up front
    assert.equal(await balance(user_id), 1_000_000 - 504_000)

    const refused = await t.call('TerminateInstances', { instances: [instance] }, { key })
    assert.deepEqual([refused.ret_code, refused.message], [2300, `UnleaseFailed, instance [${instance}] is prepaid until 2026-02-15T08:00:00Z and can not be deleted before then`])

    t.clock.advance(10 * DAY)
    const reply = await unlease([instance], { refund: 1 })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(reply.resources, [instance])
    // 21 of the term's 31 days come back, rounded down: 504000 × 21 / 31 = 341419.35…; the first pay-as-you-go hour is 700
    assert.equal(await balance(user_id), 1_000_000 - 504_000 + 341_419 - 700)
    assert.deepEqual(await leaseOf(instance), { charge_mode: 'elastic', months: 0, price: 700, status: 'active', contract_time: '2026-01-25T08:00:00Z', renewal_time: '2026-01-25T09:00:00Z' })
    assert.deepEqual(await chargesOf(instance), [
      ['2026-01-15T08:00:00Z', '2026-02-15T08:00:00Z', 504_000, 'prepaid term'],
      ['2026-01-25T08:00:00Z', '2026-01-25T09:00:00Z', 700, 'hourly charge'],
      ['2026-01-25T08:00:00Z', '2026-02-15T08:00:00Z', -341_419, 'unused prepaid term refunded'],
    ])

    // a quarter of the hour later the owner terminates it and gets the unused 45 minutes back
    t.clock.advance(15 * 60_000)
    const terminated = await t.call('TerminateInstances', { instances: [instance] }, { key })
    assert.equal(terminated.ret_code, 0, terminated.message)
    await t.settle()
    assert.equal(await balance(user_id), 1_000_000 - 504_000 + 341_419 - 700 + 525)
    assert.equal((await leaseOf(instance)).status, 'ended')
  })

  it('without refund the term is simply over: only the first pay-as-you-go hour is charged', async () => {
    const { user_id, key } = await newUser('60')
    const instance = await runOne(key, { months: 1 })
    t.clock.advance(DAY)
    assert.equal((await unlease([instance])).ret_code, 0)
    assert.equal(await balance(user_id), 600_000 - 504_000 - 700)
    assert.equal((await leaseOf(instance)).charge_mode, 'elastic')
  })

  it('handles the leases of several owners in one call, each paid from its owner’s wallet', async () => {
    const alice = await newUser('100')
    const bob = await newUser('100')
    const instance = await runOne(alice.key, { charge_mode: 'monthly', duration: '1m' })
    const created = await t.call('CreateVolumes', { size: 20, volume_type: 0, charge_mode: 'monthly', duration: '1m' }, { key: bob.key })
    assert.equal(created.ret_code, 0, created.message)
    await t.settle()
    const volume = created.volumes[0] as string
    // 20 GB × 0.001 × 720
    assert.equal(await balance(bob.user_id), 1_000_000 - 144_000)
    // a day into the 31-day terms: 30/31 of each comes back, rounded down (487741.9…, 139354.8…)
    t.clock.advance(DAY)
    const reply = await unlease([volume, instance], { refund: 1 })
    assert.deepEqual([reply.ret_code, reply.resources], [0, [volume, instance]])
    assert.equal(await balance(alice.user_id), 1_000_000 - 504_000 + 487_741 - 700)
    assert.equal(await balance(bob.user_id), 1_000_000 - 144_000 + 139_354 - 200)
    const deleted = await t.call('DeleteVolumes', { volumes: [volume] }, { key: bob.key })
    assert.equal(deleted.ret_code, 0, deleted.message)
  })

  it('answers 2100 for a resource without a lease in the zone, 2300 for one that is not prepaid, and changes nothing', async () => {
    const { user_id, key } = await newUser('200')
    const monthly = await runOne(key, { charge_mode: 'monthly', duration: '1m' })
    const elastic = await runOne(key)
    const elsewhere = await runOne(key, { zone: 'sh1a', charge_mode: 'monthly', duration: '1m' })
    const before = await balance(user_id)
    t.clock.advance(1000)
    const notPrepaid = await unlease([monthly, elastic], { refund: 1 })
    assert.deepEqual([notPrepaid.ret_code, notPrepaid.message], [2300, `UnleaseFailed, instance [${elastic}] is not prepaid, its lease is already pay-as-you-go`])
    const unknown = await unlease([monthly, 'i-nothere1'])
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [i-nothere1] has no lease in zone [pek3a]'])
    const otherZone = await unlease([elsewhere])
    assert.deepEqual([otherZone.ret_code, otherZone.message], [2100, `ResourceNotFound, resource [${elsewhere}] has no lease in zone [pek3a]`])
    assert.equal(await balance(user_id), before)
    assert.equal((await leaseOf(monthly)).charge_mode, 'monthly')

    // ended leases are not open: after unleasing and terminating, the instance has none
    assert.equal((await unlease([monthly])).ret_code, 0)
    assert.equal((await t.call('TerminateInstances', { instances: [monthly] }, { key })).ret_code, 0)
    const gone = await unlease([monthly])
    assert.deepEqual([gone.ret_code, gone.message], [2100, `ResourceNotFound, resource [${monthly}] has no lease in zone [pek3a]`])
  })

  it('converts a term in the second it began: the whole term comes back and the first hour is charged', async () => {
    t.clock.set('2026-06-01T00:00:00Z')
    const { user_id, key } = await newUser('100')
    const instance = await runOne(key, { charge_mode: 'monthly', duration: '1m' })
    assert.equal((await unlease([instance], { refund: 1 })).ret_code, 0)
    assert.equal(await balance(user_id), 1_000_000 - 700)
    assert.deepEqual(await leaseOf(instance), { charge_mode: 'elastic', months: 0, price: 700, status: 'active', contract_time: '2026-06-01T00:00:00Z', renewal_time: '2026-06-01T01:00:00Z' })
  })

  it('settles a term that ended before the ticker ran, so no time between its end and now goes unbilled', async () => {
    t.clock.set('2026-07-01T08:00:00Z')
    const { user_id, key } = await newUser('100')
    const instance = await runOne(key, { charge_mode: 'monthly', duration: '1m', auto_renew: 0 })
    // the term ends 2026-08-01T08:00:00Z; the ticker has not run when the admin acts at 10:30
    t.clock.set('2026-08-01T10:30:00Z')
    assert.equal((await unlease([instance], { refund: 1 })).ret_code, 0)
    assert.deepEqual(
      (await chargesOf(instance)).slice(1).map((c) => [c[0], c[2]]),
      [
        ['2026-08-01T08:00:00Z', 700],
        ['2026-08-01T09:00:00Z', 700],
        ['2026-08-01T10:00:00Z', 700],
      ],
    )
    assert.equal(await balance(user_id), 1_000_000 - 504_000 - 3 * 700)
    assert.equal((await leaseOf(instance)).renewal_time, '2026-08-01T11:00:00Z')
  })

  it('answers 1100 for a malformed request and 1400 to a key that is not an admin’s', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ zone: 'pek3a' }, 'missing parameter resources'],
      [{ zone: 'pek3a', resources: ['i-a', 'i-a'] }, 'parameter resources lists [i-a] more than once'],
      [{ zone: 'pek3a', resources: ['i-a'], refund: 2 }, 'parameter refund value 2 is out of range, maximum 1'],
      [{ resources: ['i-a'] }, 'missing parameter zone'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.admin_call('UnleaseResources', params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`])
    }
    const user = await t.admin_call('UnleaseResources', { zone: 'pek3a', resources: ['i-a'] }, { key: t.user })
    assert.deepEqual([user.ret_code, user.message], [1400, `PermissionDenied, user [${t.user.user_id}] is not an administrator, action [UnleaseResources] needs one`])
  })
})
