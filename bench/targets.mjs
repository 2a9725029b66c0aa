// The servers a benchmark measures, each started as its own child process so the load generator
// (in bench/run.mjs) never shares an event loop with the server it measures.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

/** A port nothing listens on right now (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/** The environment a child server gets: ours, minus every setting that could point it elsewhere. */
function cleanEnv(extra) {
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (name.startsWith('QINGLOCAL_') || name === 'DATABASE_URL') delete env[name]
  return { ...env, ...extra }
}

/** Spawns a node child, keeping the tail of its output for error messages. */
function spawnNode(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return {
    name,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Polls `url` until it answers 200, the child exits, or the time is up. */
async function waitReady(proc, url, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  let died = false
  proc.exited.then(() => (died = true))
  while (Date.now() < deadline) {
    if (died) throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`)
    try {
      const response = await fetch(url)
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await proc.stop()
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${proc.output()}`)
}

/**
 * A fresh PostgreSQL database for one bench target, made on the server `QINGLOCAL_BENCH_PG` names
 * (default postgres://postgres@127.0.0.1:5432/test, the development server) and dropped by `drop()`.
 */
export async function freshPostgresDatabase() {
  const { default: pg } = await import('pg')
  const admin = process.env.QINGLOCAL_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test'
  const name = `qinglocal_bench_${process.pid}_${Date.now().toString(36)}`
  const run = async (text) => {
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  }
  await run(`create database ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) }
}

/**
 * `node bin/qinglocal.mjs serve` on a free port with a fresh data directory (embedded SQLite in
 * it; `postgres: true`: a fresh PostgreSQL database instead, dropped at stop()).
 * `prepare(dataDir, databaseUrl)`, when given, runs first and may fill the store; what it resolves
 * to is kept as `prepared`. `nodeArgs` go to node before the script (e.g. --cpu-prof). Resolves to { baseUrl, credentials: { accessKeyId, secretAccessKey },
 * dataDir, prepared, pid, stop() }.
 */
export async function startQingLocal({ env = {}, prepare, postgres = false, nodeArgs = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglocal-bench-'))
  const database = postgres ? await freshPostgresDatabase() : undefined
  if (database) env = { ...env, DATABASE_URL: database.url }
  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true })
    await database?.drop()
  }
  let prepared
  try {
    prepared = await prepare?.(dataDir, database?.url)
  } catch (error) {
    await cleanUp()
    throw error
  }
  const port = await freePort()
  const proc = spawnNode(
    'qinglocal',
    [...nodeArgs, 'bin/qinglocal.mjs', 'serve'],
    cleanEnv({
      QINGLOCAL_DATA: dataDir,
      QINGLOCAL_HOST: '127.0.0.1',
      QINGLOCAL_PORT: String(port),
      QINGLOCAL_LOG_LEVEL: 'warn',
      // one process unless the target asks for workers: the ratios stay comparable across machines
      QINGLOCAL_WORKERS: '1',
      ...env,
    }),
  )
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitReady(proc, `${baseUrl}/readyz`)
  } catch (error) {
    await cleanUp()
    throw error
  }
  // written right after listen(), before the first request is served, so present once ready
  const file = parseYaml(readFileSync(join(dataDir, 'config.yaml'), 'utf8'))
  return {
    name: 'qinglocal',
    baseUrl,
    dataDir,
    prepared,
    pid: proc.child.pid,
    credentials: { accessKeyId: file.qy_access_key_id, secretAccessKey: file.qy_secret_access_key },
    output: proc.output,
    async stop() {
      await proc.stop()
      await cleanUp()
    },
  }
}

/** bench/baseline-server.mjs accepting the given credentials, on a free port. */
export async function startBaseline({ credentials }) {
  const port = await freePort()
  const proc = spawnNode(
    'baseline',
    ['bench/baseline-server.mjs'],
    cleanEnv({
      BENCH_PORT: String(port),
      BENCH_ACCESS_KEY_ID: credentials.accessKeyId,
      BENCH_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
  )
  const baseUrl = `http://127.0.0.1:${port}`
  await waitReady(proc, `${baseUrl}/readyz`)
  return { name: 'baseline', baseUrl, credentials, pid: proc.child.pid, output: proc.output, stop: () => proc.stop() }
}
