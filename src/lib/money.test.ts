import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatYuan, parseYuan, prorate } from './money.ts'

describe('money', () => {
  it('formats minor units as QingCloud prints yuan: at least two decimals, at most four', () => {
    assert.deepEqual([0, 1, 100, 1117, 125000, 3103700, -5, 10000].map(formatYuan), ['0.00', '0.0001', '0.01', '0.1117', '12.50', '310.37', '-0.0005', '1.00'])
    assert.throws(() => formatYuan(0.5), /not an amount/)
  })

  it('parses yuan strings exactly and refuses everything else', () => {
    assert.deepEqual(['12.5', '0.0001', '-3.20', '100000', '0'].map(parseYuan), [125000, 1, -32000, 1_000_000_000, 0])
    for (const bad of ['1e3', '0.00001', '', ' 1', '1.', '.5', '+1', '1,5', '10000000000000']) assert.equal(parseYuan(bad), undefined, bad)
  })

  it('prorates with the rounding direction asked for, exactly beyond 2^53', () => {
    assert.equal(prorate(700, 1_800_000, 3_600_000, 'up'), 350)
    assert.equal(prorate(700, 1, 3_600_000, 'up'), 1)
    assert.equal(prorate(700, 1, 3_600_000, 'down'), 0)
    assert.equal(prorate(700, 3_599_999, 3_600_000, 'down'), 699)
    // a year of a large monthly price in milliseconds: the product passes 2^53
    const big = 9_000_000_000
    assert.equal(prorate(big, 31_536_000_000 - 1, 31_536_000_000, 'down'), big - 1)
  })
})
