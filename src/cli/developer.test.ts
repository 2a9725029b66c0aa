// The CLI's developer aids, in this process against serve() (an embedded SQLite file store in a
// temp data directory on TEST_DATABASE=postgres too, as test/e2e/serve.test.ts explains), started
// with fixed credentials: `call --wait` following jobs to success, failure (an armed job fault) and
// timeout; an unknown action's suggestions; `actions` from the schemas; `configure`. The bootstrap
// with a given key is also checked on the test database (both stores).
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse as parseYaml } from 'yaml'
import { bootstrap } from '../bootstrap.ts'
import { loadConfig, type ConfigError } from '../config.ts'
import { findKey } from '../features/access-keys/access-key-repo.ts'
import { seededIdGenerator } from '../lib/ids.ts'
import { ManualClock } from '../lib/clock.ts'
import { SecretBox } from '../lib/secret-box.ts'
import type { Server } from '../main.ts'
import { openTestStore } from '../../test/support/database.ts'
import { catalogOf, typeOf } from './catalog.ts'
import { runQinglocal } from '../../test/support/run-cli.ts'
import { serveQuietly } from '../../test/support/serve-quietly.ts'
import type { JobSpeed } from '../config.ts'
import type { CliIo } from './program.ts'
import { didYouMean, editDistance, nearestNames } from './suggest.ts'
import { jobIdsOf } from './wait-jobs.ts'
import { modules } from '../modules.ts'
import Type from 'typebox'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-cli-dx-'))
after(() => rmSync(work, { recursive: true, force: true }))

const FIXED = { id: 'QINGLOCALTESTKEYIDAA', secret: 'qinglocalTestSecretAccessKey0123456789AB' }

async function qinglocal(args: string[], options: { env?: CliIo['env']; tty?: boolean } = {}) {
  const run = await runQinglocal(args, options.env ?? {}, { errIsTTY: options.tty ?? false })
  return { ...run, output: () => run.stdout + run.stderr }
}

/** serve() with the banner kept off the test report. */
const quietServe = (dataDir: string, env: Record<string, string>, jobSpeed: JobSpeed = 'instant') => serveQuietly({ dataDir, jobSpeed }, env)

describe('fixed credentials (QINGLOCAL_ACCESS_KEY_ID / QINGLOCAL_SECRET_ACCESS_KEY)', () => {
  it('are validated: 20 upper-case letters, 40 letters and digits, both or neither; the secret is never echoed', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ env })
        return []
      } catch (error) {
        return (error as ConfigError).problems
      }
    }
    assert.deepEqual(problems({ QINGLOCAL_ACCESS_KEY_ID: FIXED.id, QINGLOCAL_SECRET_ACCESS_KEY: FIXED.secret }), [])
    const config = loadConfig({ env: { QINGLOCAL_ACCESS_KEY_ID: FIXED.id, QINGLOCAL_SECRET_ACCESS_KEY: FIXED.secret } })
    assert.deepEqual([config.accessKeyId, config.secretAccessKey], [FIXED.id, FIXED.secret])
    assert.deepEqual(problems({ QINGLOCAL_ACCESS_KEY_ID: 'qinglocaltestkeyidaa', QINGLOCAL_SECRET_ACCESS_KEY: FIXED.secret }), ['accessKeyId (QINGLOCAL_ACCESS_KEY_ID) must be 20 upper-case letters, got "qinglocaltestkeyidaa"'])
    assert.deepEqual(problems({ QINGLOCAL_ACCESS_KEY_ID: FIXED.id, QINGLOCAL_SECRET_ACCESS_KEY: 'short-secret!' }), ['secretAccessKey (QINGLOCAL_SECRET_ACCESS_KEY) must be 40 letters and digits (got 13 characters)'])
    assert.deepEqual(problems({ QINGLOCAL_ACCESS_KEY_ID: FIXED.id }), ['accessKeyId (QINGLOCAL_ACCESS_KEY_ID) and secretAccessKey (QINGLOCAL_SECRET_ACCESS_KEY) must be set together'])
  })

  it("make the bootstrap user's key on a fresh store; a store with accounts keeps its keys", async () => {
    const { store, drop } = await openTestStore()
    try {
      const box = SecretBox.fromKey(SecretBox.generateKey())
      const deps = { box, clock: new ManualClock('2026-01-15T08:00:00Z'), ids: seededIdGenerator(7), zones: ['pek3a'], hosts: { hostsPerZone: 1, hostCpu: 8, hostMemory: 8192 }, bootstrapBalance: 0, eipPoolSize: 4 }
      const first = await bootstrap(store, { ...deps, userKey: { access_key_id: FIXED.id, secret_access_key: FIXED.secret } })
      const user = first.find((c) => c.role === 'user')!
      const admin = first.find((c) => c.role === 'admin')!
      assert.deepEqual([user.access_key_id, user.secret_access_key], [FIXED.id, FIXED.secret])
      // the admin's key stays generated: the fixed one is the user's
      assert.match(admin.access_key_id, /^[A-Z]{20}$/)
      assert.notEqual(admin.access_key_id, FIXED.id)
      // sealed at rest like any other
      assert.equal(box.open((await findKey(store.db, FIXED.id))!.secret_sealed), FIXED.secret)
      const again = await bootstrap(store, { ...deps, userKey: { access_key_id: 'ANOTHERKEYIDXXXXXXXX', secret_access_key: FIXED.secret } })
      assert.equal(again.find((c) => c.role === 'user')!.access_key_id, FIXED.id)
    } finally {
      await drop()
    }
  })
})

