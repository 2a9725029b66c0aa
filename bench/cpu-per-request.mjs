// CPU time per request of the built server: utime + stime of its process (/proc/<pid>/stat) over
// an autocannon run, divided by the requests it served. Steadier than req/s on a busy machine.
//   node bench/cpu-per-request.mjs [runs=4] [seconds=4]      (after npm run build)
// BENCH_CPU_PAGE=1: a DescribeInstances page of 20 (with total_count) on the seeded 1M-row store of
// the listings bench instead of DescribeZones on a fresh one; BENCH_CPU_POSTGRES=1: on PostgreSQL.
// QINGLOCAL_* variables set here reach the server (e.g. QINGLOCAL_LOG_LEVEL=info for the access log).
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { register } from 'tsx/esm/api'
import { startQingLocal } from './targets.mjs'

// requests are signed by the project's own client code, as bench/run.mjs does
register()
const { signedRequest } = await import('../src/cli/client.ts')
const runs = Number(process.argv[2] ?? 4)
const seconds = Number(process.argv[3] ?? 4)
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('QINGLOCAL_')))

const ticks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15)
}
const load = (baseUrl, paths, duration) =>
  new Promise((resolve, reject) => {
    autocannon({ url: baseUrl, connections: 10, duration, requests: paths.map((path) => ({ method: 'GET', path })) }, (error, result) => (error ? reject(error) : resolve(result)))
  })

// SERVER_NODE_ARGS go to the server's node, e.g. '--cpu-prof --cpu-prof-dir=prof'
const page = process.env.BENCH_CPU_PAGE === '1'
const [action, params] = page ? ['DescribeInstances', { zone: 'pek3a', limit: 20 }] : ['DescribeZones', {}]
const prepare = page ? async (dataDir, databaseUrl) => (await import('./seed-instances.ts')).seedInstances(dataDir, { mine: 950_000, mineOtherZone: 25_000, others: 25_000 }, databaseUrl) : undefined
const target = await startQingLocal({ env, prepare, postgres: process.env.BENCH_CPU_POSTGRES === '1', nodeArgs: (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) })
try {
  const t0 = Date.now()
  const paths = []
  for (let i = 0; i < 1000; i++) {
    const at = new Date(t0 - (i % 20) * 1000)
    paths.push(signedRequest({ baseUrl: '', uri: '/iaas/', accessKeyId: target.credentials.accessKeyId, secretAccessKey: target.credentials.secretAccessKey, now: () => at }, action, params).url)
  }
  const check = await (await fetch(target.baseUrl + paths[0])).json()
  if (check.ret_code !== 0) throw new Error(`${action} answered ${JSON.stringify(check).slice(0, 500)}`)
  await load(target.baseUrl, paths, 2) // warm-up
  const figures = []
  for (let i = 0; i < runs; i++) {
    const before = ticks(target.pid)
    const result = await load(target.baseUrl, paths, seconds)
    const used = ticks(target.pid) - before
    const requests = result.requests.total
    figures.push((used * 10_000) / requests) // 100 ticks a second → µs
    console.log(`run ${i + 1}: ${requests} requests, ${((used * 10_000) / requests).toFixed(1)} µs CPU each, ${result.non2xx} non-2xx`)
  }
  figures.sort((a, b) => a - b)
  console.log(`median ${figures[Math.floor(figures.length / 2)].toFixed(1)} µs, range ${figures[0].toFixed(1)}–${figures.at(-1).toFixed(1)}`)
} finally {
  await target.stop()
}
