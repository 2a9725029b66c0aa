// Start, stop, resize, grow, shrink and delete a cluster: one job per cluster (`job_ids`) or one
// `job_id`, the state rules in QingCloud's words, and the nodes' instances, leases and capacity
// following every change.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { conf, deployed, describeCluster, nodesOf, REDIS, ZOOKEEPER } from '../../../../test/support/fixtures-clusters.ts'
import { hostUsage } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

const instanceStatuses = async (clusterId: string) => (await nodesOf(t, clusterId)).map((n) => n.status as string)

describe('StopClusters and StartClusters', () => {
  it('stop an active cluster and start it again, each with one job per cluster', async () => {
    const a = await deployed(t)
    const b = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1 } }))
    const stop = ok(await t.call('StopClusters', { clusters: [a.cluster_id, b.cluster_id] }))
    assert.deepEqual(Object.keys(stop.job_ids).sort(), [a.cluster_id, b.cluster_id].sort())
    assert.notEqual(stop.job_ids[a.cluster_id], stop.job_ids[b.cluster_id])
    assert.equal((await describeCluster(t, a.cluster_id)).transition_status, 'stopping')
    const job = (await t.call('DescribeJobs', { jobs: [stop.job_ids[a.cluster_id]] })).job_set[0]
    assert.equal(job.job_action, 'StopClusters')
    assert.equal(job.resource_ids.split(' ')[0], a.cluster_id)
    await t.settle()
    assert.equal((await describeCluster(t, a.cluster_id)).status, 'stopped')
    assert.deepEqual(await instanceStatuses(a.cluster_id), ['stopped', 'stopped', 'stopped'])

    const again = await t.call('StopClusters', { clusters: [a.cluster_id] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, cluster [${a.cluster_id}] is [stopped], can not be stopped`])

    const start = ok(await t.call('StartClusters', { clusters: [a.cluster_id] }))
    assert.deepEqual(Object.keys(start.job_ids), [a.cluster_id])
    const busy = await t.call('DeleteClusters', { clusters: [a.cluster_id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, cluster [${a.cluster_id}] is [starting], please try later`])
    await t.settle()
    assert.equal((await describeCluster(t, a.cluster_id)).status, 'active')
    assert.deepEqual(await instanceStatuses(a.cluster_id), ['active', 'active', 'active'])
    const started = await t.call('StartClusters', { clusters: [a.cluster_id] })
    assert.equal(started.ret_code, 1400)
  })

  it('answer 2100 for an unknown cluster and 1400 for another user’s, changing none of those named', async () => {
    const mine = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1 } }))
    const unknown = await t.call('StopClusters', { clusters: [mine.cluster_id, 'cl-nothere0'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [cl-nothere0] not found'])
    assert.equal((await describeCluster(t, mine.cluster_id)).transition_status, '')
    const other = await payingUser(t, 100)
    const theirs = await t.call('StopClusters', { clusters: [mine.cluster_id] }, { key: other.key })
    assert.equal(theirs.ret_code, 1400)
    assert.match(theirs.message, /does not belong to you/)
  })

  it('answer 1100 for a list of empty ids (found by the fuzz run: PostgreSQL refused the query `in ()` with 5000)', async () => {
    for (const action of ['StartClusters', 'StopClusters', 'DeleteClusters']) {
      const reply = await t.call(action, { clusters: [''] })
      assert.deepEqual([reply.ret_code, reply.message], [1100, 'InvalidRequestFormat, missing parameter clusters'], action)
    }
  })
})

describe('DeleteClusters', () => {
  it('refuses while a node is prepaid (2300) and changes nothing', async () => {
    const reply = ok(await t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER, { zk_node: { count: 1 } }), charge_mode: 'monthly', duration: '1m' }))
    await t.settle()
    const [node] = await nodesOf(t, reply.cluster_id)
    assert.deepEqual([(await leasesOf(t, node!.instance_id))[0]!.charge_mode, (await leasesOf(t, node!.instance_id))[0]!.months], ['monthly', 1])
    const refused = await t.call('DeleteClusters', { clusters: [reply.cluster_id] })
    assert.equal(refused.ret_code, 2300)
    assert.match(refused.message, new RegExp(`instance \\[${node!.instance_id}\\] is prepaid until`))
    assert.deepEqual([(await describeCluster(t, reply.cluster_id)).status, (await describeCluster(t, reply.cluster_id)).transition_status], ['active', ''])
  })
})

