// What `npm run bench` measures. Three lists, read by bench/run.mjs:
//
//   targets      servers to start (in this order; each start() sees the ones started before it)
//   scenarios    one signed API action sent to one target under concurrent load
//   comparisons  ratios numerator / denominator between two scenarios of the same run
//
// Results are only ever reported as ratios against a baseline measured in the same run: absolute
// figures depend on the machine and on whatever else it is doing.
//
// Adding a scenario that needs data, like DescribeInstances with 100,000 instances below: add a
// target whose start() seeds the store (or give the scenario a setup(target), which runs once
// before the first round), the scenario, and a comparison against a scenario of the same run. A
// scenario's verify(reply, target) checks the reply before the rounds, so a scenario cannot
// measure an empty or wrong answer by mistake.
import { startBaseline, startQingLocal } from './targets.mjs'

/**
 * The 100k store: 100,000 instance rows, 90,000 of them the bootstrap user's in pek3a (what the
 * scenario lists, newest first, 20 a page, with the total count), the rest the same user's in
 * sh1a and another user's in pek3a, so the query filters by owner and zone for real.
 */
const INSTANCES_100K = { mine: 90_000, mineOtherZone: 5_000, others: 5_000 }

/** @type {{ id: string, start: (started: Record<string, any>) => Promise<any> }[]} */
export const targets = [
  { id: 'qinglocal', start: () => startQingLocal() },
  // `serve --workers 2`: the same empty store served by two processes (the primary forks them)
  { id: 'qinglocal-2w', start: () => startQingLocal({ env: { QINGLOCAL_WORKERS: '2' } }) },
  {
    id: 'qinglocal-100k',
    start: () =>
      startQingLocal({
        // TypeScript, loaded here rather than at the top: run.mjs registers tsx before any start()
        prepare: async (dataDir) => (await import('./seed-instances.ts')).seedInstances(dataDir, INSTANCES_100K),
      }),
  },
  // the baseline verifies signatures made with the key QingLocal created at bootstrap
  { id: 'baseline', start: (started) => startBaseline({ credentials: started.qinglocal.credentials }) },
]

/**
 * @type {{ id: string, label: string, target: string, action: string, params: Record<string, unknown>,
 *          path?: string, setup?: (target: any) => Promise<void>,
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
  {
    id: 'describe-instances-100k',
    label: 'QingLocal DescribeInstances (100k)',
    target: 'qinglocal-100k',
    action: 'DescribeInstances',
    params: { zone: 'pek3a', limit: 20 },
    // a full page out of every seeded row the user has there: the filters really ran over 100k
    verify: (reply, target) =>
      reply.total_count !== target.prepared.visible
        ? `total_count ${reply.total_count}, expected ${target.prepared.visible}`
        : reply.instance_set?.length !== 20
          ? `a page of ${reply.instance_set?.length} instances, expected 20`
          : undefined,
  },
]

/** @type {{ id: string, label: string, numerator: string, denominator: string }[]} */
export const comparisons = [
  { id: 'describe-zones/baseline', label: 'QingLocal DescribeZones / baseline', numerator: 'describe-zones', denominator: 'baseline' },
  // the scaling of `serve --workers`: the load generator runs on the same cores (docs/performance.md, "Workers")
  { id: 'describe-zones-2w/describe-zones', label: 'DescribeZones 2 workers / 1 worker', numerator: 'describe-zones-2w', denominator: 'describe-zones' },
  { id: 'modify-tag/describe-zones', label: 'ModifyTagAttributes (write) / DescribeZones', numerator: 'modify-tag', denominator: 'describe-zones' },
  {
    id: 'describe-instances-100k/describe-zones',
    label: 'DescribeInstances (100k) / DescribeZones',
    numerator: 'describe-instances-100k',
    denominator: 'describe-zones',
  },
]
