// The fuzz script (scripts/fuzz.ts, issue 14) kept working: a short run of 2,000 requests against a
// real `qinglocal serve` on TEST_DATABASE (SQLite, or a fresh PostgreSQL database) must end with
// every reply HTTP 200 JSON with a numeric ret_code and none 5000. The full run is
// `npm run fuzz` (100,000 requests, README "Fuzzing"). One client, so the seed draws (nearly) the same
// requests every run.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { it } from 'node:test'
import { root } from '../support/e2e-server.ts'
import { fuzzSource } from '../support/source-bin.ts'

it('a 2,000-request fuzz run gets only HTTP 200 JSON replies and no 5000', { timeout: 600_000 }, async () => {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (process.env.TEST_DATABASE !== 'postgres') delete env.DATABASE_URL
  const child = spawn(process.execPath, [...fuzzSource, '--requests', '2000', '--concurrency', '1', '--quiet'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (out += chunk))
  const [code] = await once(child, 'close')
  assert.equal(code, 0, out)
  assert.match(out, /^HTTP {7}200: \d+$/m, out)
  assert.match(out, /^5000 {7}0 internal errors/m, out)
  assert.match(out, /^ret_code {3}0: \d+/m, out) // some requests did succeed
})
