// Licensing as an operator does it, with real processes: `qinglocal license keygen` and
// `qinglocal license issue` in a temp directory, the certificate loaded through LoadLicense, and
// `qinglocal serve` loading it from licenseFile at start-up (a forged or unreadable file stops
// start-up with a message naming it; the same file again, or an expired one, does not).
// The servers use the embedded SQLite store whatever TEST_DATABASE says (see e2e-server.ts).
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials } from '../../src/cli/credentials.ts'
import { recordCode } from '../support/codes.ts'
import { startServer, tempData, TIMEOUT } from '../support/e2e-server.ts'
import { ok, startTestApp } from '../support/harness.ts'
import { serveQuietly } from '../support/serve-quietly.ts'
import { qinglocalSource } from '../support/source-bin.ts'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-license-'))
after(() => rmSync(work, { recursive: true, force: true }))

/** Runs `qinglocal <args>` to its end in `work`; its exit code and output. */
async function qinglocal(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...qinglocalSource, ...args], { cwd: work, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  const [code] = await once(child, 'close')
  return { code: code as number | null, stdout, stderr }
}

const issue = (extra: string[] = []) =>
  qinglocal(['license', 'issue', '--private-key', 'keys/license-private.pem', '--licensee', 'Example Ops', '--platform-id', 'qinglocal', '--expires', '2099-01-01', '--max-hosts', '12', '--features', 'warehouse, faults', ...extra])

