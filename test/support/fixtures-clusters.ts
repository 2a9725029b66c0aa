// AppCenter clusters for tests: confs for the shipped apps, a deployment that settles, and app
// versions an administrator publishes with a chosen template.
import assert from 'node:assert/strict'
import type { Key, TestApp } from './harness.ts'

export const REDIS = 'appv-redis705'
export const ZOOKEEPER = 'appv-zookp385'

/** A conf for `version` on the base network; `cluster` and `env` are merged over the defaults. */
export function conf(version: string, cluster: Record<string, unknown> = {}, env?: Record<string, unknown>): string {
  return JSON.stringify({ cluster: { name: 'test-cluster', vxnet: 'vxnet-0', ...cluster }, version, ...(env ? { env } : {}) })
}

/** DeployAppVersion as `key`'s user (default: the test user), asserting success. */
export async function deploy(t: TestApp, version: string, confText: string, options: { key?: Key; params?: Record<string, unknown> } = {}) {
  const reply = await t.call('DeployAppVersion', { version_id: version, conf: confText, ...options.params }, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply
}

/** Deploys and lets the job finish: the cluster is active. */
export async function deployed(t: TestApp, version = ZOOKEEPER, confText = conf(version), options: { key?: Key } = {}) {
  const reply = await deploy(t, version, confText, options)
  await t.settle()
  return reply as { cluster_id: string; node_ids: string[]; job_id: string }
}

export async function describeCluster(t: TestApp, id: string, options: { key?: Key; verbose?: number } = {}) {
  const reply = await t.call('DescribeClusters', { clusters: [id], ...(options.verbose ? { verbose: options.verbose } : {}) }, options.key ? { key: options.key } : {})
  assert.equal(reply.total_count, 1, `cluster ${id} should be describable`)
  return reply.cluster_set[0]
}

export async function nodesOf(t: TestApp, clusterId: string) {
  const reply = await t.call('DescribeClusterNodes', { cluster: clusterId, limit: 100 })
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.node_set as Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A single-role template: `node` with 1–5 nodes (default 2) in 1 CPU/1 GB or 2 CPU/2 GB. */
export function template(overrides: { images?: Record<string, string>; env?: unknown[]; roles?: unknown[] } = {}) {
  return JSON.stringify({
    roles: overrides.roles ?? [
      {
        role: 'node',
        shapes: [
          { cpu: 1, memory: 1024 },
          { cpu: 2, memory: 2048 },
        ],
        count: { min: 1, max: 5, default: 2 },
        ...(overrides.images ? { images: overrides.images } : {}),
      },
    ],
    env: overrides.env ?? [],
  })
}

/** Publishes an app and one version of it with `templateText` as the bootstrap admin; the version id. */
export async function publish(t: TestApp, templateText: string): Promise<string> {
  const app = await t.admin_call('CreateApp', { app_name: 'Test App' })
  assert.equal(app.ret_code, 0, app.message)
  const version = await t.admin_call('CreateAppVersion', { app: app.app_id, name: 'v1', template: templateText })
  assert.equal(version.ret_code, 0, version.message)
  return version.version_id as string
}
