// `npm run bench`: signed-API throughput and p99 latency of QingLocal under concurrent load, as
// ratios to a bare node:http server that only verifies the same HMAC, measured in the same run.
//
// Each server runs as its own child process; the load generator (autocannon) runs here. Rounds
// interleave the scenarios in rotating order (A B, B A, A B, …) and the medians over rounds are
// reported, because the machine is small and shared. Every request carries a fresh signature from
// a pre-signed pool (re-signed before every measurement, well inside the ±60 s time_stamp window),
// and every reply is checked for `"ret_code":0`: a run with a failed request does not count.
//
//   npm run bench [-- --rounds 3 --duration 6 --warmup 1 --connections 10 --pool 1000 --startup-runs 5 --out FILE]
//                 [-- --groups core,listings,listings-pg]   (scenario groups to run; default all)
//
// A scenario may set its own `duration` (seconds), shorter than --duration, so the listing
// scenarios keep the whole run within a few minutes; --duration caps it.
//
// Before the load rounds, the start-up rows (bench/startup.mjs): cold start of the built server to
// /readyz and `qinglocal call DescribeZones`, as ratios to bare `node -e` starts (median of
// --startup-runs). The servers run the build in dist/, rebuilt first when a source is newer.
//
// Figures: bench/results/latest.json (and the table on stdout). Exit status 1 when a request failed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { register } from 'tsx/esm/api'
import { ensureBuilt } from '../scripts/build.mjs'
import { comparisons as allComparisons, scenarios as allScenarios, targets as allTargets } from './scenarios.mjs'
import { measureStartup } from './startup.mjs'
import { repoRoot } from './targets.mjs'

// requests are signed by the project's own client code (TypeScript, loaded through tsx)
register()
const { signedRequest } = await import('../src/cli/client.ts')

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '1' },
    'first-warmup': { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    pool: { type: 'string', default: '1000' },
    'startup-runs': { type: 'string', default: '5' },
    out: { type: 'string', default: join(repoRoot, 'bench', 'results', 'latest.json') },
    groups: { type: 'string' },
  },
})
// --groups: only the scenarios of these groups (a scenario without a group is in `core`), the
// targets they use (and qinglocal, which the start-up rows measure), the comparisons between them
const knownGroups = new Set(allScenarios.map((s) => s.group ?? 'core'))
const groups = flags.groups ? flags.groups.split(',').map((g) => g.trim()) : [...knownGroups]
for (const g of groups) if (!knownGroups.has(g)) throw new Error(`--groups: no scenario group "${g}" (known: ${[...knownGroups].join(', ')})`)
const picked = allScenarios.filter((s) => groups.includes(s.group ?? 'core'))
// …and what their comparisons divide by (DescribeZones), whatever its group
const scenarios = allScenarios.filter((s) => picked.includes(s) || allComparisons.some((c) => c.denominator === s.id && picked.some((p) => p.id === c.numerator)))
const comparisons = allComparisons.filter((c) => scenarios.some((s) => s.id === c.numerator) && scenarios.some((s) => s.id === c.denominator))
const targets = allTargets.filter((t) => t.id === 'qinglocal' || scenarios.some((s) => s.target === t.id))
const positive = (name) => {
  const n = Number(flags[name])
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${flags[name]}"`)
  return n
}
const settings = {
  rounds: Math.round(positive('rounds')),
  durationSeconds: positive('duration'),
  warmupSeconds: positive('warmup'),
  firstWarmupSeconds: positive('first-warmup'),
  connections: Math.round(positive('connections')),
  pool: Math.round(positive('pool')),
  startupRuns: Math.round(positive('startup-runs')),
  pipelining: 1,
}

// ── signing ───────────────────────────────────────────────────────────────────────────────────

/**
 * `count` signed request paths (`/iaas/?…&signature=…`) for one scenario. time_stamps spread over
 * the last 20 seconds so the pool holds distinct signatures and stays fresh for the whole run.
 */
