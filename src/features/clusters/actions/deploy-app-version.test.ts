import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { conf, deploy, describeCluster, nodesOf, publish, REDIS, template, ZOOKEEPER } from '../../../../test/support/fixtures-clusters.ts'
import { hostUsage } from '../../../../test/support/fixtures-instances.ts'
import { createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const countRows = async (table: 'instances' | 'clusters' | 'cluster_nodes' | 'leases') =>
  Number(
    (
      await t.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('DeployAppVersion', () => {
  it('creates the cluster and its nodes as instances, billed, and DeleteClusters takes them all away', async () => {
    const before = await balance(t, t.user.user_id)
    const reply = await deploy(t, REDIS, conf(REDIS, { name: 'cache', master: { count: 3, cpu: 2, memory: 2048 }, replica: { count: 1 } }, { port: 7000 }))
    assert.equal(reply.action, 'CreateClusterResponse')
    assert.match(reply.cluster_id, /^cl-[0-9a-z]{8}$/)
    assert.deepEqual([reply.cluster_name, reply.app_id, reply.app_version, reply.node_count, reply.vxnet_id], ['cache', 'app-rediscls', REDIS, 4, 'vxnet-0'])
    assert.equal(reply.node_ids.length, 4)
    for (const id of reply.node_ids) assert.match(id, /^cln-[0-9a-z]{8}$/)
    assert.match(reply.job_id, /^j-/)

    // pending at once, the nodes' instances visible in DescribeInstances
    const pending = await describeCluster(t, reply.cluster_id)
    assert.deepEqual([pending.status, pending.transition_status], ['pending', 'creating'])
    const nodes = await nodesOf(t, reply.cluster_id)
    const instanceIds = nodes.map((n) => n.instance_id as string)
    const listed = await t.call('DescribeInstances', { instances: instanceIds })
    assert.equal(listed.total_count, 4)
    for (const i of listed.instance_set) assert.deepEqual([i.status, i.transition_status], ['pending', 'creating'])

    await t.settle()
    const active = await describeCluster(t, reply.cluster_id)
    assert.deepEqual([active.status, active.transition_status, active.node_count], ['active', '', 4])
    assert.deepEqual(active.role_count, { master: 3, replica: 1 })
    const running = await t.call('DescribeInstances', { instances: instanceIds })
    const shapes = running.instance_set.map((i: Record<string, unknown>) => `${i.status} ${i.instance_type}`).sort()
    assert.deepEqual(shapes, ['running c1m1', 'running c2m2', 'running c2m2', 'running c2m2'])
    // every node has its own address in the cluster's network (vxnet-0 here), shown on the node and its instance
    const addressed = await nodesOf(t, reply.cluster_id)
    for (const n of addressed) assert.match(n.private_ip, /^10\.140\.\d+\.\d+$/)
    assert.equal(new Set(addressed.map((n) => n.private_ip)).size, 4)
    for (const i of running.instance_set) assert.equal(i.vxnets[0].private_ip, addressed.find((n) => n.instance_id === i.instance_id)!.private_ip)
    // the documented node fields, in the Go SDK's ClusterNode types (env is a JSON string)
    for (const n of addressed) {
      const instance = running.instance_set.find((i: { instance_id: string }) => i.instance_id === n.instance_id)
      assert.deepEqual([n.app_id, n.app_version, n.instance_type, n.health_check, n.monitor], ['app-rediscls', REDIS, instance.instance_type, {}, {}])
      assert.match(n.security_group, /^sg-[0-9a-z]{8}$/, 'the node instance’s group, the caller’s default one')
      assert.equal(JSON.parse(n.env).port, 7000)
    }
    // times the SDK decodes as *time.Time: null when there is none ("" fails the whole DescribeClusters)
    assert.deepEqual([active.upgrade_time, active.lastest_snapshot_time, active.latest_snapshot_time], [null, null, null])

    // billed like any instance: one lease each, the first hour charged (c2m2 0.14/h, c1m1 0.07/h at the default prices)
    for (const id of instanceIds) assert.equal((await leasesOf(t, id)).length, 1)
    const firstHour = (await Promise.all(instanceIds.map((id) => chargesOf(t, id)))).flat().reduce((n, c) => n + c[1], 0)
    assert.equal(firstHour, 3 * 1400 + 700)
    assert.equal(await balance(t, t.user.user_id), before - firstHour)

    const deleted = await t.call('DeleteClusters', { clusters: [reply.cluster_id] })
    assert.equal(deleted.ret_code, 0, deleted.message)
    assert.deepEqual(Object.keys(deleted.job_ids), [reply.cluster_id])
    assert.match(deleted.job_ids[reply.cluster_id], /^j-/)
    assert.equal((await describeCluster(t, reply.cluster_id)).transition_status, 'deleting')
    await t.settle()

    assert.equal((await describeCluster(t, reply.cluster_id)).status, 'deleted')
    // gone: not in plain listings of clusters or instances, leases ended, capacity back
    assert.equal(
      (await t.call('DescribeClusters', {})).cluster_set.some((c: { cluster_id: string }) => c.cluster_id === reply.cluster_id),
      false,
    )
    const all = await t.call('DescribeInstances', { limit: 100 })
    assert.equal(all.instance_set.filter((i: { instance_id: string }) => instanceIds.includes(i.instance_id)).length, 0)
    const gone = await t.call('DescribeInstances', { instances: instanceIds })
    assert.deepEqual([...new Set(gone.instance_set.map((i: { status: string }) => i.status))], ['terminated'])
    for (const id of instanceIds) assert.equal((await leasesOf(t, id))[0]!.status, 'ended')
    assert.deepEqual(
      (await hostUsage(t)).map((h) => h.cpu),
      [0, 0],
    )

    // the recycle bin ceases the cluster with its instances two hours later
    t.clock.advance(2 * 3_600_000 + 1000)
    await t.jobs.sweep()
    assert.equal((await describeCluster(t, reply.cluster_id)).status, 'ceased')
  })

  it('fills every default: the ZooKeeper ensemble gets three nodes of its first shape', async () => {
    const reply = await deploy(t, ZOOKEEPER, JSON.stringify({ cluster: { vxnet: 'vxnet-0' } }))
    await t.settle()
    const nodes = await nodesOf(t, reply.cluster_id)
    assert.deepEqual(
      nodes.map((n) => [n.role, n.cpu, n.memory, n.storage_size, n.image_id, n.status]),
      Array.from({ length: 3 }, () => ['zk_node', 1, 1024, 10, 'centos79x64', 'active']),
    )
    ok(await t.call('DeleteClusters', { clusters: [reply.cluster_id], direct_cease: 1 }))
    await t.settle()
    assert.equal((await describeCluster(t, reply.cluster_id)).status, 'ceased')
  })

  it('lets a role run an image the conf names (the caller may use it)', async () => {
    const reply = await deploy(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1, image: 'rocky9x64' } }))
    await t.settle()
    assert.equal((await nodesOf(t, reply.cluster_id))[0]!.image_id, 'rocky9x64')
  })

  it('answers CreateClusterResponse on POST as on GET', async () => {
    const reply = await t.send({ method: 'POST', params: { action: 'DeployAppVersion', zone: 'pek3a', version_id: ZOOKEEPER, conf: conf(ZOOKEEPER, { zk_node: { count: 1 } }) } })
    assert.deepEqual([reply.body.ret_code, reply.body.action], [0, 'CreateClusterResponse'])
    // its job runs here, not in a later test (which job meets an armed fault first depends on the order)
    await t.settle()
  })
})

