// The console's one decoder of QingCloud's compressed monitor series (console/src/api/monitor.ts),
// on the monitoring reference's worked examples (§2.4, decoded there with the Python SDK), the
// SDK's own rules (§3: "NA" anywhere is an empty slot, a pair meter's offsets are [span, [a, b]])
// and the server's own encoder (monitoring/series.ts compress): what the server writes, the
// console reads back slot for slot. Plus the helpers the charts share.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { component, decodeSeries, padWindow, pick, stepSeconds, utc } from '../../console/src/api/monitor.ts'
import { compress, type Point } from '../features/monitoring/series.ts'

const START = 1704067200 // 2024-01-01T00:00:00Z
const T0 = START + 900 // 00:15, the worked example's first valid point
const byMinute = (points: ReadonlyArray<{ t: number; v: unknown }>) => points.map((p) => [(p.t / 1000 - START) / 60, p.v])

describe('console monitor series decoding', () => {
  it('reads [t0, v], bare values one step on, [span, v] after a gap (every skipped slot empty) and "NA" as an empty slot', () => {
    assert.deepEqual(byMinute(decodeSeries([[T0, 35], 40, [1800, 52], 47, 'NA', 44], 300)), [
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

  it('pads from start_time to the first point, as the SDK does', () => {
    const points = decodeSeries([[T0, 35], 40, [1800, 52], 47, 'NA', 44], 300, START * 1000)
    assert.deepEqual(byMinute(points).slice(0, 5), [
      [0, null],
      [5, null],
      [10, null],
      [15, 35],
      [20, 40],
    ])
    assert.equal(points.length, 14)
  })

  it('reads a pair meter: a bare [a, b] is a value, only [span, [a, b]] an offset', () => {
    const points = decodeSeries(
      [
        [START, [1200, 800]],
        [1300, 900],
        [1800, [0, 0]],
        [10, 20],
      ],
      300,
    )
    assert.deepEqual(byMinute(points.filter((p) => p.v !== null)), [
      [0, [1200, 800]],
      [5, [1300, 900]],
      [35, [0, 0]],
      [40, [10, 20]],
    ])
    assert.deepEqual(
      component(points, 1).map((p) => p.v),
      [800, 900, null, null, null, null, null, 0, 20],
    )
    assert.deepEqual(
      component(points, 0).map((p) => p.v),
      [1200, 1300, null, null, null, null, null, 0, 10],
    )
  })

  it('a shorter pair gap: [900, [0, 0]] leaves two empty slots', () => {
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

  it('follows the SDK on "NA" inside a list: [900, "NA"] and [1, "NA"] are empty slots one step on, not offsets', () => {
    assert.deepEqual(byMinute(decodeSeries([[T0, 35], [900, 'NA'], 40], 300)), [
      [15, 35],
      [20, null],
      [25, 40],
    ])
    assert.deepEqual(
      byMinute(
        decodeSeries(
          [
            [T0, [1, 2]],
            [1, 'NA'],
            [3, 4],
          ],
          300,
        ),
      ),
      [
        [15, [1, 2]],
        [20, null],
        [25, [3, 4]],
      ],
    )
  })

  it('reads back what the server compresses, gaps included', () => {
    const step = 300
    const slots = [0, 1, 2, 5, 6, 9]
    const points: Point[] = slots.map((i) => ({ t: T0 + i * step, v: [i * 10, i * 20] as const }))
    const decoded = decodeSeries(compress(points, step), step)
    assert.equal(decoded.length, 10, 'one slot per step from the first point to the last')
    assert.deepEqual(
      decoded.filter((p) => p.v !== null).map((p) => [p.t / 1000, pick(p.v, 0), pick(p.v, 1)]),
      points.map((p) => [p.t, (p.v as readonly number[])[0], (p.v as readonly number[])[1]]),
    )
  })

  it('answers no points for an empty series and refuses one whose first element is not [t0, v]', () => {
    assert.deepEqual(decodeSeries([], 300, START * 1000), [])
    assert.throws(() => decodeSeries([35, 40], 300), /element 0/)
  })
})

describe('console monitor helpers', () => {
  it('picks a field of a pair, of a `|`-joined string, or a scalar', () => {
    assert.equal(pick('12|3|4', 1), 3)
    assert.equal(pick('/|18|3319|15816', 2), 3319)
    assert.equal(pick(7, 0), 7)
    assert.equal(pick(7, 1), null)
    assert.equal(pick([5, 6], 1), 6)
    assert.equal(pick(null, 0), null)
  })

  it('adds empty points at the window ends the data does not reach, and none where it does', () => {
    assert.deepEqual(padWindow([{ t: 5, v: 1 }], 0, 10), [
      { t: 0, v: null },
      { t: 5, v: 1 },
      { t: 10, v: null },
    ])
    assert.deepEqual(padWindow([{ t: 0, v: 1 }], 0, 0), [{ t: 0, v: 1 }])
  })

  it('formats times as the monitor actions take them, and knows the steps', () => {
    assert.equal(utc(Date.UTC(2024, 0, 1, 0, 15, 0, 750)), '2024-01-01T00:15:00Z')
    assert.equal(stepSeconds('2h'), 7200)
    assert.equal(stepSeconds('30m'), 1800)
    assert.equal(stepSeconds('bogus'), 300)
  })
})
