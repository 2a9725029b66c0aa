// The real server end to end: serve() in this process, and `qinglocal serve` (from the sources) as a
// child process where the process itself is the subject (signals, exit codes, what it logs).
//
// Every server here uses the embedded SQLite file store in a fresh temp data directory, on
// TEST_DATABASE=postgres as well: serve() takes its database from DATABASE_URL and has no way to
// put its tables in a per-test schema, and the file store is what this file is about (what lands
// on disk, what survives a restart). The environment given to servers never carries the machine's
// DATABASE_URL or QINGLOCAL_* variables.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import SQLite from 'better-sqlite3'
import { parse as parseYaml } from 'yaml'
import { callApi, signedRequest } from '../../src/cli/client.ts'
import { readCredentials, type Credentials } from '../../src/cli/credentials.ts'
import type { Server } from '../../src/main.ts'
import { runQinglocal } from '../support/run-cli.ts'
import { serveCapturingBanner } from '../support/serve-quietly.ts'
import { SecretBox } from '../../src/lib/secret-box.ts'
import { recordCode } from '../support/codes.ts'
import { qinglocalSource } from '../support/source-bin.ts'

const root = new URL('../../', import.meta.url).pathname
const CREDENTIAL_KEYS = ['host', 'port', 'protocol', 'qy_access_key_id', 'qy_secret_access_key', 'zone']
const TIMEOUT = 30_000

// ---------------------------------------------------------------------------------------------
// helpers

const dirs: string[] = []
function tempData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-e2e-'))
  dirs.push(dir)
  return join(dir, 'data') // not there yet: the first start creates it
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** serve() on a free port with `dataDir`, its start-up banner captured rather than printed. */
const startInProcess = (dataDir: string) => serveCapturingBanner({ dataDir })

const mode = (path: string) => statSync(path).mode & 0o777

function credentialsFile(dataDir: string, role: 'user' | 'admin'): string {
  return join(dataDir, role === 'user' ? 'config.yaml' : 'admin.yaml')
}

/** Signs and sends one request with a credentials file, as `qinglocal call` does. */
async function callWith(credentials: Credentials, action: string, params: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'GET') {
  const reply = await callApi({ ...credentials, method }, action, { zone: credentials.zone, ...params })
  recordCode(reply.ret_code)
  return reply
}

/** The machine environment minus everything that configures QingLocal or the test runner. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('QINGLOCAL_') || name === 'DATABASE_URL' || name.startsWith('NODE_TEST')) continue
    env[name] = value
  }
  return { ...env, ...extra }
}

interface Child {
  process: ChildProcess
  /** Everything written so far, stdout and stderr. */
  output(): string
  stdout(): string
  stderr(): string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves when the output matches `pattern`; rejects on exit or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>
}

const children = new Set<ChildProcess>()
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
})