describe('DeployAppVersion in a managed vxnet', () => {
  it('puts every node in the caller’s vxnet, lowest addresses first; AddClusterNodes follows; the vxnet can not go while nodes are in it', async () => {
    const vx = await createVxnet(t, { vxnet_name: 'cluster net' })
    const p = await prefixOf(t, vx)
    const reply = await deploy(t, ZOOKEEPER, conf(ZOOKEEPER, { vxnet: vx }))
    assert.equal(reply.vxnet_id, vx)
    assert.deepEqual((await describeCluster(t, reply.cluster_id)).vxnet, { vxnet_id: vx, vxnet_name: 'cluster net', vxnet_type: 1, vpc_router_id: '' })
    // addresses are there before the job runs
    assert.deepEqual((await nodesOf(t, reply.cluster_id)).map((n) => n.private_ip).sort(), [`${p}2`, `${p}3`, `${p}4`])
    await t.settle()
    const nodes = await nodesOf(t, reply.cluster_id)
    assert.deepEqual(
      nodes.map((n) => [n.vxnet_id, n.status]),
      Array.from({ length: 3 }, () => [vx, 'active']),
    )
    const members = await t.call('DescribeVxnetInstances', { vxnet: vx })
    assert.deepEqual(members.instance_set.map((i: { instance_id: string }) => i.instance_id).sort(), nodes.map((n) => n.instance_id).sort())
    const added = await t.call('AddClusterNodes', { cluster: reply.cluster_id, node_count: 1 })
    assert.equal(added.ret_code, 0, added.message)
    await t.settle()
    assert.ok((await nodesOf(t, reply.cluster_id)).some((n) => n.private_ip === `${p}5`))
    assert.equal((await t.call('DeleteVxnets', { vxnets: [vx] })).ret_code, 5400)
    ok(await t.call('DeleteClusters', { clusters: [reply.cluster_id], direct_cease: 1 }))
    await t.settle()
    // the nodes are gone, their addresses with them
    ok(await t.call('DeleteVxnets', { vxnets: [vx] }))
  })
})