describe('ResizeCluster', () => {
  it('gives every node of a role another offered shape and more storage, repriced at once', async () => {
    const c = await deployed(t, REDIS, conf(REDIS, { replica: { count: 1 } }))
    const before = await hostUsage(t)
    const reply = ok(await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'master', cpu: 2, memory: 4096, storage_size: 20, instance_class: 1 }))
    assert.deepEqual([reply.cluster_id, reply.role, reply.cpu, reply.memory, reply.storage_size], [c.cluster_id, 'master', 2, 4096, 20])
    assert.equal((await describeCluster(t, c.cluster_id)).transition_status, 'updating')
    // the capacity is reserved now: three masters grow by 1 CPU / 3 GB each
    const cpuNow = (await hostUsage(t)).reduce((n, h) => n + h.cpu, 0)
    assert.equal(cpuNow, before.reduce((n, h) => n + h.cpu, 0) + 3)
    await t.settle()
    const nodes = await nodesOf(t, c.cluster_id)
    assert.deepEqual(
      nodes.filter((n) => n.role === 'master').map((n) => [n.cpu, n.memory, n.storage_size, n.instance_class]),
      [
        [2, 4096, 20, 1],
        [2, 4096, 20, 1],
        [2, 4096, 20, 1],
      ],
    )
    assert.deepEqual(
      nodes.filter((n) => n.role === 'replica').map((n) => [n.cpu, n.memory, n.storage_size, n.instance_class]),
      [[1, 1024, 10, 0]],
    )
    const master = nodes.find((n) => n.role === 'master')!
    assert.equal((await leasesOf(t, master.instance_id))[0]!.hourly_price, (await t.store.db.selectFrom('leases').select('hourly_price').where('resource_id', '=', master.instance_id).executeTakeFirstOrThrow()).hourly_price)
    assert.ok((await leasesOf(t, master.instance_id))[0]!.hourly_price > (await leasesOf(t, nodes.find((n) => n.role === 'replica')!.instance_id))[0]!.hourly_price)
  })

  it('answers 8003 for a shape the role is not offered in, storage that shrinks, an unknown role; 1100 without a role', async () => {
    const c = await deployed(t, REDIS, conf(REDIS, { replica: { count: 0 } }))
    const shape = await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'master', cpu: 8, memory: 1024 })
    assert.deepEqual([shape.ret_code, shape.message], [8003, 'InvalidClusterSetting, role [master] is not offered with 8 CPU and 1024 MB, choose one of: 1 CPU/1024 MB, 1 CPU/2048 MB, 2 CPU/2048 MB, 2 CPU/4096 MB, 4 CPU/8192 MB'])
    ok(await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'master', storage_size: 30 }))
    await t.settle()
    const shrink = await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'master', storage_size: 20 })
    assert.deepEqual([shrink.ret_code, shrink.message], [8003, 'InvalidClusterSetting, role [master] has 30 GB of storage per node, it can only grow'])
    const role = await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'sentinel', cpu: 2, memory: 2048 })
    assert.equal(role.ret_code, 8003)
    const none = await t.call('ResizeCluster', { cluster: c.cluster_id, cpu: 2, memory: 2048 })
    assert.deepEqual([none.ret_code, none.message], [1100, `InvalidRequestFormat, missing parameter node_role, cluster [${c.cluster_id}] has the roles [master, replica]`])
    const empty = await t.call('ResizeCluster', { cluster: c.cluster_id, node_role: 'replica', cpu: 2, memory: 2048 })
    assert.equal(empty.ret_code, 8003)
    assert.match(empty.message, /role \[replica\] of cluster \[cl-\w+\] has no node to resize/)
  })
})