function runCli(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [...qinglocalSource, ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let out = ''
  let err = ''
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const l of listeners) l()
  }
  child.stdout!.on('data', (chunk) => {
    out += chunk
    changed()
  })
  child.stderr!.on('data', (chunk) => {
    err += chunk
    changed()
  })
  // 'close' rather than 'exit': every byte of stdout and stderr has been read by then
  const exit = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }))
  let exited = false
  void exit.then(() => {
    exited = true
    changed()
  })
  return {
    process: child,
    output: () => out + err,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor: (pattern, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out + err)
          if (m) done(() => resolve(m))
          else if (exited) done(() => reject(new Error(`process exited before printing ${pattern}:\n${out}${err}`)))
        }
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${out}${err}`))), ms)
        const done = (settle: () => void) => {
          clearTimeout(timer)
          listeners.delete(check)
          settle()
        }
        listeners.add(check)
        check()
      }),
  }
}

/** Polls GET /readyz until it answers 200, for at most `ms`. */
async function waitReady(baseUrl: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/readyz`)
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/readyz did not answer 200 within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** `qinglocal serve` on a free port with `dataDir`; resolves once /readyz answers. */
async function startChild(dataDir: string, env: Record<string, string> = {}): Promise<{ child: Child; baseUrl: string }> {
  const child = runCli(['serve', '--data', dataDir, '--port', '0'], env)
  const [, baseUrl] = await child.waitFor(/QingLocal API\s+(http:\/\/[^/\s]+)\/iaas\//)
  await waitReady(baseUrl!)
  return { child, baseUrl: baseUrl! }
}

// ---------------------------------------------------------------------------------------------
// serve() in this process

describe('serve() on a fresh data directory', () => {
  const dataDir = tempData()
  let server: Server | undefined
  let banner = ''
  before(async () => {
    ;({ server, banner } = await startInProcess(dataDir))
  })
  after(() => server?.close())

  it('writes the credential files (0600, exactly the six keys the qingcloud CLI accepts) and master.key (0600)', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    const port = Number(new URL(server.url).port)
    assert.ok(port > 0)

    const seen = new Set<string>()
    for (const role of ['user', 'admin'] as const) {
      const file = credentialsFile(dataDir, role)
      assert.equal(mode(file), 0o600, `${file} mode`)
      const doc = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>
      assert.deepEqual(Object.keys(doc).sort(), CREDENTIAL_KEYS, `${file} keys`)
      assert.match(String(doc.qy_access_key_id), /^[A-Z]{20}$/)
      assert.match(String(doc.qy_secret_access_key), /^[0-9A-Za-z]{40}$/)
      assert.deepEqual({ zone: doc.zone, host: doc.host, port: doc.port, protocol: doc.protocol }, { zone: 'pek3a', host: '127.0.0.1', port, protocol: 'http' })
      seen.add(String(doc.qy_access_key_id))
      // the banner names the key and the file, never the secret
      assert.ok(banner.includes(String(doc.qy_access_key_id)), `banner names the ${role} access key id`)
      assert.ok(!banner.includes(String(doc.qy_secret_access_key)), `banner must not print the ${role} secret`)
    }
    assert.equal(seen.size, 2, 'the user and the admin have different keys')

    const masterKey = join(dataDir, 'master.key')
    assert.equal(mode(masterKey), 0o600)
    assert.equal(Buffer.from(readFileSync(masterKey, 'utf8').trim(), 'base64').length, 32)
    assert.ok(existsSync(join(dataDir, 'qinglocal.db')), 'the embedded SQLite store lives in the data directory')
  })

  it('gives both accounts a console password (console-password.txt, 0600) that signs in, and names the console in the banner', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    const file = join(dataDir, 'console-password.txt')
    assert.equal(mode(file), 0o600)
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
    assert.deepEqual(lines.map((line) => line.split(/\s+/)[0]).sort(), ['admin@qinglocal.local', 'user@qinglocal.local'])
    assert.ok(banner.includes(`${server.url}/console/`), 'the banner names the console')
    for (const line of lines) {
      const [email, password] = line.split(/\s+/) as [string, string]
      assert.ok(!banner.includes(password), 'the banner never prints a password')
      const response = await fetch(`${server.url}/account/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ action: 'Login', email, password }).toString() })
      const reply = (await response.json()) as { ret_code: number; message?: string }
      recordCode(reply.ret_code)
      assert.equal(reply.ret_code, 0, reply.message)
    }
  })

  it('answers a signed DescribeZones over GET and POST, as the user and as the admin', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    for (const role of ['user', 'admin'] as const) {
      const credentials = readCredentials(credentialsFile(dataDir, role))
      assert.equal(credentials.baseUrl, server.url)
      for (const method of ['GET', 'POST'] as const) {
        const reply = await callWith(credentials, 'DescribeZones', {}, method)
        assert.equal(reply.ret_code, 0, `${role} ${method}: ${JSON.stringify(reply)}`)
        assert.equal(reply.action, 'DescribeZonesResponse')
        const zones = (reply.zone_set as { zone_id: string }[]).map((z) => z.zone_id).sort()
        assert.deepEqual(zones, ['pek3a', 'sh1a'])
      }
    }
    // and refuses a request signed with the wrong secret
    const user = readCredentials(credentialsFile(dataDir, 'user'))
    const bad = await callWith({ ...user, secretAccessKey: 'not-the-secret' }, 'DescribeZones')
    assert.equal(bad.ret_code, 1200)
  })

  it('serves /healthz, /readyz and /metrics with the API counters and the latency histogram', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    const health = await fetch(`${server.url}/healthz`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok' })

    const ready = await fetch(`${server.url}/readyz`)
    assert.equal(ready.status, 200)
    assert.deepEqual(await ready.json(), { status: 'ready' })

    const scrape = async () => {
      const response = await fetch(`${server!.url}/metrics`)
      assert.equal(response.status, 200)
      assert.match(String(response.headers.get('content-type')), /^text\/plain/)
      return response.text()
    }
    const counter = (text: string, retCode: number) => Number(new RegExp(`^qinglocal_api_requests_total\\{action="DescribeZones",ret_code="${retCode}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
    const user = readCredentials(credentialsFile(dataDir, 'user'))
    const earlier = await scrape()
    assert.equal((await callWith(user, 'DescribeZones')).ret_code, 0)
    assert.equal((await callWith({ ...user, secretAccessKey: 'wrong' }, 'DescribeZones')).ret_code, 1200)
    const text = await scrape()
    assert.equal(counter(text, 0), counter(earlier, 0) + 1, `DescribeZones ret_code 0 counted once in:\n${text.slice(0, 3000)}`)
    assert.equal(counter(text, 1200), counter(earlier, 1200) + 1)
    assert.match(text, /^# TYPE qinglocal_api_request_duration_seconds histogram$/m)
    assert.match(text, /^qinglocal_api_request_duration_seconds_bucket\{le="\+Inf",action="DescribeZones"\} \d+$/m)
    assert.match(text, /^qinglocal_api_request_duration_seconds_count\{action="DescribeZones"\} \d+$/m)
    assert.match(text, /^qinglocal_api_request_duration_seconds_sum\{action="DescribeZones"\} [\d.e-]+$/m)
  })

  it('keeps the same access keys across a restart, and stores the secrets sealed', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    const previous = { user: readFileSync(credentialsFile(dataDir, 'user'), 'utf8'), admin: readFileSync(credentialsFile(dataDir, 'admin'), 'utf8') }
    const masterKey = readFileSync(join(dataDir, 'master.key'), 'utf8')
    await server.close()
    server = undefined

    ;({ server } = await startInProcess(dataDir))
    const port = Number(new URL(server.url).port)
    const secrets: string[] = []
    for (const role of ['user', 'admin'] as const) {
      const was = parseYaml(previous[role]) as Record<string, unknown>
      const now = parseYaml(readFileSync(credentialsFile(dataDir, role), 'utf8')) as Record<string, unknown>
      // the port may differ (port 0), the key must not
      assert.deepEqual(now, { ...was, port }, `${role} credentials after restart`)
      assert.equal(mode(credentialsFile(dataDir, role)), 0o600)
      const reply = await callWith(readCredentials(credentialsFile(dataDir, role)), 'DescribeZones')
      assert.equal(reply.ret_code, 0, `${role} can still sign after a restart`)
      secrets.push(String(was.qy_secret_access_key))
    }
    assert.equal(readFileSync(join(dataDir, 'master.key'), 'utf8'), masterKey, 'master.key is kept')

    // the database alone reveals no secret: neither the access_keys rows nor any byte on disk
    const db = new SQLite(join(dataDir, 'qinglocal.db'), { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare('select * from access_keys').all() as Record<string, unknown>[]
      assert.equal(rows.length, 2)
      for (const row of rows) {
        assert.match(String(row.secret_sealed), /^v1:/)
        for (const secret of secrets) for (const [column, value] of Object.entries(row)) assert.ok(!String(value).includes(secret), `access_keys.${column} holds a secret in clear`)
      }
    } finally {
      db.close()
    }
    for (const name of readdirSync(dataDir).filter((n) => n.startsWith('qinglocal.db'))) {
      const bytes = readFileSync(join(dataDir, name))
      for (const secret of secrets) assert.ok(!bytes.includes(secret), `${name} contains a secret in clear`)
    }
  })
})

describe('serve() with a master key that does not belong to the database', () => {
  it('refuses to start, says why, and leaves nothing open', { timeout: TIMEOUT }, async () => {
    const dataDir = tempData()
    const { server } = await startInProcess(dataDir)
    await server.close()
    writeFileSync(join(dataDir, 'master.key'), SecretBox.generateKey().toString('base64') + '\n', { mode: 0o600 })

    await assert.rejects(startInProcess(dataDir), /master key \(master\.key in the data directory\) does not belong to this database/)
    // the failed start closed its database (on Linux, /proc shows this process's open files)
    if (existsSync('/proc/self/fd')) {
      const open = readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          return [readlinkSync(join('/proc/self/fd', fd))]
        } catch {
          return []
        }
      })
      assert.deepEqual(
        open.filter((path) => path.startsWith(dataDir)),
        [],
        'a failed start-up leaves the database open',
      )
    }

    // the command says so on stderr and exits 1
    const child = runCli(['serve', '--data', dataDir, '--port', '0'])
    const { code } = await child.exit
    assert.equal(code, 1, child.output())
    assert.match(child.stderr(), /^qinglocal could not start: the master key \(master\.key in the data directory\) does not belong to this database/m)
  })
})

