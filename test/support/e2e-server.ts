// `qinglocal serve` as a child process for end-to-end tests: a fresh temp data directory (the
// embedded SQLite store, on TEST_DATABASE=postgres as well: serve() cannot put its tables in a
// per-test PostgreSQL schema), a free port, an environment without the machine's QINGLOCAL_* and
// DATABASE_URL, and the project's signed client. Children still running after a test are killed.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials, type Credentials } from '../../src/cli/credentials.ts'
import { recordCode } from './codes.ts'
import { qinglocalSource } from './source-bin.ts'

export const root = new URL('../../', import.meta.url).pathname
export const TIMEOUT = 90_000
/** Generous: the machine is small and shared, and these waits are for outcomes, not timings. */
export const SETTLE_WITHIN_MS = 30_000

export const RUN = { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_name: 'e2e' }

const dirs: string[] = []
export function tempData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-e2e-'))
  dirs.push(dir)
  return join(dir, 'data')
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const children = new Set<ChildProcess>()
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
})

/**
 * The machine environment minus everything that configures QingLocal or the test runner; one
 * server process unless a test asks for workers (a failpoint's SIGKILL must end the server, not
 * one worker the primary replaces).
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('QINGLOCAL_') || name === 'DATABASE_URL' || name.startsWith('NODE_TEST') || name === 'NODE_OPTIONS') continue
    env[name] = value
  }
  return { ...env, QINGLOCAL_WORKERS: '1', ...extra }
}

export interface Served {
  child: ChildProcess
  exit: Promise<unknown[]>
  output(): string
  user: Credentials
}

/** Which launcher to run (default: the sources through tsx) and from which directory (default: the repository). */
export interface Launch {
  command?: string
  cwd?: string
}

/** `qinglocal serve` on a free port with `dataDir` at `speed`; resolves once it answers /readyz. */
export async function startServer(dataDir: string, speed: 'instant' | 'realistic', env: Record<string, string> = {}, launch: Launch = {}): Promise<Served> {
  const child = spawn(process.execPath, [...(launch.command ? [launch.command] : qinglocalSource), 'serve', '--data', dataDir, '--port', '0'], {
    cwd: launch.cwd ?? root,
    env: childEnv({ QINGLOCAL_JOB_SPEED: speed, QINGLOCAL_LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (out += chunk))
  const exit = once(child, 'close')
  let exited = false
  void exit.then(() => (exited = true))

  const deadline = Date.now() + SETTLE_WITHIN_MS
  let baseUrl: string | undefined
  for (;;) {
    assert.ok(!exited, `the server exited before it was ready:\n${out}`)
    assert.ok(Date.now() < deadline, `the server was not ready within ${SETTLE_WITHIN_MS} ms:\n${out}`)
    baseUrl ??= /QingLocal API\s+(http:\/\/[^/\s]+)\/iaas\//.exec(out)?.[1]
    if (baseUrl) {
      const status = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )
      if (status === 200) break
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  // the credential file is written before the banner, with this run's port
  const user = readCredentials(join(dataDir, 'config.yaml'))
  assert.equal(user.baseUrl, baseUrl)
  return { child, exit, output: () => out, user }
}

export type Reply = Record<string, any>

export async function call(server: Served, action: string, params: Record<string, unknown> = {}): Promise<Reply> {
  const reply = await callApi(server.user, action, { zone: 'pek3a', ...params })
  recordCode(reply.ret_code)
  return reply
}

/** Calls `action` and insists on ret_code 0. */
export async function ok(server: Served, action: string, params: Record<string, unknown> = {}): Promise<Reply> {
  const reply = await call(server, action, params)
  assert.equal(reply.ret_code, 0, `${action} ${JSON.stringify(params)}: ${JSON.stringify(reply)}`)
  return reply
}