describe('AddClusterNodes and DeleteClusterNodes', () => {
  it('add nodes of the role’s shape up to its maximum, and delete them down to its minimum', async () => {
    const c = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1, cpu: 2, memory: 2048, volume_size: 20 } }))
    const added = ok(await t.call('AddClusterNodes', { cluster: c.cluster_id, node_count: 2, node_name: 'extra' }))
    assert.equal(added.new_node_ids.length, 2)
    assert.equal((await describeCluster(t, c.cluster_id)).transition_status, 'updating')
    await t.settle()
    const nodes = await nodesOf(t, c.cluster_id)
    assert.equal(nodes.length, 3)
    for (const id of added.new_node_ids) {
      const node = nodes.find((n) => n.node_id === id)!
      assert.deepEqual([node.name, node.cpu, node.memory, node.storage_size, node.status], ['extra', 2, 2048, 20, 'active'])
      assert.equal((await leasesOf(t, node.instance_id)).length, 1)
    }
    assert.equal((await describeCluster(t, c.cluster_id)).node_count, 3)

    const tooMany = await t.call('AddClusterNodes', { cluster: c.cluster_id, node_count: 7 })
    assert.deepEqual([tooMany.ret_code, tooMany.message], [8003, 'InvalidClusterSetting, role [zk_node] takes 1 to 9 nodes, not 10'])

    const gone = ok(await t.call('DeleteClusterNodes', { cluster: c.cluster_id, nodes: added.new_node_ids }))
    assert.deepEqual(gone.deleted_node_ids, added.new_node_ids)
    await t.settle()
    assert.equal((await nodesOf(t, c.cluster_id)).length, 1)
    const instances = (await t.call('DescribeInstances', { instances: nodes.filter((n) => added.new_node_ids.includes(n.node_id)).map((n) => n.instance_id) })).instance_set
    assert.deepEqual(
      instances.map((i: { status: string }) => i.status),
      ['ceased', 'ceased'],
    )

    const first = nodes.find((n) => !added.new_node_ids.includes(n.node_id))!
    const last = await t.call('DeleteClusterNodes', { cluster: c.cluster_id, nodes: [first.node_id] })
    assert.deepEqual([last.ret_code, last.message], [8003, 'InvalidClusterSetting, role [zk_node] takes 1 to 9 nodes, not 0'])
    const stranger = await t.call('DeleteClusterNodes', { cluster: c.cluster_id, nodes: ['cln-nothere0'] })
    assert.deepEqual([stranger.ret_code, stranger.message], [2100, `ResourceNotFound, resource [cln-nothere0] not found in cluster [${c.cluster_id}]`])
  })

  it('refuses to add nodes to a stopped cluster (1400)', async () => {
    const c = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1 } }))
    ok(await t.call('StopClusters', { clusters: [c.cluster_id] }))
    await t.settle()
    const reply = await t.call('AddClusterNodes', { cluster: c.cluster_id, node_count: 1 })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, cluster [${c.cluster_id}] is [stopped], can not take new nodes`])
  })
})

describe('DescribeClusters and DescribeClusterNodes', () => {
  it('filter by id, app, version, status, name and search word; nodes by role, status and id', async () => {
    const zk = await deployed(t, ZOOKEEPER, conf(ZOOKEEPER, { name: 'coordination', zk_node: { count: 1 } }))
    const redis = await deployed(t, REDIS, conf(REDIS, { name: 'sessions', replica: { count: 0 } }))
    const ids = async (params: Record<string, unknown>) => (await t.call('DescribeClusters', { limit: 100, ...params })).cluster_set.map((c: { cluster_id: string }) => c.cluster_id)
    assert.ok((await ids({ apps: ['app-zookeepr'] })).includes(zk.cluster_id))
    assert.equal((await ids({ apps: ['app-zookeepr'] })).includes(redis.cluster_id), false)
    assert.deepEqual(await ids({ app_versions: [REDIS], name: 'sessions' }), [redis.cluster_id])
    assert.deepEqual(await ids({ search_word: 'coordinat' }), [zk.cluster_id])
    assert.deepEqual(await ids({ clusters: [zk.cluster_id], status: ['stopped'] }), [])
    assert.ok((await ids({ role: 'zk_node' })).includes(zk.cluster_id))
    assert.equal((await ids({ role: 'zk_node' })).includes(redis.cluster_id), false)
    assert.deepEqual(await ids({ scope: 'cfgmgmt' }), [])
    const verbose = await describeCluster(t, redis.cluster_id, { verbose: 1 })
    assert.equal(verbose.nodes.length, 3)
    assert.deepEqual(verbose.role_count, { master: 3, replica: 0 })

    const nodes = await nodesOf(t, redis.cluster_id)
    const byRole = await t.call('DescribeClusterNodes', { cluster: redis.cluster_id, role: 'master' })
    assert.equal(byRole.total_count, 3)
    const byId = await t.call('DescribeClusterNodes', { nodes: [nodes[0]!.node_id] })
    assert.deepEqual(
      byId.node_set.map((n: { node_id: string }) => n.node_id),
      [nodes[0]!.node_id],
    )
    assert.equal((await t.call('DescribeClusterNodes', { cluster: redis.cluster_id, status: 'active' })).total_count, 3)
    assert.equal((await t.call('DescribeClusterNodes', { cluster: redis.cluster_id, status: 'stopped' })).total_count, 0)
    // another user sees none of them
    const other = await payingUser(t, 0)
    assert.equal((await t.call('DescribeClusterNodes', { cluster: redis.cluster_id }, { key: other.key })).total_count, 0)
    assert.equal((await t.call('DescribeClusters', { clusters: [redis.cluster_id] }, { key: other.key })).total_count, 0)
  })
})
