import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApiError } from '../../errors.ts'
import { addMonths, durationLabel, periodEnd, periodPrice, planOf } from './contract.ts'

const leaseFailed = (message: RegExp) => (error: unknown) => error instanceof ApiError && error.errorName === 'LeaseFailed' && message.test(error.detail)

describe('lease plans', () => {
  it('defaults to pay-as-you-go, and a term without a charge mode means prepaid', () => {
    assert.deepEqual(planOf({}), { charge_mode: 'elastic', months: 0, auto_renew: true })
    assert.deepEqual(planOf({ duration: '1h' }), { charge_mode: 'elastic', months: 0, auto_renew: true })
    assert.deepEqual(planOf({ duration: '3m' }), { charge_mode: 'monthly', months: 3, auto_renew: true })
    assert.deepEqual(planOf({ charge_mode: 'monthly', duration: '1y', auto_renew: 0 }), { charge_mode: 'monthly', months: 12, auto_renew: false })
    assert.deepEqual(planOf({ months: 6 }), { charge_mode: 'monthly', months: 6, auto_renew: true })
  })

  it('refuses what cannot be leased with 2200, naming the parameter', () => {
    assert.throws(() => planOf({ charge_mode: 'yearly' }), leaseFailed(/^charge_mode \[yearly\] is not supported/))
    assert.throws(() => planOf({ charge_mode: 'monthly' }), leaseFailed(/needs a duration/))
    assert.throws(() => planOf({ charge_mode: 'monthly', duration: '2w' }), leaseFailed(/^duration \[2w\] is not a prepaid term/))
    assert.throws(() => planOf({ charge_mode: 'monthly', duration: '37m' }), leaseFailed(/^duration \[37m\]/))
    assert.throws(() => planOf({ charge_mode: 'elastic', duration: '1m' }), leaseFailed(/charged by the hour/))
    assert.throws(() => planOf({ months: 0 }), leaseFailed(/^months \[0\]/))
    assert.throws(() => planOf({ duration: '2m', months: 3 }), leaseFailed(/disagree/))
  })

  it('runs terms on the calendar, clamping to the end of a shorter month', () => {
    assert.equal(addMonths(new Date('2026-01-15T08:00:00Z'), 1).toISOString(), '2026-02-15T08:00:00.000Z')
    assert.equal(addMonths(new Date('2026-01-31T08:00:00Z'), 1).toISOString(), '2026-02-28T08:00:00.000Z')
    assert.equal(addMonths(new Date('2028-01-31T00:00:00Z'), 1).toISOString(), '2028-02-29T00:00:00.000Z')
    assert.equal(addMonths(new Date('2026-11-30T23:59:59Z'), 3).toISOString(), '2027-02-28T23:59:59.000Z')
    assert.equal(periodEnd({ charge_mode: 'elastic', months: 0 }, new Date('2026-01-15T08:00:00Z')).toISOString(), '2026-01-15T09:00:00.000Z')
  })

  it('prices a period and names it', () => {
    assert.equal(periodPrice({ charge_mode: 'elastic', months: 0 }, 700), 700)
    assert.equal(periodPrice({ charge_mode: 'monthly', months: 3 }, 700), 700 * 720 * 3)
    assert.deepEqual([durationLabel({ charge_mode: 'elastic', months: 0 }), durationLabel({ charge_mode: 'monthly', months: 3 }), durationLabel({ charge_mode: 'monthly', months: 24 })], ['1h', '3m', '2y'])
  })
})
