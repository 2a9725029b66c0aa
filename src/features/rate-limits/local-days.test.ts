// LocalDays: UTC days are computed without Intl (it maps ~8 MB of ICU data), and must be the same
// days Intl gives for Etc/UTC; other zones end their days at local midnight.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LocalDays } from './local-days.ts'

describe('LocalDays', () => {
  it('gives UTC the same days as Intl does for Etc/UTC, around midnight and across a leap day', () => {
    const instants = ['2026-01-15T00:00:00Z', '2026-01-15T23:59:59.999Z', '2028-02-28T23:59:59Z', '2028-02-29T12:00:00Z', '2026-12-31T23:59:59Z'].map(Date.parse)
    for (const ms of instants) {
      const utc = new LocalDays('UTC').dayOf(ms)
      assert.deepEqual(utc, new LocalDays('Etc/UTC').dayOf(ms), new Date(ms).toISOString())
      assert.equal(utc.key, new Date(ms).toISOString().slice(0, 10))
      assert.equal(utc.end - utc.start, 86_400_000)
    }
  })

  it('ends an Asia/Shanghai day at 16:00 UTC', () => {
    const day = new LocalDays('Asia/Shanghai').dayOf(Date.parse('2026-01-15T15:59:59Z'))
    assert.deepEqual(day, { key: '2026-01-15', start: Date.parse('2026-01-14T16:00:00Z'), end: Date.parse('2026-01-15T16:00:00Z') })
    assert.equal(new LocalDays('Asia/Shanghai').dayOf(Date.parse('2026-01-15T16:00:00Z')).key, '2026-01-16')
  })
})
