// Where the console's chart draws dots (console/src/components/chart-points.ts): a one-point series
// and a value between two gaps must be visible; a long unbroken line needs none.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pointRadii } from '../../console/src/components/chart-points.ts'

const series = (values: Array<number | null>) => values.map((v, i) => ({ t: i, v }))

describe('console chart dots', () => {
  it('dots every value of a short series, none on the gaps', () => {
    assert.deepEqual(pointRadii(series([null, 5, null])), [0, 3, 0])
    assert.deepEqual(pointRadii(series([1, 2])), [3, 3])
  })

  it('dots only isolated values of a long series', () => {
    const values: Array<number | null> = Array.from({ length: 20 }, (_, i) => i)
    values[10] = null
    values[12] = null
    const radii = pointRadii(series(values))
    assert.equal(radii[11], 3, 'the value between two gaps')
    assert.deepEqual(
      radii.filter((r, i) => i !== 11 && r !== 0),
      [],
    )
    assert.equal(pointRadii(series([7, ...values.slice(1)]))[0], 0, 'the first value has a neighbour')
  })
})
