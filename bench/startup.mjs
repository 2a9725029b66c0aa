// Start-up rows of `npm run bench`: how long the built `qinglocal` takes to start, each as a ratio
// to a bare `node -e` doing the same thing, measured in the same run (alternating, median of runs):
//
//   cold start   `qinglocal serve` on a fresh data directory until /readyz answers 200,
//                against `node -e` starting a node:http server until it answers 200
//   cli call     `qinglocal call DescribeZones` (signed, against a running server) until it exits,
//                against `node -e` sending one node:http GET to the same server until it exits
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, repoRoot } from './targets.mjs'

const bin = join(repoRoot, 'bin', 'qinglocal.mjs')
const BARE_SERVER = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')"
const BARE_CLIENT = "require('node:http').get(process.argv[1], { agent: false }, (r) => { r.resume(); r.on('end', () => console.log(r.statusCode)) })"

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The environment a child gets: ours, minus every setting that could point it elsewhere. */
function cleanEnv() {
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (name.startsWith('QINGLOCAL_') || name === 'DATABASE_URL' || name === 'NODE_OPTIONS') delete env[name]
  return env
}

/** HTTP status of one GET (0 when nothing answers), on its own connection. */
function status(url) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}

/** Spawns `args`, polls `url` every 2 ms until 200; resolves to the milliseconds from spawn, then stops the child. */
async function timeToReady(args, url) {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let gone = false
  void exited.then(() => (gone = true))
  try {
    for (;;) {
      if (gone) throw new Error(`${args.join(' ')} exited before ${url} answered:\n${stderr}`)
      if (performance.now() - t0 > 30_000) throw new Error(`${url} did not answer within 30 s:\n${stderr}`)
      if ((await status(url)) === 200) return performance.now() - t0
      await new Promise((r) => setTimeout(r, 2))
    }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

/** Runs `args` to its end; resolves to the milliseconds from spawn to exit and its stdout; rejects on a non-zero exit. */
function timeToExit(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.once('exit', (code) => {
      const ms = performance.now() - t0
      if (code === 0) resolve({ ms, out })
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`))
    })
  })
}

/** One cold start of the built server on a fresh data directory; the directory is removed after. */
async function coldStart() {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-bench-start-'))
  try {
    const port = await freePort()
    // one process: the figure stays comparable to earlier runs and machines (workers start after the primary migrated)
    return await timeToReady([bin, 'serve', '--data', join(dir, 'data'), '--host', '127.0.0.1', '--port', String(port), '--workers', '1'], `http://127.0.0.1:${port}/readyz`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function bareServer() {
  const port = await freePort()
  return timeToReady(['-e', BARE_SERVER, String(port)], `http://127.0.0.1:${port}/`)
}

/**
 * `runs` alternating measurements of each pair; `target` is a running QingLocal (bench/targets.mjs)
 * whose data directory holds the user's credentials file for `qinglocal call`.
 */
export async function measureStartup(target, runs) {
  const samples = { bare_server_ms: [], cold_start_ms: [], bare_call_ms: [], cli_call_ms: [] }
  const credentials = join(target.dataDir, 'config.yaml')
  for (let i = 0; i < runs; i++) {
    // the order alternates so neither side always runs right after the other's cache warm-up
    const pair = [async () => samples.bare_server_ms.push(await bareServer()), async () => samples.cold_start_ms.push(await coldStart())]
    for (const step of i % 2 ? pair.reverse() : pair) await step()
    const calls = [
      async () => samples.bare_call_ms.push((await timeToExit(['-e', BARE_CLIENT, `${target.baseUrl}/readyz`])).ms),
      async () => {
        const { ms, out } = await timeToExit([bin, 'call', '-f', credentials, 'DescribeZones'])
        if (JSON.parse(out).ret_code !== 0) throw new Error(`qinglocal call DescribeZones failed:\n${out}`)
        samples.cli_call_ms.push(ms)
      },
    ]
    for (const step of i % 2 ? calls.reverse() : calls) await step()
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  return {
    runs,
    ...m,
    cold_start_ratio: m.cold_start_ms / m.bare_server_ms,
    cli_call_ratio: m.cli_call_ms / m.bare_call_ms,
    samples,
  }
}
