// Runs after the rest of the suite (scripts/test.mjs): every code the catalogue says can be
// triggered was produced by at least one wire-level test in this run, and no test received a code
// the catalogue does not define. Writes the coverage lines the test command prints.
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { it } from 'node:test'
import { allCodes, catalogue } from '../../src/errors.ts'

const file = process.env.QINGLOCAL_CODES_FILE
const produced = new Set(
  file && existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(Number)
        .filter((c) => c !== 0)
    : [],
)
const missing = allCodes()
  .filter((c) => !produced.has(c))
  .sort((a, b) => a - b)
if (file) {
  writeFileSync(`${file}.summary`, `error codes produced: ${allCodes().length - missing.length}/${allCodes().length}\nerror codes missing: ${missing.length ? missing.join(' ') : 'none'}\n`)
}

it('the suite recorded the codes it received (run through npm test)', () => {
  assert.ok(file, 'QINGLOCAL_CODES_FILE is not set: run the suite with npm test')
  assert.ok(produced.size > 0, 'no wire-level test recorded a ret_code')
})

it('every code documented as reachable is produced by a wire-level test', () => {
  const untested = Object.entries(catalogue)
    .filter(([, e]) => e.trigger !== null && !produced.has(e.code))
    .map(([name, e]) => `${e.code} ${name}`)
  assert.deepEqual(untested, [], 'docs/errors.md says how to trigger these, but no test did')
})

it('no test received a code outside the catalogue', () => {
  assert.deepEqual(
    [...produced].filter((c) => !allCodes().includes(c)),
    [],
  )
})