async function admin(dataDir: string, action: string, params: Record<string, unknown> = {}) {
  const reply = await callApi({ ...readCredentials(join(dataDir, 'admin.yaml')), uri: '/admin/' }, action, params)
  recordCode(reply.ret_code as number)
  return reply as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('qinglocal license keygen / issue', { timeout: TIMEOUT }, () => {
  it('keygen writes a key pair (the private key readable by its owner only) and never overwrites one', async () => {
    const made = await qinglocal(['license', 'keygen', '--out', 'keys'])
    assert.equal(made.code, 0, made.stderr)
    assert.equal(made.stdout, 'private key: keys/license-private.pem\npublic key:  keys/license-public.pem\n')
    assert.match(readFileSync(join(work, 'keys/license-public.pem'), 'utf8'), /^-----BEGIN PUBLIC KEY-----\n/)
    assert.equal(statSync(join(work, 'keys/license-private.pem')).mode & 0o777, 0o600)
    const before = readFileSync(join(work, 'keys/license-private.pem'), 'utf8')

    const again = await qinglocal(['license', 'keygen', '--out', 'keys'])
    assert.equal(again.code, 2)
    assert.match(again.stderr, /^qinglocal license keygen: EEXIST/)
    assert.equal(readFileSync(join(work, 'keys/license-private.pem'), 'utf8'), before)
  })

  it('issue prints a certificate that LoadLicense accepts with the public key as licensePublicKey', async () => {
    const issued = await issue(['--issued', '2026-01-01T00:00:00Z'])
    assert.equal(issued.code, 0, issued.stderr)
    const doc = JSON.parse(issued.stdout)
    assert.deepEqual(doc.license, { licensee: 'Example Ops', platform_id: 'qinglocal', issued: '2026-01-01T00:00:00Z', expires: '2099-01-01T00:00:00Z', max_hosts: 12, features: ['warehouse', 'faults'] })
    writeFileSync(join(work, 'license.json'), issued.stdout)

    const t = await startTestApp({ config: { licensePublicKey: join(work, 'keys/license-public.pem') } })
    try {
      const loaded = ok(await t.admin_call('LoadLicense', { license: issued.stdout }))
      assert.deepEqual([loaded.in_force, loaded.license.max_hosts, loaded.license.features], [1, 12, ['warehouse', 'faults']])
      assert.equal((await t.admin_call('DescribeLicense')).status, 'valid')
    } finally {
      await t.close()
    }
  })

  it('issue refuses missing or bad options with a message and no certificate', async () => {
    const noKey = await qinglocal(['license', 'issue', '--licensee', 'X', '--platform-id', 'qinglocal', '--expires', '2099-01-01', '--max-hosts', '1'])
    assert.notEqual(noKey.code, 0)
    assert.match(noKey.stderr, /required option '-k, --private-key <file>' not specified/)
    const badDate = await issue(['--expires', 'next year'])
    assert.notEqual(badDate.code, 0)
    assert.match(badDate.stderr, /expected a date like 2027-01-01 or 2027-01-01T08:00:00Z, got "next year"/)
    const publicAsPrivate = await issue(['--private-key', 'keys/license-public.pem'])
    assert.equal(publicAsPrivate.code, 2)
    assert.match(publicAsPrivate.stderr, /^qinglocal license issue: /)
    assert.equal(badDate.stdout + publicAsPrivate.stdout, '')
  })
})

describe('qinglocal serve with licenseFile', { timeout: TIMEOUT }, () => {
  const env = () => ({ QINGLOCAL_LICENSE_PUBLIC_KEY: join(work, 'keys/license-public.pem'), QINGLOCAL_LICENSE_FILE: join(work, 'license.json') })

  it('loads the file at start-up, and again on a restart without complaint', async () => {
    const dataDir = tempData()
    for (const round of [1, 2]) {
      const server = await startServer(dataDir, 'instant', env())
      assert.match(server.output(), /license\s+licensed to Example Ops for 12 hosts until 2099-01-01T00:00:00Z/, `round ${round}`)
      const described = await admin(dataDir, 'DescribeLicense')
      assert.deepEqual([described.ret_code, described.status, described.license.licensee], [0, 'valid', 'Example Ops'])
      server.child.kill('SIGTERM')
      await server.exit
    }
  })

  it('an expired file is a warning: the platform serves without a valid license', async () => {
    const expired = await issue(['--issued', '2020-01-01', '--expires', '2021-01-01'])
    writeFileSync(join(work, 'expired.json'), expired.stdout)
    const dataDir = tempData()
    const server = await startServer(dataDir, 'instant', { ...env(), QINGLOCAL_LICENSE_FILE: join(work, 'expired.json') })
    assert.match(server.output(), /expired\.json \(licenseFile, QINGLOCAL_LICENSE_FILE\): the license for \[Example Ops\] expired at 2021-01-01T00:00:00Z; serving without a valid license/)
    assert.match(server.output(), /license\s+no valid license: up to 16 hosts/)
    // refused like LoadLicense refuses it (4001): not stored
    assert.equal((await admin(dataDir, 'DescribeLicense')).status, 'none')
    server.child.kill('SIGTERM')
    await server.exit
  })

  it('a forged, unreadable or foreign file stops start-up with a message naming the file', async () => {
    const forged = JSON.parse(readFileSync(join(work, 'license.json'), 'utf8'))
    forged.license.max_hosts = 10_000
    writeFileSync(join(work, 'forged.json'), JSON.stringify(forged))
    // the process: exit code 1, the message on stderr, nothing served
    const dataDir = tempData()
    const run = await qinglocal(['serve', '--data', dataDir, '--port', '0'], { ...env(), QINGLOCAL_LOG_LEVEL: 'warn', QINGLOCAL_LICENSE_FILE: join(work, 'forged.json') })
    assert.equal(run.code, 1, run.stdout + run.stderr)
    assert.match(run.stderr, /qinglocal could not start: license file .*forged\.json \(licenseFile, QINGLOCAL_LICENSE_FILE\): InvalidLicense, the signature does not match.* \(4000\)/)
    assert.ok(!run.stdout.includes('QingLocal API'), 'it never served')
    assert.ok(existsSync(join(dataDir, 'qinglocal.db')))

    // the other refusals through serve() in this process (the CLI adds only the prefix and exit code)
    const settings = { licensePublicKey: join(work, 'keys/license-public.pem'), licenseFile: join(work, 'license.json') }
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ licenseFile: join(work, 'missing.json') }, /^license file .*missing\.json \(licenseFile, QINGLOCAL_LICENSE_FILE\) cannot be read: ENOENT/],
      [{ platformId: 'elsewhere' }, /^license file .*: LoadLicenseFailed, the license is for platform \[qinglocal\], this platform is \[elsewhere\] \(4004\)/],
      [{ licensePublicKey: join(work, 'license.json') }, /^licensePublicKey \(QINGLOCAL_LICENSE_PUBLIC_KEY, license_public_key\) file .*license\.json is not an Ed25519 public key in PEM/],
    ]
    for (const [extra, message] of cases) {
      const data = tempData()
      await assert.rejects(serveQuietly({ dataDir: data, ...settings, ...extra }), (error: Error) => message.test(error.message))
      assert.ok(existsSync(join(data, 'qinglocal.db')))
    }
  })
})