function signPool(scenario, credentials, count) {
  const t0 = Date.now()
  const paths = []
  for (let i = 0; i < count; i++) {
    const at = new Date(t0 - (i % 20) * 1000)
    const options = { baseUrl: '', uri: scenario.path ?? '/iaas/', accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, now: () => at }
    paths.push(signedRequest(options, scenario.action, scenario.params).url)
  }
  return paths
}

/** One request through fetch; throws unless the reply is JSON with ret_code 0. */
async function checkOnce(baseUrl, path, label, verify) {
  const response = await fetch(baseUrl + path)
  const text = await response.text()
  let body
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(`${label}: HTTP ${response.status}, reply is not JSON: ${text.slice(0, 300)}`)
  }
  if (response.status !== 200 || body.ret_code !== 0) throw new Error(`${label}: HTTP ${response.status} ${text.slice(0, 300)}`)
  const problem = verify?.(body)
  if (problem) throw new Error(`${label}: ${problem}: ${text.slice(0, 300)}`)
}

// ── load ──────────────────────────────────────────────────────────────────────────────────────

const okBody = (body) => body.endsWith('"ret_code":0}')

/** Runs autocannon against `baseUrl`, cycling through `paths`. Latencies are kept unrounded. */
function load(baseUrl, paths, seconds) {
  return new Promise((resolve, reject) => {
    const latencies = []
    const instance = autocannon(
      {
        url: baseUrl,
        connections: settings.connections,
        pipelining: settings.pipelining,
        duration: seconds,
        timeout: 10,
        requests: paths.map((path) => ({ method: 'GET', path })),
        verifyBody: okBody,
      },
      (error, result) => (error ? reject(error) : resolve({ result, latencies })),
    )
    // autocannon's own histogram is in whole milliseconds; keep the exact figures instead
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime)
    })
  })
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function measure(scenario, target) {
  const paths = signPool(scenario, target.credentials, settings.pool)
  await checkOnce(target.baseUrl, paths[paths.length - 1], scenario.label, scenario.verify && ((body) => scenario.verify(body, target)))
  await load(target.baseUrl, paths, settings.warmupSeconds)
  const { result, latencies } = await load(target.baseUrl, paths, Math.min(scenario.duration ?? Infinity, settings.durationSeconds))
  latencies.sort((a, b) => a - b)
  const failed = result.errors + result.timeouts + result.mismatches + result.non2xx
  return {
    requests: latencies.length,
    seconds: result.duration,
    rps: latencies.length / result.duration,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies[latencies.length - 1] ?? NaN,
    failed,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    non2xx: result.non2xx,
  }
}

// ── report ────────────────────────────────────────────────────────────────────────────────────

