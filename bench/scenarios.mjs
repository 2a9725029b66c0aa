// What `npm run bench` measures. Three lists, read by bench/run.mjs:
//
//   targets      servers to start (in this order; each start() sees the ones started before it)
//   scenarios    one signed API action sent to one target under concurrent load
//   comparisons  ratios numerator / denominator between two scenarios of the same run
//
// Results are only ever reported as ratios against a baseline measured in the same run: absolute
// figures depend on the machine and on whatever else it is doing.
//
// Adding a scenario, e.g. "DescribeInstances with 100,000 instances in the store, as a ratio to
// DescribeZones": add a target whose start() seeds the store (or give the scenario a setup(target)
// that does, it runs once before the first round), then
//   { id: 'describe-instances-100k', label: 'QingLocal DescribeInstances (100k)', target: 'qinglocal-100k',
//     action: 'DescribeInstances', params: { zone: 'pek3a', limit: 20 } }
// and a comparison { numerator: 'describe-instances-100k', denominator: 'describe-zones' }.
import { startBaseline, startQingLocal } from './targets.mjs'

/** @type {{ id: string, start: (started: Record<string, any>) => Promise<any> }[]} */
export const targets = [
  { id: 'qinglocal', start: () => startQingLocal() },
  // the baseline verifies signatures made with the key QingLocal created at bootstrap
  { id: 'baseline', start: (started) => startBaseline({ credentials: started.qinglocal.credentials }) },
]

/**
 * @type {{ id: string, label: string, target: string, action: string, params: Record<string, unknown>,
 *          path?: string, setup?: (target: any) => Promise<void> }[]}
 */
export const scenarios = [
  { id: 'baseline', label: 'baseline: node:http + HMAC verify', target: 'baseline', action: 'DescribeZones', params: {} },
  { id: 'describe-zones', label: 'QingLocal DescribeZones', target: 'qinglocal', action: 'DescribeZones', params: {} },
]

/** @type {{ id: string, label: string, numerator: string, denominator: string }[]} */
export const comparisons = [
  { id: 'describe-zones/baseline', label: 'QingLocal DescribeZones / baseline', numerator: 'describe-zones', denominator: 'baseline' },
]