// ---------------------------------------------------------------------------------------------
// `qinglocal serve` and `qinglocal call` as processes

describe('qinglocal serve as a process', () => {
  it('finishes an in-flight request on SIGTERM, then exits 0', { timeout: TIMEOUT }, async () => {
    const dataDir = tempData()
    const { child, baseUrl } = await startChild(dataDir)
    const credentials = readCredentials(credentialsFile(dataDir, 'user'))
    const { body, headers } = signedRequest({ ...credentials, method: 'POST' }, 'DescribeZones', { zone: 'pek3a' })
    assert.ok(body)

    // a POST whose body arrives slowly; `Expect: 100-continue` makes the server say when it has
    // taken the request in (Node answers 100 Continue as it hands the request to the app)
    const request = httpRequest(`${baseUrl}/iaas/`, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' },
    })
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        res.on('error', reject)
      })
      request.on('error', reject)
    })
    await once(request, 'continue')
    const half = Math.floor(body.length / 2)
    request.write(body.slice(0, half))

    child.process.kill('SIGTERM')
    await child.waitFor(/SIGTERM: finishing in-flight requests/)
    // the server has stopped listening: a new connection is refused (or told 503) while ours is open
    const deadline = Date.now() + 5000
    for (;;) {
      const status = await fetch(`${baseUrl}/healthz`).then(
        (r) => r.status,
        () => 'refused' as const,
      )
      if (status === 'refused' || status === 503) break
      assert.ok(Date.now() < deadline, 'the server still accepts new requests after SIGTERM')
      await new Promise((r) => setTimeout(r, 20))
    }
    assert.equal(child.process.exitCode, null, 'the process waits for the in-flight request')

    request.end(body.slice(half))
    const { status, text } = await response
    assert.equal(status, 200)
    const reply = JSON.parse(text)
    recordCode(reply.ret_code)
    assert.equal(reply.ret_code, 0, text)
    assert.equal(reply.action, 'DescribeZonesResponse')
    assert.equal(reply.zone_set.length, 2)

    assert.deepEqual(await child.exit, { code: 0, signal: null }, child.output())
  })

  it('never logs a secret access key, even at debug level with signature debugging', { timeout: TIMEOUT }, async () => {
    const dataDir = tempData()
    const { child, baseUrl } = await startChild(dataDir, { QINGLOCAL_LOG_LEVEL: 'debug', QINGLOCAL_DEBUG_SIGNATURES: '1' })
    const user = readCredentials(credentialsFile(dataDir, 'user'))
    const admin = readCredentials(credentialsFile(dataDir, 'admin'))

    assert.equal((await callWith(user, 'DescribeZones')).ret_code, 0)
    assert.equal((await callWith(admin, 'DescribeZones', {}, 'POST')).ret_code, 0)
    // badly signed: a wrong secret, and the right signature over a tampered request
    assert.equal((await callWith({ ...user, secretAccessKey: 'wrong' }, 'DescribeZones')).ret_code, 1200)
    const tampered = signedRequest(admin, 'DescribeZones', { zone: 'pek3a' })
    const reply = (await (await fetch(tampered.url.replace('zone=pek3a', 'zone=sh1a'))).json()) as Record<string, unknown>
    recordCode(reply.ret_code)
    assert.equal(reply.ret_code, 1200)

    child.process.kill('SIGTERM')
    assert.deepEqual(await child.exit, { code: 0, signal: null }, child.output())
    const output = child.output()
    // the logs did run at debug level with signature debugging on, and name the keys
    assert.match(output, /"msg":"signature not matched"/)
    assert.match(output, /"string_to_sign":/)
    assert.ok(output.includes(user.accessKeyId) && output.includes(admin.accessKeyId), 'the output names the access key ids')
    assert.ok(baseUrl)
    for (const [role, secret] of [
      ['user', user.secretAccessKey],
      ['admin', admin.secretAccessKey],
    ] as const) {
      assert.ok(!output.includes(secret), `the ${role} secret access key appears in the output`)
    }
  })

  it('exits 1 on an invalid configuration, listing every problem, before touching the data directory', { timeout: TIMEOUT }, async () => {
    const dataDir = tempData()
    const child = runCli(['serve', '--data', dataDir], { QINGLOCAL_PORT: 'abc', QINGLOCAL_JOB_SPEED: 'fast' })
    const { code } = await child.exit
    assert.equal(code, 1, child.output())
    assert.match(child.stderr(), /^invalid configuration:$/m)
    assert.match(child.stderr(), /^ {2}- port \(QINGLOCAL_PORT\) must be an integer from 0 to 65535, got "abc"$/m)
    assert.match(child.stderr(), /^ {2}- jobSpeed \(QINGLOCAL_JOB_SPEED\) must be one of realistic, instant, manual, got "fast"$/m)
    assert.equal(existsSync(dataDir), false, 'nothing is created for a configuration that is refused')
  })
})

