// What `npm run bench` measures. Three lists, read by bench/run.mjs:
//
//   targets      servers to start (in this order; each start() sees the ones started before it)
//   scenarios    one signed API action sent to one target under concurrent load
//   comparisons  ratios numerator / denominator between two scenarios of the same run
//
// Results are only ever reported as ratios against a baseline measured in the same run: absolute
// figures depend on the machine and on whatever else it is doing.
//
// Adding a scenario that needs data, like DescribeInstances with 1,000,000 instances below: add a
// target whose start() seeds the store (or give the scenario a setup(target), which runs once
// before the first round), the scenario, and a comparison against a scenario of the same run. A
// scenario's verify(reply, target) checks the reply before the rounds, so a scenario cannot
// measure an empty or wrong answer by mistake.
import { startBaseline, startQingLocal } from './targets.mjs'

// ── listings at 1M rows (issue 16 item 3): groups `listings` (SQLite) and `listings-pg` ──────────

/**
 * The 1M store: 1,000,000 instance rows, 950,000 of them the bootstrap user's in pek3a (one in 19
 * terminated: 900,000 listed by a plain DescribeInstances, newest first, 20 a page, with the total
 * count), 25,000 the same user's in sh1a and 25,000 another user's in pek3a, so the queries filter
 * by owner and zone for real. The same rows on SQLite and on a fresh PostgreSQL database.
 */
const INSTANCES_1M = { mine: 950_000, mineOtherZone: 25_000, others: 25_000 }
// TypeScript, loaded in start() rather than at the top: run.mjs registers tsx before any start()
const seed1m = async (dataDir, databaseUrl) => (await import('./seed-instances.ts')).seedInstances(dataDir, INSTANCES_1M, databaseUrl)
const listingTargets = [
  { id: 'qinglocal-1m', start: () => startQingLocal({ prepare: seed1m }) },
  { id: 'qinglocal-1m-pg', start: () => startQingLocal({ prepare: seed1m, postgres: true }) },
]
/** How deep the deep-offset scenario pages: past a tenth of the set. */
const DEEP_OFFSET = 100_000

/** A verify() for a page: total_count as seeded (`expected(prepared)`), then a full page whose rows pass `each`. */
const pageOf =
  (expected, each = () => undefined, size = 20) =>
  (reply, target) => {
    const want = expected(target.prepared)
    if (reply.total_count !== want) return `total_count ${reply.total_count}, expected ${want}`
    if (reply.instance_set?.length !== Math.min(size, want)) return `a page of ${reply.instance_set?.length} instances, expected ${Math.min(size, want)}`
    for (const i of reply.instance_set) {
      const problem = each(i, target.prepared)
      if (problem) return `${i.instance_id}: ${problem}`
    }
    return undefined
  }