describe('the jobs a reply names', () => {
  it('are job_id, then job_ids as a list or a map, each once', () => {
    assert.deepEqual(jobIdsOf({ job_id: 'j-1' }), ['j-1'])
    assert.deepEqual(jobIdsOf({ job_ids: { 'cl-a': 'j-2', 'cl-b': 'j-3' } }), ['j-2', 'j-3'])
    assert.deepEqual(jobIdsOf({ job_id: 'j-1', job_ids: ['j-1', 'j-4'] }), ['j-1', 'j-4'])
    assert.deepEqual(jobIdsOf({ ret_code: 0 }), [])
  })
})

describe('edit distance and suggestions', () => {
  it('counts a dropped letter, a swap and a case change as one edit or none', () => {
    assert.equal(editDistance('DescribeInstnces', 'DescribeInstances'), 1)
    assert.equal(editDistance('DescrbieZones', 'DescribeZones'), 1)
    assert.equal(editDistance('describezones', 'DescribeZones'), 0)
    assert.equal(editDistance('', 'abc'), 3)
    assert.deepEqual(nearestNames('DescribeInstnces', ['DescribeInstances', 'DescribeInstanceTypes', 'RunInstances']), ['DescribeInstances'])
    assert.deepEqual(nearestNames('Foo', ['DescribeInstances']), [])
    assert.equal(didYouMean(['A']), 'did you mean A?')
    assert.equal(didYouMean(['A', 'B', 'C']), 'did you mean A, B or C?')
  })
})

describe('the catalog of actions', () => {
  it('reads names, types and required parameters from the schemas', () => {
    assert.equal(typeOf(Type.Array(Type.String())), 'string[]')
    assert.equal(typeOf(Type.Union([Type.Literal('a'), Type.Literal('b')])), 'a|b')
    assert.equal(typeOf(Type.Integer({ 'x-flag': true })), '0|1')
    const catalog = catalogOf(modules)
    const run = catalog.find((a) => a.name === 'RunInstances')!
    assert.equal(run.module, 'iaas')
    assert.deepEqual(
      run.params.find((p) => p.name === 'image_id'),
      { name: 'image_id', type: 'string', required: true },
    )
    assert.deepEqual(
      run.params.find((p) => p.name === 'login_mode'),
      { name: 'login_mode', type: 'passwd|keypair', required: true },
    )
    assert.deepEqual(
      run.params.find((p) => p.name === 'vxnets'),
      { name: 'vxnets', type: 'string[]', required: false },
    )
    assert.deepEqual(run.params[0], { name: 'zone', type: 'string', required: true })
    // every registered action is listed once per module
    assert.equal(
      catalog.length,
      modules.reduce((n, m) => n + m.actions.size, 0),
    )
  })

  it('qinglocal actions [filter] prints them, filtered by substring, or says none matched', async () => {
    const listed = await qinglocal(['actions', 'volumes'])
    assert.equal(listed.code, 0, listed.output())
    assert.match(listed.stdout, /^iaas {5}CreateVolumes\n {11}zone +string {2}\(required\)\n/m)
    assert.match(listed.stdout, /^ {11}size +integer {2}\(required\)$/m)
    assert.match(listed.stdout, /^ {11}volume_name +string$/m)
    for (const line of listed.stdout.split('\n').filter((l) => /^\S/.test(l))) assert.match(line, /volumes/i)
    const json = await qinglocal(['actions', 'ArmJob', '--json', '-m', 'admin'])
    assert.deepEqual(
      JSON.parse(json.stdout).map((a: { module: string; name: string }) => `${a.module} ${a.name}`),
      ['admin ArmJobFault'],
    )
    const none = await qinglocal(['actions', 'NothingLikeThis'])
    assert.deepEqual([none.code, none.stdout, none.stderr], [1, '', 'no action contains "NothingLikeThis"\n'])
  })
})

