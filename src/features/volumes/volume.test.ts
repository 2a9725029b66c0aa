import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ApiError } from '../../errors.ts'
import { freeDevice, requireValidSize, roundUpSize, VOLUME_TYPES } from './volume.ts'

const code = (fn: () => void) => {
  try {
    fn()
    return 0
  } catch (error) {
    return (error as ApiError).code
  }
}

describe('volume rules', () => {
  it('accepts every type’s own range in 10 GB steps and nothing outside it', () => {
    for (const [type, { min, max }] of VOLUME_TYPES) {
      assert.equal(
        code(() => requireValidSize(min, type)),
        0,
      )
      assert.equal(
        code(() => requireValidSize(max, type)),
        0,
      )
      assert.equal(
        code(() => requireValidSize(min - 10, type)),
        1100,
      )
      assert.equal(
        code(() => requireValidSize(max + 10, type)),
        1100,
      )
      assert.equal(
        code(() => requireValidSize(min + 5, type)),
        1100,
      )
    }
    assert.equal(
      code(() => requireValidSize(20, 4)),
      1100,
    )
  })

  it('rounds up to the next 10 GB', () => {
    assert.deepEqual([1, 20, 21, 29, 30].map(roundUpSize), [10, 20, 30, 30, 30])
  })

  it('hands out vdb … vdk, the first free one first', () => {
    assert.equal(freeDevice(new Set()), '/dev/vdb')
    assert.equal(freeDevice(new Set(['/dev/vdb', '/dev/vdd'])), '/dev/vdc')
    const full = new Set('bcdefghijk'.split('').map((c) => `/dev/vd${c}`))
    assert.equal(freeDevice(full), undefined)
    full.delete('/dev/vdk')
    assert.equal(freeDevice(full), '/dev/vdk')
  })
})
