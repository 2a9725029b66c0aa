#!/usr/bin/env node
// `npm test`: every *.test.ts under src/ and test/ on the database TEST_DATABASE names (sqlite by
// default, postgres for the machine's server), then the catalogue guard, which needs to know which
// ret_codes the whole suite produced. Ends with one plain summary line over both runs.
// The test files run as one esbuild bundle of them (scripts/test-bundle.mjs says why and how),
// built into .test-build/<run>/ at the start and removed at the end.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import { dropEndedProcessDatabases, dropRunDatabases, holdRun, newRunId, sweepEndedRuns } from '../test/support/pg-runs.mjs'
import { bundleTests } from './test-bundle.mjs'

const root = new URL('..', import.meta.url).pathname
const guards = join(root, 'test', 'guards')

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return path === guards || name === 'node_modules' ? [] : findTests(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const args = process.argv.slice(2)
// --durations: also list the slowest test files (scripts/test-durations.mjs)
const durations = args.includes('--durations')
// the files and folders named on the command line (a folder: every test file under it)
const only = args
  .filter((arg) => arg !== '--durations')
  .map((arg) => resolve(arg))
  .flatMap((path) => (statSync(path).isDirectory() ? findTests(path).sort() : [path]))
// test/ first: the end-to-end, wire and architecture files are the longest, and two at a time the
// run ends sooner when the long ones start early instead of last
const files = only.length ? only : [...findTests(join(root, 'test')).sort(), ...findTests(join(root, 'src')).sort()]
const work = mkdtempSync(join(tmpdir(), 'qinglocal-test-'))
const run = newRunId()
const bundle = join(root, '.test-build', run)
const env = {
  ...process.env,
  QINGLOCAL_TEST_BUNDLE: bundle,
  TEST_DATABASE: process.env.TEST_DATABASE ?? 'sqlite',
  QINGLOCAL_CODES_FILE: join(work, 'codes.txt'),
  QINGLOCAL_TEST_RUN: run,
}
const totals = { pass: 0, fail: 0 }

/** Runs node's test runner on `list`, echoing its output and adding its pass/fail counts. */
function nodeTest(list, { timed = false } = {}) {
  return new Promise((resolve) => {
    const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout']
    if (timed) reporters.push(`--test-reporter=${join(root, 'scripts', 'test-durations.mjs')}`, `--test-reporter-destination=${join(work, 'durations.txt')}`)
    const child = spawn(process.execPath, ['--enable-source-maps', '--test', ...reporters, '--test-concurrency=2', ...list], { env, cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    // the counts are read line by line as they pass: a long failure report printed after them
    // (the failing tests are listed again at the end) must not push them out of reach
    const counts = { pass: 0, fail: 0 }
    let partial = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        const m = /^ℹ (pass|fail) (\d+)$/.exec(line)
        if (m) counts[m[1]] = Number(m[2])
      }
    })
    child.on('close', (code) => {
      totals.pass += counts.pass
      totals.fail += counts.fail
      resolve(code ?? 1)
    })
  })
}

/**
 * On PostgreSQL: a connection that marks the run as alive while it lasts, after the databases of
 * ended runs (crashed or killed) are dropped. The test processes make the run's databases
 * (test/support/database.ts) and leave them; while tests run, the runner drops those of processes
 * that have ended (`janitor`), and at the end whatever is left.
 */
async function openRun() {
  if (env.TEST_DATABASE !== 'postgres') return undefined
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' })
  await client.connect()
  await holdRun(client, run)
  await sweepEndedRuns(client, run)
  return client
}

console.log(`qinglocal tests on ${env.TEST_DATABASE}: ${files.length} files`)
const guardFiles = only.length ? [] : findTests(guards)
const runClient = await openRun()
let testing = true
const janitor = (async () => {
  while (runClient && testing) {
    await dropEndedProcessDatabases(runClient, run).catch(() => {}) // what fails here, the final drop reports
    await sleep(1000)
  }
})()
let status
try {
  const bundled = await bundleTests([...files, ...guardFiles], bundle)
  status = await nodeTest(bundled.slice(0, files.length), { timed: durations })
  if (guardFiles.length) status = (await nodeTest(bundled.slice(files.length))) || status
} finally {
  testing = false
  rmSync(bundle, { recursive: true, force: true })
}
await janitor
if (runClient) {
  await dropRunDatabases(runClient, run)
  await runClient.end()
}
const summary = join(work, 'codes.txt.summary')
console.log('')
if (existsSync(summary)) process.stdout.write(readFileSync(summary, 'utf8'))
if (durations && existsSync(join(work, 'durations.txt'))) {
  const slowest = readFileSync(join(work, 'durations.txt'), 'utf8').split('\n').filter(Boolean).slice(0, 25)
  console.log(`slowest test files (ms of their tests, loading not counted):\n${slowest.map((line) => line.replace(root, '')).join('\n')}\n`)
}
rmSync(work, { recursive: true, force: true })
console.log(`database: ${env.TEST_DATABASE}, ${files.length} test files and the guards`)
console.log(`tests: ${totals.pass} passed, ${totals.fail} failed`)
process.exit(status)