describe('against a server started with fixed credentials', () => {
  const dataDir = join(work, 'data')
  let server: Server | undefined
  const user = join(dataDir, 'config.yaml')
  const admin = join(dataDir, 'admin.yaml')
  before(async () => {
    server = await quietServe(dataDir, { QINGLOCAL_ACCESS_KEY_ID: FIXED.id, QINGLOCAL_SECRET_ACCESS_KEY: FIXED.secret })
  })
  after(() => server?.close())

  it('writes the fixed key into config.yaml, and it signs', async () => {
    const written = parseYaml(readFileSync(user, 'utf8'))
    assert.deepEqual([written.qy_access_key_id, written.qy_secret_access_key], [FIXED.id, FIXED.secret])
    const zones = await qinglocal(['call', 'DescribeZones', '-f', user])
    assert.equal(zones.code, 0, zones.output())
  })

  it('call --wait follows the job to successful, one stderr line per status change, exit 0', async () => {
    const created = await qinglocal(['call', 'CreateVolumes', 'size=20', '--wait', '--poll', '20ms', '-f', user])
    assert.equal(created.code, 0, created.output())
    const reply = JSON.parse(created.stdout)
    const jobId = String(reply.job_id)
    assert.match(jobId, /^j-/)
    const lines = created.stderr.trimEnd().split('\n')
    assert.match(lines.at(-1)!, new RegExp(`^job ${jobId} \\(CreateVolumes\\): successful after \\d+s$`))
    // one line per change: no status twice in a row
    const statuses = lines.map((l) => / (\w+) after/.exec(l)![1])
    assert.deepEqual(statuses, [...new Set(statuses)])
    // without --wait: the reply only
    const plain = await qinglocal(['call', 'CreateVolumes', 'size=20', '-f', user])
    assert.deepEqual([plain.code, plain.stderr], [0, ''])
  })

  it('on a terminal, rewrites one progress line and ends it', async () => {
    const created = await qinglocal(['call', 'CreateVolumes', 'size=20', '--wait', '--poll', '20ms', '-f', user], { tty: true })
    assert.equal(created.code, 0, created.output())
    const jobId = String(JSON.parse(created.stdout).job_id)
    assert.ok(created.stderr.startsWith('\r\x1b[K'), JSON.stringify(created.stderr))
    assert.ok(created.stderr.endsWith(`\r\x1b[K${jobId} successful (0s)\n`) || new RegExp(`${jobId} successful \\(\\d+s\\)\\n$`).test(created.stderr), JSON.stringify(created.stderr))
    assert.equal(created.stderr.split('\n').length, 2)
  })

  it("call --wait exits 1 and shows the job's error code when the job fails", async () => {
    const armed = await qinglocal(['call', 'ArmJobFault', 'job_action=CreateVolumes', 'ret_code=2400', '-m', 'admin', '-f', admin])
    assert.equal(armed.code, 0, armed.output())
    const created = await qinglocal(['call', 'CreateVolumes', 'size=20', '--wait', '--poll', '20ms', '-f', user])
    assert.equal(created.code, 1, created.output())
    const jobId = String(JSON.parse(created.stdout).job_id)
    assert.match(created.stderr, new RegExp(`job ${jobId} \\(CreateVolumes\\): failed after \\d+s\\njob ${jobId} \\(CreateVolumes\\) failed with error code 2400\\n$`))
  })

  it('call --wait gives up after --timeout with exit 3, naming the job still running', async () => {
    // jobs at manual speed stay pending until someone steps them
    const manualDir = join(work, 'manual')
    const manual = await quietServe(manualDir, {}, 'manual')
    try {
      const created = await qinglocal(['call', 'CreateVolumes', 'size=20', '--wait', '--timeout', '100ms', '--poll', '20ms', '-f', join(manualDir, 'config.yaml')])
      assert.equal(created.code, 3, created.output())
      const jobId = String(JSON.parse(created.stdout).job_id)
      assert.match(created.stderr, new RegExp(`^job ${jobId} \\(CreateVolumes\\): pending after \\d+s\\ngave up waiting after \\d+s: ${jobId} \\(pending\\) still running on the server\\n$`))
    } finally {
      await manual.close()
    }
    const bad = await qinglocal(['call', 'DescribeZones', '--wait', '--timeout', 'soon', '-f', user])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /expected seconds or a duration such as 500ms, 90s, 10m, 1h, got "soon"/)
  })

  it('an unknown action suggests the nearest names, or the module that has it', async () => {
    const typo = await qinglocal(['call', 'DescribeInstnces', '-f', user])
    assert.equal(typo.code, 1)
    assert.equal(JSON.parse(typo.stdout).ret_code, 1101, typo.stdout)
    assert.equal(typo.stderr, 'did you mean DescribeInstances?\n')
    const wrongModule = await qinglocal(['call', 'ArmJobFault', '-f', user])
    assert.equal(wrongModule.stderr, 'ArmJobFault is an action of module admin: add -m admin\n')
    const otherModule = await qinglocal(['call', 'ArmJobFalut', '-f', user])
    assert.equal(otherModule.stderr, 'did you mean ArmJobFault? (ArmJobFault: -m admin)\n')
    const nothing = await qinglocal(['call', 'Frobnicate', '-f', user])
    assert.deepEqual([nothing.code, nothing.stderr], [1, ''])
  })

  it('configure writes the six-key profile to ~/.qingcloud/config.yaml (0600) and refuses to overwrite without --force', async () => {
    const home = join(work, 'home')
    const made = await qinglocal(['configure', '-d', dataDir], { env: { HOME: home } })
    assert.equal(made.code, 0, made.output())
    const path = join(home, '.qingcloud', 'config.yaml')
    assert.match(made.stdout, new RegExp(`^wrote ${path} \\(user key, http://127\\.0\\.0\\.1:\\d+\\)\\n$`))
    assert.equal(statSync(path).mode & 0o777, 0o600)
    const profile = parseYaml(readFileSync(path, 'utf8'))
    assert.deepEqual(Object.keys(profile).sort(), ['host', 'port', 'protocol', 'qy_access_key_id', 'qy_secret_access_key', 'zone'])
    assert.deepEqual(profile, { ...parseYaml(readFileSync(user, 'utf8')) })
    // it signs
    assert.equal((await qinglocal(['call', 'DescribeZones', '-f', path])).code, 0)

    const again = await qinglocal(['configure', '-d', dataDir], { env: { HOME: home } })
    assert.deepEqual([again.code, again.stderr], [2, `qinglocal configure: ${path} exists: add --force to replace it, or name another file with --output\n`])
    writeFileSync(path, 'mine\n', { mode: 0o644 })
    const forced = await qinglocal(['configure', '-d', dataDir, '--admin', '--zone', 'sh1a', '--force'], { env: { HOME: home } })
    assert.equal(forced.code, 0, forced.output())
    const adminProfile = parseYaml(readFileSync(path, 'utf8'))
    assert.equal(adminProfile.qy_access_key_id, parseYaml(readFileSync(admin, 'utf8')).qy_access_key_id)
    assert.equal(adminProfile.zone, 'sh1a')
    assert.equal(statSync(path).mode & 0o777, 0o600)

    const out = join(work, 'elsewhere', 'profile.yaml')
    assert.equal((await qinglocal(['configure', '--output', out], { env: { QINGLOCAL_DATA: dataDir } })).code, 0)
    assert.equal(parseYaml(readFileSync(out, 'utf8')).qy_access_key_id, FIXED.id)

    const missing = await qinglocal(['configure', '-d', join(work, 'nodata'), '-o', join(work, 'x.yaml')])
    assert.deepEqual([missing.code, missing.stderr], [2, `qinglocal configure: there is no ${join(work, 'nodata', 'config.yaml')}: qinglocal serve writes it on its first start (check -d, --data)\n`])
  })
})