const live = (i) => (i.status === 'terminated' || i.status === 'ceased' ? `status ${i.status} in a plain listing` : undefined)
const listings = [
  { id: 'page', label: 'DescribeInstances 1M', params: { limit: 20 }, verify: pageOf((p) => p.visible, live) },
  {
    id: 'status',
    label: 'DescribeInstances 1M status',
    params: { limit: 20, status: ['stopped'] },
    verify: pageOf(
      (p) => p.stopped,
      (i) => (i.status === 'stopped' ? undefined : `status ${i.status}`),
    ),
  },
  {
    id: 'type',
    label: 'DescribeInstances 1M instance_type',
    params: { limit: 20, instance_type: ['c16m32'] },
    verify: pageOf(
      (p) => p.ofType,
      (i, p) => live(i) ?? (i.instance_type === p.instanceType ? undefined : `instance_type ${i.instance_type}`),
    ),
  },
  {
    id: 'search',
    label: 'DescribeInstances 1M search_word',
    params: { limit: 20, search_word: 'bench-0001' },
    verify: pageOf(
      (p) => p.matching,
      (i, p) => live(i) ?? (i.instance_name.includes(p.searchWord) ? undefined : `name ${i.instance_name}`),
    ),
  },
  {
    id: 'tags',
    label: 'DescribeInstances 1M tags',
    params: { limit: 20, tags: ['tag-benchtag'] },
    verify: pageOf(
      (p) => p.tagged,
      (i, p) => live(i) ?? (i.tags.some((t) => t.tag_id === p.tagId) ? undefined : 'not tagged'),
    ),
  },
  {
    id: 'deep',
    label: `DescribeInstances 1M offset ${DEEP_OFFSET / 1000}k`,
    params: { limit: 20, offset: DEEP_OFFSET },
    // the seeded rows are one a minute apart, newest first, seed index i named bench-<i>, every
    // 19th terminated or ceased: the listing's row number `offset` is known
    verify: (reply, target) => {
      const problem = pageOf((p) => p.visible, live)(reply, target)
      if (problem) return problem
      let i = -1
      for (let listed = -1; listed < DEEP_OFFSET; ) if (++i % 19 !== 0) listed++
      const want = `bench-${String(i).padStart(6, '0')}`
      return reply.instance_set[0].instance_name === want ? undefined : `first row ${reply.instance_set[0].instance_name}, expected ${want}`
    },
  },
]
const listingScenarios = [
  ...listings.map((l) => ({ ...l, id: `describe-instances-1m-${l.id}`, group: 'listings', target: 'qinglocal-1m', action: 'DescribeInstances', duration: 3, params: { zone: 'pek3a', ...l.params } })),
  ...listings.map((l) => ({ ...l, id: `describe-instances-1m-pg-${l.id}`, label: `${l.label} (PG)`, group: 'listings-pg', target: 'qinglocal-1m-pg', action: 'DescribeInstances', duration: 3, params: { zone: 'pek3a', ...l.params } })),
]
// PostgreSQL's request path (access key, rate counters) runs on PostgreSQL too: its listings are
// compared with DescribeZones on the same server as well as with the SQLite one
listingScenarios.push({ id: 'describe-zones-pg', label: 'DescribeZones (PG)', group: 'listings-pg', target: 'qinglocal-1m-pg', action: 'DescribeZones', duration: 3, params: {} })
const listingComparisons = listingScenarios.flatMap((s) =>
  s.action !== 'DescribeInstances'
    ? []
    : [
        { id: `${s.id}/describe-zones`, label: `${s.label} / DescribeZones`, numerator: s.id, denominator: 'describe-zones' },
        ...(s.group === 'listings-pg' ? [{ id: `${s.id}/describe-zones-pg`, label: `${s.label} / DescribeZones (PG)`, numerator: s.id, denominator: 'describe-zones-pg' }] : []),
      ],
)

// ── the rest ────────────────────────────────────────────────────────────────────────────────────

/** @type {{ id: string, start: (started: Record<string, any>) => Promise<any> }[]} */
export const targets = [
  { id: 'qinglocal', start: () => startQingLocal() },
  // `serve --workers 2`: the same empty store served by two processes (the primary forks them)
  { id: 'qinglocal-2w', start: () => startQingLocal({ env: { QINGLOCAL_WORKERS: '2' } }) },
  ...listingTargets,
  // the baseline verifies signatures made with the key QingLocal created at bootstrap
  { id: 'baseline', start: (started) => startBaseline({ credentials: started.qinglocal.credentials }) },
]

/**
 * @type {{ id: string, label: string, target: string, action: string, params: Record<string, unknown>,
 *          path?: string, group?: string, duration?: number, setup?: (target: any) => Promise<void>,
 *          verify?: (reply: any, target: any) => string | undefined }[]}
 */