const fmt = {
  rps: (n) => (Number.isFinite(n) ? Math.round(n).toString() : '-'),
  ms: (n) => (Number.isFinite(n) ? n.toFixed(2) : '-'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(3) : '-'),
  mb: (n) => (Number.isFinite(n) ? n.toFixed(1) : '-'),
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** Resident and peak resident memory of a server process, in MB, from /proc (Linux only). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const mb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]) / 1024
    return { rss_mb: mb('VmRSS'), peak_rss_mb: mb('VmHWM') }
  } catch {
    return undefined
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

const started = {}
let stopping
async function stopAll() {
  stopping ??= Promise.allSettled(
    Object.values(started)
      .reverse()
      .map((t) => t.stop()),
  )
  await stopping
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers…\n`)
    stopAll().then(() => process.exit(130))
  })
}

const log = (text) => process.stdout.write(text + '\n')
const wallStart = Date.now()
const loadBefore = os.loadavg()
let exitCode = 0

try {
  for (const scenario of scenarios) {
    if (!targets.some((t) => t.id === scenario.target)) throw new Error(`scenario ${scenario.id}: no target ${scenario.target}`)
  }
  for (const c of comparisons) {
    for (const id of [c.numerator, c.denominator]) if (!scenarios.some((s) => s.id === id)) throw new Error(`comparison ${c.id}: no scenario ${id}`)
  }

  log(
    `qinglocal bench: ${settings.rounds} rounds × ${scenarios.length} scenarios, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s each, ` +
      `${settings.connections} connections, ${os.cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  )

  if (await ensureBuilt()) log('  built dist/ (it was missing or older than the sources)')
  for (const target of targets) {
    started[target.id] = await target.start(started)
    const { baseUrl, prepared } = started[target.id]
    log(`  started ${target.id} at ${baseUrl}` + (typeof prepared?.summary === 'string' ? ` (${prepared.summary})` : ''))
  }
  // ── idle memory (issue 16: < 100 MB): each server right after it answered /readyz, before any set-up or load
  const idleMemory = Object.fromEntries(
    targets.flatMap((t) => {
      const m = started[t.id].pid && memoryOf(started[t.id].pid)
      return m ? [[t.id, m]] : []
    }),
  )
  // ──
  for (const scenario of scenarios) await scenario.setup?.(started[scenario.target])

  // before any load, while every server is idle
  const startup = await measureStartup(started.qinglocal, settings.startupRuns)
  log(
    `  start-up (median of ${startup.runs}): cold start ${fmt.ms(startup.cold_start_ms)} ms (bare node ${fmt.ms(startup.bare_server_ms)} ms), ` +
      `qinglocal call ${fmt.ms(startup.cli_call_ms)} ms (bare node ${fmt.ms(startup.bare_call_ms)} ms)`,
  )

  // first touch of each server: JIT, connection pools, SQLite page cache
  for (const scenario of scenarios) {
    const target = started[scenario.target]
    await load(target.baseUrl, signPool(scenario, target.credentials, settings.pool), settings.firstWarmupSeconds)
  }

  const runs = Object.fromEntries(scenarios.map((s) => [s.id, []]))
  for (let round = 0; round < settings.rounds; round++) {
    const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length])
    for (const scenario of order) {
      const run = await measure(scenario, started[scenario.target])
      runs[scenario.id].push({ round: round + 1, ...run })
      log(`  round ${round + 1}  ${scenario.label.padEnd(44)} ${fmt.rps(run.rps).padStart(7)} req/s  p99 ${fmt.ms(run.p99_ms).padStart(7)} ms` + (run.failed ? `  FAILED REQUESTS: ${run.failed}` : ''))
      if (run.failed) exitCode = 1
    }
  }

  const summary = Object.fromEntries(
    scenarios.map((s) => {
      const r = runs[s.id]
      return [
        s.id,
        {
          label: s.label,
          target: s.target,
          action: s.action,
          rps: median(r.map((x) => x.rps)),
          p50_ms: median(r.map((x) => x.p50_ms)),
          p99_ms: median(r.map((x) => x.p99_ms)),
          rps_range: [Math.min(...r.map((x) => x.rps)), Math.max(...r.map((x) => x.rps))],
          p99_range_ms: [Math.min(...r.map((x) => x.p99_ms)), Math.max(...r.map((x) => x.p99_ms))],
          failed: r.reduce((n, x) => n + x.failed, 0),
          runs: r,
        },
      ]
    }),
  )
  const ratios = comparisons.map((c) => {
    const num = summary[c.numerator]
    const den = summary[c.denominator]
    // paired per round: the two were measured seconds apart, under the same background load
    const perRound = runs[c.numerator].map((n, i) => {
      const d = runs[c.denominator][i]
      return { round: n.round, throughput: n.rps / d.rps, p99: n.p99_ms / d.p99_ms }
    })
    return {
      id: c.id,
      label: c.label,
      numerator: c.numerator,
      denominator: c.denominator,
      throughput: num.rps / den.rps,
      p99: num.p99_ms / den.p99_ms,
      p50: num.p50_ms / den.p50_ms,
      per_round: perRound,
    }
  })

  log('')
  log(`medians of ${settings.rounds} rounds (range over rounds in brackets)`)
  log(
    table(
      ['scenario', 'req/s', '[min - max]', 'p50 ms', 'p99 ms', '[min - max]', 'failed'],
      scenarios.map((s) => {
        const m = summary[s.id]
        return [s.label, fmt.rps(m.rps), `[${fmt.rps(m.rps_range[0])} - ${fmt.rps(m.rps_range[1])}]`, fmt.ms(m.p50_ms), fmt.ms(m.p99_ms), `[${fmt.ms(m.p99_range_ms[0])} - ${fmt.ms(m.p99_range_ms[1])}]`, String(m.failed)]
      }),
    ),
  )
  log('')
  log(`ratios of the medians (last column: the paired ratio of each round, throughput/p99)`)
  log(
    table(
      ['comparison', 'throughput', 'p99 latency', 'per round'],
      ratios.map((r) => [r.label, `${fmt.ratio(r.throughput)}x`, `${fmt.ratio(r.p99)}x`, r.per_round.map((p) => `${fmt.ratio(p.throughput)}/${fmt.ratio(p.p99)}`).join('  ')]),
    ),
  )
  log('throughput ratio < 1 means QingLocal serves fewer requests per second than the baseline; p99 ratio > 1 means slower.')

  log('')
  log(`start-up, medians of ${startup.runs} runs each (ratio > 1 means slower than bare node)`)
  log(
    table(
      ['measure', 'qinglocal ms', 'bare node -e ms', 'ratio'],
      [
        ['cold start to /readyz (fresh data directory)', fmt.ms(startup.cold_start_ms), fmt.ms(startup.bare_server_ms), `${fmt.ratio(startup.cold_start_ratio)}x`],
        ['qinglocal call DescribeZones (wall time)', fmt.ms(startup.cli_call_ms), fmt.ms(startup.bare_call_ms), `${fmt.ratio(startup.cli_call_ratio)}x`],
      ],
    ),
  )

  // measured after the rounds, while every server is still up
  const memory = Object.fromEntries(
    targets.flatMap((t) => {
      const m = started[t.id].pid && memoryOf(started[t.id].pid)
      return m ? [[t.id, m]] : []
    }),
  )
  if (Object.keys(memory).length > 0) {
    log('')
    log('server memory (MB): idle right after start (/readyz answered, nothing else asked yet), then after the rounds')
    log(
      table(
        ['target', 'idle rss', 'rss', 'peak rss'],
        Object.entries(memory).map(([id, m]) => [id, fmt.mb(idleMemory[id]?.rss_mb), fmt.mb(m.rss_mb), fmt.mb(m.peak_rss_mb)]),
      ),
    )
  }

  const report = {
    date: new Date(wallStart).toISOString(),
    wall_seconds: Math.round((Date.now() - wallStart) / 100) / 10,
    commit: gitCommit(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    loadavg_before: loadBefore,
    loadavg_after: os.loadavg(),
    settings,
    groups,
    scenarios: summary,
    comparisons: ratios,
    startup,
    memory,
    memory_idle_after_start: idleMemory,
    seeded: Object.fromEntries(Object.entries(started).flatMap(([id, t]) => (t.prepared ? [[id, t.prepared]] : []))),
    ok: exitCode === 0,
  }
  mkdirSync(dirname(flags.out), { recursive: true })
  writeFileSync(flags.out, JSON.stringify(report, null, 2) + '\n')
  log(`\nwritten ${relative(process.cwd(), flags.out) || flags.out}  (${report.wall_seconds} s)`)
  if (exitCode) log('some requests failed: these figures are not valid')
} catch (error) {
  exitCode = 1
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  await stopAll()
}
process.exit(exitCode)
