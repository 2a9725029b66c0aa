// The compiled command, as users run it: bin/qinglocal.mjs on dist/ (plain JavaScript, no tsx).
// Every other test runs the sources; this one builds dist/ first when it is missing or older than
// a source it bundles (scripts/build.mjs --if-stale), so it passes on a fresh clone after npm ci.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { recordCode } from '../support/codes.ts'
import { childEnv, startServer } from '../support/e2e-server.ts'

const root = new URL('../../', import.meta.url).pathname
const bin = join(root, 'bin', 'qinglocal.mjs')
const run = promisify(execFile)
const TIMEOUT = 60_000

describe('the built qinglocal command', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'qinglocal-built-'))
  const dataDir = join(work, 'data')
  // the server is killed by e2e-server's afterEach if the test ends early
  after(() => rmSync(work, { recursive: true, force: true }))

  before(async () => {
    await run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, timeout: 120_000 })
  })

  it('answers --version with package.json version', { timeout: TIMEOUT }, async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const { stdout } = await run(process.execPath, [bin, '--version'], { cwd: work, env: childEnv() })
    assert.equal(stdout.trim(), version)
  })

  it('coverage reads the documented action list it ships with (from dist/, not the sources)', { timeout: TIMEOUT }, async () => {
    const { stdout } = await run(process.execPath, [bin, 'coverage', '--group', 'keypair'], { cwd: work, env: childEnv() })
    assert.match(stdout, /^keypair {2}6 of 6 \(100%\)\n {2}yes {2}AttachKeyPairs\n/)
  })

  it('serves: /readyz answers and a signed DescribeZones through `qinglocal call` succeeds; SIGTERM ends it with 0', { timeout: TIMEOUT }, async () => {
    const served = await startServer(dataDir, 'instant', {}, { command: bin, cwd: work })
    const { stdout } = await run(process.execPath, [bin, 'call', '-f', join(dataDir, 'config.yaml'), 'DescribeZones'], { cwd: work, env: childEnv() })
    const reply = JSON.parse(stdout)
    recordCode(reply.ret_code)
    assert.equal(reply.ret_code, 0, stdout)
    assert.equal(reply.action, 'DescribeZonesResponse')
    assert.ok(Array.isArray(reply.zone_set) && reply.zone_set.length > 0, stdout)

    served.child.kill('SIGTERM')
    const [code] = await served.exit
    assert.equal(code, 0, served.output())
  })

  it('without dist/ says to run npm ci or npm run build, exits 1, and does not fall back to the sources', { timeout: TIMEOUT }, async () => {
    // the same launcher in a tree that has no dist/ next to it
    const bare = join(work, 'bare')
    mkdirSync(join(bare, 'bin'), { recursive: true })
    copyFileSync(bin, join(bare, 'bin', 'qinglocal.mjs'))
    const failed = await run(process.execPath, [join(bare, 'bin', 'qinglocal.mjs'), '--version'], { cwd: work, env: childEnv() }).then(
      () => assert.fail('the launcher ran without dist/'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    assert.equal(failed.code, 1)
    assert.equal(failed.stdout, '')
    assert.match(failed.stderr, /^qinglocal: .*dist\/cli\/main\.js is missing; run `npm ci` \(or `npm run build`\) in .* first\n$/)
  })
})