describe('qinglocal call and cluster deploy', () => {
  const dataDir = tempData()
  let server: Server | undefined
  before(async () => {
    ;({ server } = await startInProcess(dataDir))
  })
  after(() => server?.close())

  /** The command in this process (src/cli/program.ts): its exit code and output. */
  async function qinglocal(args: string[]) {
    const run = await runQinglocal(args)
    return { ...run, output: () => run.stdout + run.stderr }
  }

  it('prints the JSON reply and exits 0, or 1 when ret_code is not 0', { timeout: TIMEOUT }, async () => {
    assert.ok(server)
    const file = credentialsFile(dataDir, 'user')
    const badConf = join(dataDir, 'two-masters.json')
    writeFileSync(badConf, JSON.stringify({ cluster: { vxnet: 'vxnet-0', master: { count: 2 } } }, null, 2))
    const [ok, post, bad, noConf, refused] = await Promise.all([
      qinglocal(['call', 'DescribeZones', '-f', file]),
      qinglocal(['call', 'DescribeZones', 'zones.1=sh1a', '--post', '-f', file]),
      qinglocal(['call', 'NoSuchAction', '-f', file]),
      qinglocal(['cluster', 'deploy', '--conf', join(dataDir, 'nothere.json'), '--version', 'appv-redis705', '-f', file]),
      qinglocal(['cluster', 'deploy', '--conf', badConf, '--version', 'appv-redis705', '--credentials', file]),
    ])

    // cluster deploy: a missing file is 8004 before anything is sent; the server's refusals are shown as name (code): message
    assert.equal(noConf.code, 1, noConf.output())
    assert.equal(noConf.stderr, `ConfigFileMissing (8004): missing configuration file: ${join(dataDir, 'nothere.json')} does not exist\n`)
    assert.equal(refused.code, 1, refused.output())
    assert.equal(refused.stderr, 'InvalidClusterSetting (8003): role [master] takes 3 to 10 nodes, not 2\n')

    assert.equal(ok.code, 0, ok.output())
    const reply = JSON.parse(ok.stdout)
    recordCode(reply.ret_code)
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.action, 'DescribeZonesResponse')
    assert.deepEqual(reply.zone_set.map((z: { zone_id: string }) => z.zone_id).sort(), ['pek3a', 'sh1a'])

    assert.equal(post.code, 0, post.output())
    assert.deepEqual(
      JSON.parse(post.stdout).zone_set.map((z: { zone_id: string }) => z.zone_id),
      ['sh1a'],
    )

    assert.equal(bad.code, 1, bad.output())
    const error = JSON.parse(bad.stdout)
    recordCode(error.ret_code)
    assert.equal(error.ret_code, 1101)
    assert.match(error.message, /action \[NoSuchAction\] is not supported/)
  })
})
