// docs/console-coverage.md is what the console's sources and the registry say; the console calls
// no action the server lacks; what has no console path is listed (and, once the console is whole,
// only what NOT_IN_CONSOLE excuses).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { consoleCoverage, NOT_IN_CONSOLE, renderConsoleCoverageDoc } from './console-coverage.ts'

describe('docs/console-coverage.md', () => {
  it('is what the console and the registry render (run npm run docs:console after changing either)', () => {
    assert.equal(readFileSync(new URL('../../docs/console-coverage.md', import.meta.url), 'utf8'), renderConsoleCoverageDoc(), 'docs/console-coverage.md is out of date: run npm run docs:console')
  })

  it('finds no console call to an action the server does not have', () => {
    assert.deepEqual(consoleCoverage().unknown, [])
  })

  it('excuses only actions that exist and that the console does not call', () => {
    const coverage = consoleCoverage()
    for (const action of Object.keys(NOT_IN_CONSOLE)) assert.ok(coverage.excused.includes(action), `${action} is excused but the console calls it or the server lacks it`)
  })
})
