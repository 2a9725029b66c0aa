// The console's decoder of QingCloud's compressed monitor series (console/src/api/lb-series.ts)
// against monitoring.md §2.4's worked example and the server's own encoder (monitoring/series.ts
// compress): what the server writes, the console reads back slot for slot.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { decodeSeries, pick } from '../../console/src/api/lb-series.ts'
import { compress, type Point } from '../features/monitoring/series.ts'

const T0 = 1704068100

describe('console lb-series decoder', () => {
  test('scalar series: [t0, v], bare values one step on, [span, v] after a gap, "NA" an empty slot', () => {
    const points = decodeSeries([[T0, 35], 40, [1800, 52], 47, 'NA', 44], 300)
    assert.deepEqual(
      points.map((p) => [(p.t / 1000 - T0) / 300, p.v]),
      [
        [0, 35],
        [1, 40],
        [2, null],
        [3, null],
        [4, null],
        [5, null],
        [6, null],
        [7, 52],
        [8, 47],
        [9, null],
        [10, 44],
      ],
    )
  })

  test('pair series: a bare [a, b] is a value, only [span, [a, b]] is an offset', () => {
    const points = decodeSeries(
      [
        [T0, [1200, 800]],
        [1300, 900],
        [900, [0, 0]],
        [10, 20],
      ],
      300,
    )
    assert.deepEqual(
      points.map((p) => [(p.t / 1000 - T0) / 300, pick(p.v, 0), pick(p.v, 1)]),
      [
        [0, 1200, 800],
        [1, 1300, 900],
        [2, null, null],
        [3, null, null],
        [4, 0, 0],
        [5, 10, 20],
      ],
    )
  })

  test('reads back what the server compresses, gaps included', () => {
    const step = 300
    const slots = [0, 1, 2, 5, 6, 9]
    const points: Point[] = slots.map((i) => ({ t: T0 + i * step, v: [i * 10, i * 20] as const }))
    const decoded = decodeSeries(compress(points, step), step).filter((p) => p.v !== null)
    assert.deepEqual(
      decoded.map((p) => [p.t / 1000, pick(p.v, 0), pick(p.v, 1)]),
      points.map((p) => [p.t, (p.v as readonly number[])[0], (p.v as readonly number[])[1]]),
    )
  })

  test('a `|`-joined value gives its fields; nothing decodes to no points', () => {
    assert.equal(pick('12|3|4', 1), 3)
    assert.equal(pick(7, 1), null)
    assert.deepEqual(decodeSeries([], 300), [])
  })
})
