// The console's decoder of GetMonitor's compressed series (console/src/api/series.ts), on the
// worked examples of the monitoring reference (§2.4): padding from start_time, a `[span, v]` gap,
// "NA" slots, and pair meters whose offsets are `[span, [a, b]]` while a bare `[a, b]` is a value.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { component, decodeSeries } from '../../console/src/api/series.ts'

const T0 = 1704067200 // 2024-01-01T00:00:00Z
const at = (minutes: number) => (T0 + minutes * 60) * 1000

describe('console series decoder', () => {
  it('pads to the first point, fills a span with gaps and turns NA into a gap', () => {
    const points = decodeSeries([[T0 + 900, 35], 40, [1800, 52], 47, 'NA', 44], 300, T0 * 1000)
    const byMinute = points.map((p) => [(p.t - T0 * 1000) / 60000, p.v])
    assert.deepEqual(byMinute, [
      [0, null],
      [5, null],
      [10, null],
      [15, 35],
      [20, 40],
      [25, null],
      [30, null],
      [35, null],
      [40, null],
      [45, null],
      [50, 52],
      [55, 47],
      [60, null],
      [65, 44],
    ])
  })

  it('reads a pair meter: [span, [a, b]] is an offset, a bare [a, b] a value', () => {
    const points = decodeSeries(
      [
        [T0, [1200, 800]],
        [1300, 900],
        [1800, [0, 0]],
        [10, 20],
      ],
      300,
    )
    assert.deepEqual(
      points.filter((p) => p.v !== null).map((p) => [p.t, p.v]),
      [
        [at(0), [1200, 800]],
        [at(5), [1300, 900]],
        [at(35), [0, 0]],
        [at(40), [10, 20]],
      ],
    )
    assert.deepEqual(
      component(points, 1).map((p) => p.v),
      [800, 900, null, null, null, null, null, 0, 20],
    )
  })

  it('answers no points for an empty series', () => {
    assert.deepEqual(decodeSeries([], 300, T0 * 1000), [])
  })
})
