// The console's decoder of QingCloud's compressed monitor series (console/src/api/monitor.ts),
// checked against the worked examples of the monitoring reference (decoded there with the Python
// SDK's decompressor): padding before t0 is the chart's business, gaps and "NA" are null points.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decompress, padWindow, utc } from '../../console/src/api/monitor.ts'

const T0 = 1704068100 // 2024-01-01T00:15:00Z

describe('console monitor series decoding', () => {
  it('reads [t0, v], bare values one step on, [span, v] after a gap and "NA" as an empty slot', () => {
    const points = decompress([[T0, 35], 40, [1800, 52], 47, 'NA', 44], 300)
    const at = (minutes: number) => (T0 - 15 * 60 + minutes * 60) * 1000
    assert.deepEqual(points, [
      { t: at(15), v: 35 },
      { t: at(20), v: 40 },
      // the gap 00:25–00:45 is one break in the line
      { t: at(25), v: null },
      { t: at(50), v: 52 },
      { t: at(55), v: 47 },
      { t: at(60), v: null },
      { t: at(65), v: 44 },
    ])
  })

  it('reads a pair meter: a bare [a, b] is a value, [span, [a, b]] an offset', () => {
    const points = decompress(
      [
        [T0, [1200, 800]],
        [1300, 900],
        [1800, [0, 0]],
        [10, 20],
      ],
      300,
    )
    assert.deepEqual(
      points.map((p) => [p.t / 1000 - T0, p.v]),
      [
        [0, 1200],
        [300, 1300],
        [600, null],
        [2100, 0],
        [2400, 10],
      ],
    )
  })

  it('refuses a series whose first element is not [t0, v]', () => {
    assert.throws(() => decompress([35, 40], 300), /element 0/)
  })

  it('formats times as GetMonitor takes them', () => {
    assert.equal(utc(Date.UTC(2024, 0, 1, 0, 15, 0, 750)), '2024-01-01T00:15:00Z')
  })
})

describe('console monitor window padding', () => {
  it('adds empty points at the ends the data does not reach, and none where it does', () => {
    assert.deepEqual(padWindow([{ t: 5, v: 1 }], 0, 10), [
      { t: 0, v: null },
      { t: 5, v: 1 },
      { t: 10, v: null },
    ])
    assert.deepEqual(padWindow([{ t: 0, v: 1 }], 0, 0), [{ t: 0, v: 1 }])
  })
})
