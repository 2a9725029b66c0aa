// Guard (issue 20): one source of time. Domain code reads the platform's clock (a Clock: the virtual
// clock in the app, features/virtual-clock), so moving it moves leases, billing, sessions, rate
// windows, maintenance end times and tokens alike. Only src/lib/clock.ts reads the wall clock
// itself; what must keep real time (loop pacing, file times, certificate validity, a client's own
// time_stamp) asks it for that by name (systemClock, realTimeMs). Tests may read the wall clock.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'

const src = new URL('.', import.meta.url).pathname
const CLOCK_FILE = join(src, 'lib/clock.ts')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) && !/\.test\.\w+$/.test(name) ? [path] : []
  })
}

/** Each wall-clock read in `text`: `Date.now` (called or passed on) and `new Date()` with no argument. */
function wallClockReads(text: string): string[] {
  return [...text.matchAll(/\bDate\.now\b|\bnew\s+Date\s*\(\s*\)/g)].map((m) => m[0])
}

describe('the time source', () => {
  it('recognises wall-clock reads (so the guard below can fail)', () => {
    assert.deepEqual(wallClockReads('const a = Date.now(); const b = new Date(); const f = Date.now'), ['Date.now', 'new Date()', 'Date.now'])
    assert.deepEqual(wallClockReads("new Date(row.create_time); new Date(0); clock.now(); Date.parse('2026-01-01T00:00:00Z')"), [])
    assert.ok(wallClockReads(readFileSync(CLOCK_FILE, 'utf8')).length > 0, 'lib/clock.ts is where the wall clock is read')
  })

  it('is lib/clock.ts alone in src/ outside tests', () => {
    const files = sources(src).filter((file) => file !== CLOCK_FILE)
    assert.ok(files.length > 100)
    const found = files.flatMap((file) => wallClockReads(readFileSync(file, 'utf8')).map((read) => `${relative(src, file)}: ${read}`))
    assert.deepEqual(found, [], 'read the time through lib/clock.ts: the platform clock (a Clock), or systemClock / realTimeMs for what must keep real time')
  })
})