describe('a cluster job that fails', () => {
  it('a failed deployment ceases the cluster and its nodes, refunds every charge and frees the hosts', async () => {
    const user = await payingUser(t, 10)
    const hosts = await hostUsage(t)
    ok(await t.admin_call('ArmJobFault', { job_action: 'DeployAppVersion', ret_code: 5200 }))
    const reply = await deploy(t, ZOOKEEPER, conf(ZOOKEEPER), { key: user.key })
    assert.ok((await balance(t, user.user_id)) < 100_000)
    await t.settle()
    assert.equal((await t.call('DescribeJobs', { jobs: [reply.job_id] }, { key: user.key })).job_set[0].status, 'failed')
    assert.equal((await describeCluster(t, reply.cluster_id, { key: user.key })).status, 'ceased')
    const nodes = await t.call('DescribeClusterNodes', { cluster: reply.cluster_id }, { key: user.key })
    assert.deepEqual(
      nodes.node_set.map((n: { status: string }) => n.status),
      ['ceased', 'ceased', 'ceased'],
    )
    assert.equal(await balance(t, user.user_id), 100_000)
    assert.deepEqual(await hostUsage(t), hosts)
  })

  it('a failed AddClusterNodes drops the new nodes and refunds them; the cluster keeps its others', async () => {
    const reply = await deploy(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1 } }))
    await t.settle()
    ok(await t.admin_call('ArmJobFault', { job_action: 'AddClusterNodes' }))
    const added = ok(await t.call('AddClusterNodes', { cluster: reply.cluster_id, node_count: 2 }))
    await t.settle()
    assert.equal((await t.call('DescribeJobs', { jobs: [added.job_id] })).job_set[0].status, 'failed')
    const nodes = await nodesOf(t, reply.cluster_id)
    assert.deepEqual(
      nodes.map((n) => n.node_id),
      reply.node_ids,
    )
    const cluster = await describeCluster(t, reply.cluster_id)
    assert.deepEqual([cluster.status, cluster.transition_status, cluster.node_count], ['active', '', 1])
    ok(await t.call('DeleteClusters', { clusters: [reply.cluster_id], direct_cease: 1 }))
    await t.settle()
  })
})

describe('DeployAppVersion through the compute checks', () => {
  it('answers 2400 when the balance does not cover the first hour, creating nothing', async () => {
    const poor = await payingUser(t, 0.2)
    const counts = await Promise.all((['instances', 'clusters', 'cluster_nodes', 'leases'] as const).map(countRows))
    const reply = await t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER) }, { key: poor.key })
    assert.equal(reply.ret_code, 2400, reply.message)
    assert.match(reply.message, /does not cover/)
    assert.deepEqual(await Promise.all((['instances', 'clusters', 'cluster_nodes', 'leases'] as const).map(countRows)), counts)
    assert.equal(await balance(t, poor.user_id), 2000)
  })

  it('answers 2500 when the nodes exceed the instance quota', async () => {
    const user = await payingUser(t, 100)
    await setQuotas(t, { instance: 2 }, { user: user.user_id })
    const reply = await t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER) }, { key: user.key })
    assert.equal(reply.ret_code, 2500, reply.message)
    assert.match(reply.message, /instance quota/)
  })

  it('answers 5200 when no host has room for the nodes', async () => {
    const small = await startTestApp({ hosts: { hostsPerZone: 1, hostCpu: 2, hostMemory: 4096 } })
    try {
      const reply = await small.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER) })
      assert.equal(reply.ret_code, 5200, reply.message)
      assert.equal(
        Number(
          (
            await small.store.db
              .selectFrom('clusters')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        0,
      )
    } finally {
      await small.close()
    }
  })

  it('answers 2200 when the zone has no price for the node size', async () => {
    ok(await t.admin_call('DeletePrices', { zone: 'sh1a', prices: [{ resource_type: 'instance', item: 'cpu' }] }))
    const reply = await t.call('DeployAppVersion', { zone: 'sh1a', version_id: ZOOKEEPER, conf: conf(ZOOKEEPER) })
    assert.equal(reply.ret_code, 2200, reply.message)
  })

  it('refuses to change a node instance directly (1400): the cluster manages it', async () => {
    const reply = await deploy(t, ZOOKEEPER, conf(ZOOKEEPER, { zk_node: { count: 1 } }))
    await t.settle()
    const [node] = await nodesOf(t, reply.cluster_id)
    for (const action of ['StopInstances', 'TerminateInstances']) {
      const refused = await t.call(action, { instances: [node!.instance_id] })
      assert.equal(refused.ret_code, 1400)
      assert.equal(refused.message, `PermissionDenied, instance [${node!.instance_id}] is a node of cluster [${reply.cluster_id}], manage it through the cluster`)
    }
  })

  it('answers 2100 for an unknown version, 1100 for an app_id that is not the version’s app', async () => {
    const unknown = await t.call('DeployAppVersion', { version_id: 'appv-nothere0', conf: conf('appv-nothere0') })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [appv-nothere0] not found'])
    const wrongApp = await t.call('DeployAppVersion', { version_id: ZOOKEEPER, app_id: 'app-rediscls', conf: conf(ZOOKEEPER) })
    assert.equal(wrongApp.ret_code, 1100)
    assert.match(wrongApp.message, /app_id \[app-rediscls\] is not the app of version/)
  })

  it('deploys a published version in the zones where its role has an image', async () => {
    const version = await publish(t, template({ images: { pek3a: 'debian12x64' } }))
    const reply = await deploy(t, version, conf(version))
    await t.settle()
    assert.deepEqual(
      (await nodesOf(t, reply.cluster_id)).map((n) => n.image_id),
      ['debian12x64', 'debian12x64'],
    )
  })
})
