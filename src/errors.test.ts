// The catalogue is complete, unique and in sync with docs/errors.md.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { ApiError, allCodes, catalogue } from './errors.ts'
import { renderErrorsDoc } from './errors-doc.ts'

// the 43 ret_codes of the seed catalogue (test/fixtures/error-codes.zh.txt)
const SEED_CODES = [
  1100, 1101, 1200, 1300, 1400, 1500, 1510, 1520, 1600, 1610, 1620, 1630, 1640, 1650, 1660, 1661, 1662, 2000, 2100, 2110, 2200, 2300, 2400, 2500, 3300, 4000, 4001, 4002, 4003, 4004, 4005, 5000, 5100, 5200, 5300, 5400, 5500, 5600, 8000,
  8001, 8002, 8003, 8004,
]

describe('error catalogue', () => {
  it('holds exactly the 43 codes of the seed, each once', () => {
    assert.equal(SEED_CODES.length, 43)
    assert.deepEqual([...allCodes()].sort(), [...SEED_CODES].sort())
    assert.equal(new Set(allCodes()).size, allCodes().length)
  })

  it('gives every code its seed description', () => {
    const seed = readFileSync(new URL('../test/fixtures/error-codes.zh.txt', import.meta.url), 'utf8')
    for (const [name, e] of Object.entries(catalogue)) assert.ok(seed.includes(`${e.code} |\n${e.zh} |`), `${name}: "${e.zh}" is not the seed text of ${e.code}`)
  })

  it('uses the class the seed puts each code in', () => {
    for (const e of Object.values(catalogue)) {
      const expected = e.code >= 8000 ? 'config' : e.code >= 5000 ? 'server' : e.code >= 4000 ? 'license' : 'client'
      assert.equal(e.class, expected, String(e.code))
    }
  })

  it('builds messages as "Name, detail"', () => {
    const error = new ApiError('PermissionDenied', 'instance [i-2aypaijz] is not running, can not be stopped')
    assert.equal(error.code, 1400)
    assert.equal(error.message, 'PermissionDenied, instance [i-2aypaijz] is not running, can not be stopped')
  })

  it('is what docs/errors.md says (run npm run docs:errors after changing the catalogue)', () => {
    assert.equal(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8'), renderErrorsDoc())
  })
})
