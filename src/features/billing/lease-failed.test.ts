// 2200 LeaseFailed through the wire: a lease that cannot be made (a charge mode or term QingLocal
// does not offer) refuses the creation before anything is written.
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { balance, payingUser } from '../../../test/support/fixtures-billing.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

it('answers 2200 for a charge mode or duration that cannot be leased, and creates nothing', async () => {
  const { user_id, key } = await payingUser(t, 100)
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['RunInstances', { ...LINUX, instance_type: 'c1m1', charge_mode: 'yearly' }, 'charge_mode [yearly] is not supported, use elastic or monthly'],
    ['RunInstances', { ...LINUX, instance_type: 'c1m1', charge_mode: 'monthly' }, 'a monthly lease needs a duration (1m to 36m, 1y to 3y)'],
    ['CreateVolumes', { size: 20, duration: '2w' }, 'duration [2w] is not a prepaid term, use 1m to 36m or 1y to 3y'],
    ['CreateVolumes', { size: 20, months: 48 }, 'months [48] is not a prepaid term, use 1 to 36'],
  ]
  for (const [action, params, message] of cases) {
    const reply = await t.call(action, params, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2200, `LeaseFailed, ${message}`], action)
  }
  const made = await t.store.db.selectFrom('leases').select('lease_id').where('owner', '=', user_id).execute()
  assert.deepEqual(made, [])
  assert.equal(await balance(t, user_id), 1_000_000)
})