export const scenarios = [
  { id: 'baseline', label: 'baseline: node:http + HMAC verify', target: 'baseline', action: 'DescribeZones', params: {} },
  { id: 'describe-zones', label: 'QingLocal DescribeZones', target: 'qinglocal', action: 'DescribeZones', params: {} },
  { id: 'describe-zones-2w', label: 'QingLocal DescribeZones, 2 workers', target: 'qinglocal-2w', action: 'DescribeZones', params: {} },
  {
    // a write: one transaction that locks and updates the user's tag row (made once in setup)
    id: 'modify-tag',
    label: 'QingLocal ModifyTagAttributes (write)',
    target: 'qinglocal',
    action: 'ModifyTagAttributes',
    params: { description: 'bench' },
    async setup(target) {
      const { signedRequest } = await import('../src/cli/client.ts')
      const options = { baseUrl: target.baseUrl, accessKeyId: target.credentials.accessKeyId, secretAccessKey: target.credentials.secretAccessKey }
      const { url } = signedRequest(options, 'CreateTag', { tag_name: 'bench' })
      const reply = await (await fetch(url)).json()
      if (reply.ret_code !== 0 || !reply.tag_id) throw new Error(`bench setup: CreateTag answered ${JSON.stringify(reply)}`)
      this.params = { tag: reply.tag_id, description: 'bench' }
    },
  },
  // a paged listing with tags and instances (a query in one read-only snapshot) on one and on two
  // workers, and a Describe that still runs in a write transaction (DescribeSecurityGroups creates
  // the caller's default group): on SQLite the second takes the write lock, the first does not
  ...workerPair('describe-key-pairs', 'DescribeKeyPairs (query)', 'DescribeKeyPairs', { zone: 'pek3a' }, (target) => createKeyPairs(target, 3)),
  ...workerPair('describe-security-groups', 'DescribeSecurityGroups (transaction)', 'DescribeSecurityGroups', { zone: 'pek3a' }),
  ...listingScenarios,
]

/** The same scenario on `qinglocal` and on `qinglocal-2w`; setup runs for each. */
function workerPair(id, label, action, params, setup) {
  return [
    { id, label: `QingLocal ${label}`, target: 'qinglocal', action, params, ...(setup && { setup }) },
    { id: `${id}-2w`, label: `QingLocal ${label}, 2 workers`, target: 'qinglocal-2w', action, params, ...(setup && { setup }) },
  ]
}

/** Key pairs of the bench user in pek3a, made through the API once before the load. */
async function createKeyPairs(target, count) {
  const { signedRequest } = await import('../src/cli/client.ts')
  const options = { baseUrl: target.baseUrl, accessKeyId: target.credentials.accessKeyId, secretAccessKey: target.credentials.secretAccessKey }
  for (let i = 0; i < count; i++) {
    const { url } = signedRequest(options, 'CreateKeyPair', { zone: 'pek3a', keypair_name: `bench-${i}`, mode: 'system' })
    const reply = await (await fetch(url)).json()
    if (reply.ret_code !== 0) throw new Error(`bench setup: CreateKeyPair answered ${JSON.stringify(reply)}`)
  }
}

/** @type {{ id: string, label: string, numerator: string, denominator: string }[]} */
export const comparisons = [
  { id: 'describe-zones/baseline', label: 'QingLocal DescribeZones / baseline', numerator: 'describe-zones', denominator: 'baseline' },
  // the scaling of `serve --workers`: the load generator runs on the same cores (docs/performance.md, "Workers")
  { id: 'describe-zones-2w/describe-zones', label: 'DescribeZones 2 workers / 1 worker', numerator: 'describe-zones-2w', denominator: 'describe-zones' },
  { id: 'describe-key-pairs-2w/describe-key-pairs', label: 'DescribeKeyPairs (query) 2 workers / 1 worker', numerator: 'describe-key-pairs-2w', denominator: 'describe-key-pairs' },
  { id: 'describe-security-groups-2w/describe-security-groups', label: 'DescribeSecurityGroups (transaction) 2 workers / 1 worker', numerator: 'describe-security-groups-2w', denominator: 'describe-security-groups' },
  { id: 'modify-tag/describe-zones', label: 'ModifyTagAttributes (write) / DescribeZones', numerator: 'modify-tag', denominator: 'describe-zones' },
  ...listingComparisons,
]
