import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { REDIS, ZOOKEEPER } from '../../../../test/support/fixtures-clusters.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('DescribeApps', () => {
  it('lists the apps QingLocal ships, to every user, with the fields clients read', async () => {
    const reply = ok(await t.call('DescribeApps', {}))
    assert.equal(reply.total_count, 2)
    const redis = reply.app_set.find((a: { app_id: string }) => a.app_id === 'app-rediscls')
    assert.deepEqual([redis.app_name, redis.app_type, redis.category, redis.status, redis.visibility], ['Redis Cluster', 'cluster', 'database', 'active', 'public'])
    for (const field of ['description', 'abstraction', 'icon', 'create_time', 'status_time']) assert.ok(field in redis, field)
    // lists: the Go SDK decodes screenshots as []string (a string fails the whole call); edition is a list of objects in the docs
    assert.deepEqual([redis.screenshots, redis.tags, redis.edition], [[], [], []])
  })

  it('filters by id, name, category and search word', async () => {
    const ids = async (params: Record<string, unknown>) => ok(await t.call('DescribeApps', params)).app_set.map((a: { app_id: string }) => a.app_id)
    assert.deepEqual(await ids({ app: ['app-zookeepr'] }), ['app-zookeepr'])
    assert.deepEqual(await ids({ app_name: 'Redis Cluster' }), ['app-rediscls'])
    assert.deepEqual(await ids({ category: 'middleware' }), ['app-zookeepr'])
    assert.deepEqual(await ids({ search_word: 'zoo' }), ['app-zookeepr'])
    assert.deepEqual(await ids({ app_type: ['web'] }), [])
  })
})

describe('DescribeAppVersions', () => {
  it('lists an app’s versions; verbose adds the template and where each role has an image', async () => {
    const plain = ok(await t.call('DescribeAppVersions', { app_ids: ['app-rediscls'] }))
    assert.deepEqual(plain.version_set.map((v: { version_id: string }) => v.version_id).sort(), ['appv-redis624', REDIS])
    assert.equal('template' in plain.version_set[0], false)

    const verbose = ok(await t.call('DescribeAppVersions', { version_ids: [ZOOKEEPER], verbose: 1 }))
    const [zk] = verbose.version_set
    assert.deepEqual([zk.app_id, zk.name, zk.status], ['app-zookeepr', 'ZooKeeper 3.8.5', 'active'])
    assert.deepEqual(
      zk.template.roles.map((r: { role: string; count: unknown }) => [r.role, r.count]),
      [['zk_node', { min: 1, max: 9, default: 3 }]],
    )
    assert.deepEqual(
      zk.template.env.find((p: { key: string }) => p.key === 'tickTime'),
      { key: 'tickTime', type: 'integer', description: 'milliseconds of one tick', min: 1000, max: 10000, default: 2000, required: false },
    )
    assert.deepEqual(zk.images, [
      { role: 'zk_node', zone_id: 'pek3a', image_id: 'centos79x64' },
      { role: 'zk_node', zone_id: 'sh1a', image_id: 'centos79x64' },
    ])
  })

  it('answers 1100 when neither app_ids nor version_ids is given', async () => {
    const reply = await t.call('DescribeAppVersions', {})
    assert.deepEqual([reply.ret_code, reply.message], [1100, 'InvalidRequestFormat, missing parameter app_ids or version_ids, at least one is required'])
  })

  it('gives a zone added later the shipped apps’ images on the next start, once', async () => {
    const again = await startTestApp({ store: t.store, box: t.box, idSeed: 7, zones: ['pek3a', 'sh1a', 'gd2a'] })
    try {
      const zk = ok(await again.call('DescribeAppVersions', { version_ids: [ZOOKEEPER], verbose: 1 })).version_set[0]
      assert.deepEqual(
        zk.images.map((i: { zone_id: string }) => i.zone_id),
        ['gd2a', 'pek3a', 'sh1a'],
      )
    } finally {
      await again.app.close()
    }
  })
})
