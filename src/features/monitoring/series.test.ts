// The monitoring source's generic parts: the window's slots and limits, a life's spans from leases
// and statuses, coverage, and the compression (round-tripped through the grammar's decoder in
// test/support/monitor-fixtures.ts, "NA" and gaps included).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ApiError } from '../../errors.ts'
import { at, decode } from '../../../test/support/monitor-fixtures.ts'
import { compress, coverage, lifeSpans, minus, monitorWindow, NA, type Point, sample } from './series.ts'
import { noise, seedOf } from './signal.ts'

const NOW = new Date('2026-01-15T08:00:00Z')

describe('monitoring series', () => {
  it('cuts a window into slots on multiples of the step, up to now', () => {
    assert.deepEqual(monitorWindow({ step: '5m', start_time: '2026-01-15T06:01:49Z', end_time: '2026-01-15T07:22:49.500Z' }, NOW), { step: '5m', seconds: 300, first: at('2026-01-15T06:05:00Z'), last: at('2026-01-15T07:20:00Z') })
    assert.deepEqual(monitorWindow({ step: '1d', start_time: '2026-01-01T00:00:00Z', end_time: '2026-02-01T00:00:00Z' }, NOW), { step: '1d', seconds: 86400, first: at('2026-01-01T00:00:00Z'), last: at('2026-01-15T00:00:00Z') })
    // exactly 5000 slots pass, 5001 do not
    assert.equal(monitorWindow({ step: '2h', start_time: '2024-11-02T00:00:00Z', end_time: new Date(at('2024-11-02T00:00:00Z') * 1000 + 4999 * 7_200_000).toISOString() }, NOW).step, '2h')
    assert.throws(
      () => monitorWindow({ step: '2h', start_time: '2024-11-02T00:00:00Z', end_time: new Date(at('2024-11-02T00:00:00Z') * 1000 + 5000 * 7_200_000).toISOString() }, NOW),
      (e: ApiError) => e.code === 1100 && /holds 5001 points/.test(e.message),
    )
    assert.throws(() => monitorWindow({ step: '', start_time: '2026-01-15T06:00:00Z', end_time: '2026-01-15T07:00:00Z' }, NOW), /parameter step should be one of 5m, 15m, 2h, 1d, got \[\]/)
  })

  it('reads a life from its leases inside [created, ended), or from created on without leases', () => {
    const spans = lifeSpans({
      created: '2026-01-15T01:00:00Z',
      ended: '2026-01-15T05:00:00Z',
      leases: [
        { lease_time: '2026-01-15T03:00:00Z', end_time: null },
        { lease_time: '2026-01-15T01:00:00Z', end_time: '2026-01-15T02:00:00Z' },
      ],
    })
    assert.deepEqual(spans, [
      { from: at('2026-01-15T01:00:00Z'), to: at('2026-01-15T02:00:00Z') },
      { from: at('2026-01-15T03:00:00Z'), to: at('2026-01-15T05:00:00Z') },
    ])
    assert.deepEqual(lifeSpans({ created: '2026-01-15T01:00:00Z', leases: [] }), [{ from: at('2026-01-15T01:00:00Z'), to: Infinity }])
    // a stop from 03:30 to 04:00 cuts the second span in two; stops before or after the life change nothing
    assert.deepEqual(
      minus(spans, [
        { from: at('2026-01-15T00:00:00Z'), to: at('2026-01-15T00:30:00Z') },
        { from: at('2026-01-15T03:30:00Z'), to: at('2026-01-15T04:00:00Z') },
        { from: at('2026-01-15T06:00:00Z'), to: Infinity },
      ]),
      [
        { from: at('2026-01-15T01:00:00Z'), to: at('2026-01-15T02:00:00Z') },
        { from: at('2026-01-15T03:00:00Z'), to: at('2026-01-15T03:30:00Z') },
        { from: at('2026-01-15T04:00:00Z'), to: at('2026-01-15T05:00:00Z') },
      ],
    )
    assert.deepEqual(minus([{ from: 0, to: Infinity }], [{ from: 100, to: Infinity }]), [{ from: 0, to: 100 }])
    // the step ending 01:05 is half inside a life starting 01:02:30
    assert.equal(coverage([{ from: at('2026-01-15T01:02:30Z'), to: Infinity }], at('2026-01-15T01:05:00Z'), 300), 0.5)
  })

  it('compresses points into [t0, v], bare values, [span, v] after gaps and bare "NA", and decodes back', () => {
    const t0 = at('2024-01-01T00:15:00Z')
    const points: Point[] = [
      { t: t0 - 600, v: NA }, // an "NA" cannot start a series: dropped
      { t: t0, v: [1200, 800] },
      { t: t0 + 300, v: [1300, 900] },
      { t: t0 + 2100, v: [0, 0] },
      { t: t0 + 2400, v: NA },
      { t: t0 + 2700, v: [10, 20] },
      { t: t0 + 3600, v: NA }, // after a gap: dropped
      { t: t0 + 3900, v: [5, 6] },
    ]
    const data = compress(points, 300)
    assert.deepEqual(data, [[t0, [1200, 800]], [1300, 900], [1800, [0, 0]], 'NA', [10, 20], [1200, [5, 6]]])
    assert.deepEqual(decode(data, '5m'), [
      [t0, [1200, 800]],
      [t0 + 300, [1300, 900]],
      [t0 + 2100, [0, 0]],
      [t0 + 2400, null],
      [t0 + 2700, [10, 20]],
      [t0 + 3900, [5, 6]],
    ])
    const scalar = compress(
      [
        { t: 600, v: 35 },
        { t: 900, v: 40 },
        { t: 2700, v: 52 },
        { t: 3000, v: 'a|1' },
      ],
      300,
    )
    assert.deepEqual(scalar, [[600, 35], 40, [1800, 52], 'a|1'])
    assert.deepEqual(compress([], 300), [])
  })

  it('samples only the slots a life touches, and the same seed, time and draw give the same noise', () => {
    const window = monitorWindow({ step: '5m', start_time: '2026-01-15T06:00:00Z', end_time: '2026-01-15T07:00:00Z' }, NOW)
    const points = sample(window, [{ from: at('2026-01-15T06:12:00Z'), to: at('2026-01-15T06:31:00Z') }], (_t, c) => Math.round(c * 100))
    assert.deepEqual(
      points.map((p) => [p.t - at('2026-01-15T06:00:00Z'), p.v]),
      [
        [900, 60],
        [1200, 100],
        [1500, 100],
        [1800, 100],
        [2100, 20],
      ],
    )
    const seed = seedOf('lb-1', 'traffic')
    assert.equal(noise(seed, 1000, 2), noise(seedOf('lb-1', 'traffic'), 1000, 2))
    assert.notEqual(noise(seed, 1000, 2), noise(seed, 1300, 2))
    assert.ok(noise(seed, 1000, 2) >= 0 && noise(seed, 1000, 2) < 1)
  })
})
