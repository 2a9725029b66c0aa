// The configuration-file errors (8000–8004) of DeployAppVersion, on the wire: each names what is
// wrong, and none creates anything or moves money.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { balance, payingUser } from '../../../test/support/fixtures-billing.ts'
import { createVxnet } from '../../../test/support/fixtures-vxnets.ts'
import { conf, publish, REDIS, template, ZOOKEEPER } from '../../../test/support/fixtures-clusters.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const rows = async () =>
  Promise.all(
    (['instances', 'clusters', 'cluster_nodes', 'leases'] as const).map(async (table) =>
      Number(
        (
          await t.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  )

/** Deploys and insists on `code` and a message matching `message`, with nothing created or charged. */
async function refused(params: Record<string, unknown>, code: number, message: RegExp) {
  const [counts, money] = [await rows(), await balance(t, t.user.user_id)]
  const reply = await t.call('DeployAppVersion', params)
  assert.equal(reply.ret_code, code, reply.message)
  assert.match(reply.message, message)
  assert.deepEqual(await rows(), counts)
  assert.equal(await balance(t, t.user.user_id), money)
}

describe('8004 ConfigFileMissing', () => {
  it('answers 8004 when conf is absent or empty', async () => {
    await refused({ version_id: REDIS }, 8004, /^ConfigFileMissing, missing configuration file: parameter conf is required to deploy \[appv-redis705\]$/)
    await refused({ version_id: REDIS, conf: '' }, 8004, /ConfigFileMissing/)
  })
})

describe('8000 InvalidConfigParameter', () => {
  it('answers 8000 for a conf that is not JSON, or not an object', async () => {
    await refused({ version_id: REDIS, conf: '{"cluster": ' }, 8000, /^InvalidConfigParameter, conf is not valid JSON: /)
    await refused({ version_id: REDIS, conf: '[1, 2]' }, 8000, /conf should be a JSON object/)
    await refused({ version_id: REDIS, conf: '{"clusters": {}}' }, 8000, /unknown section \[clusters\] in conf/)
  })

  it('answers 8000 for an environment parameter of the wrong type, out of range, not in the list or unknown', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { port: '6379' }) }, 8000, /parameter env\.port should be integer$/)
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { port: 80 }) }, 8000, /parameter env\.port value 80 is out of range, minimum 1024$/)
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { 'maxmemory-policy': 'lru' }) }, 8000, /parameter env\.maxmemory-policy value "lru" is not one of \[volatile-lru, /)
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { appendonly: 'yes' }) }, 8000, /parameter env\.appendonly should be true or false$/)
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { requirepass: 'short' }) }, 8000, /parameter env\.requirepass does not match the pattern/)
    await refused({ version_id: REDIS, conf: conf(REDIS, {}, { maxclients: 10 }) }, 8000, /unknown parameter env\.maxclients, appv-redis705 takes \[port, /)
  })

  it('answers 8000 for a required parameter left out, and for an access key that is not the caller’s', async () => {
    const version = await publish(
      t,
      template({
        images: { pek3a: 'debian12x64' },
        env: [
          { key: 'cluster_secret', type: 'password', required: 'yes' },
          { key: 'api_key', type: 'accesskey', required: false },
        ],
      }),
    )
    await refused({ version_id: version, conf: conf(version) }, 8000, new RegExp(`missing parameter env\\.cluster_secret, required by ${version}$`))
    await refused({ version_id: version, conf: conf(version, {}, { cluster_secret: 's3cret', api_key: { access_key_id: t.admin.access_key_id } }) }, 8000, /parameter env\.api_key names access key \[\w+\], which is not one of yours$/)
    const ok = await t.call('DeployAppVersion', { version_id: version, conf: conf(version, {}, { cluster_secret: 's3cret', api_key: { access_key_id: t.user.access_key_id } }) })
    assert.equal(ok.ret_code, 0, ok.message)
    // the password is stored sealed, never as given
    const stored = await t.store.db.selectFrom('clusters').select('env').where('cluster_id', '=', ok.cluster_id).executeTakeFirstOrThrow()
    assert.equal(stored.env.includes('s3cret'), false)
    assert.equal(t.box.open(JSON.parse(stored.env).cluster_secret.sealed), 's3cret')
    // and DescribeClusterNodes' env (a JSON string) shows neither it nor its sealed form
    const [node] = (await t.call('DescribeClusterNodes', { cluster: ok.cluster_id })).node_set
    assert.deepEqual(JSON.parse(node.env), { cluster_secret: '', api_key: { access_key_id: t.user.access_key_id } })
  })

  it('answers 8000 for a cluster value of the wrong type, a conf naming another version, an unknown role key', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { count: 'three' } }) }, 8000, /parameter cluster\.master\.count should be integer$/)
    await refused({ version_id: REDIS, conf: conf(REDIS, { name: 7 }) }, 8000, /parameter cluster\.name should be string$/)
    await refused({ version_id: REDIS, conf: conf(ZOOKEEPER) }, 8000, /conf names version \[appv-zookp385\] but version_id is \[appv-redis705\]/)
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { cores: 2 } }) }, 8000, /unknown parameter cluster\.master\.cores$/)
  })
})

describe('8003 InvalidClusterSetting', () => {
  it('answers 8003 without a network, or with a network that does not exist', async () => {
    await refused({ version_id: REDIS, conf: JSON.stringify({ cluster: { name: 'x' } }) }, 8003, /^InvalidClusterSetting, missing cluster\.vxnet: a cluster needs a network for its nodes$/)
    await refused({ version_id: REDIS, conf: JSON.stringify({ env: {} }) }, 8003, /conf has no cluster section/)
    await refused({ version_id: REDIS, conf: conf(REDIS, { vxnet: 'vxnet-nothere' }) }, 8003, /vxnet \[vxnet-nothere\] does not exist in zone \[pek3a\]/)
  })

  it('answers 8003 for another user’s vxnet, a self-managed one, or one in another zone', async () => {
    const other = await payingUser(t, 0)
    const theirs = await createVxnet(t, {}, { key: other.key })
    const self = await createVxnet(t, { vxnet_type: 0 })
    const elsewhere = await createVxnet(t, { zone: 'sh1a' })
    await refused({ version_id: REDIS, conf: conf(REDIS, { vxnet: theirs }) }, 8003, new RegExp(`^InvalidClusterSetting, vxnet \\[${theirs}\\] does not belong to you, the cluster can not be created in it$`))
    await refused({ version_id: REDIS, conf: conf(REDIS, { vxnet: self }) }, 8003, new RegExp(`^InvalidClusterSetting, vxnet \\[${self}\\] is self-managed, cluster nodes need a managed vxnet that hands out their addresses$`))
    await refused({ version_id: REDIS, conf: conf(REDIS, { vxnet: elsewhere }) }, 8003, new RegExp(`vxnet \\[${elsewhere}\\] does not exist in zone \\[pek3a\\]`))
  })

  it('answers 8003 for a node count outside the role’s range', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { count: 2 } }) }, 8003, /role \[master\] takes 3 to 10 nodes, not 2$/)
    await refused({ version_id: REDIS, conf: conf(REDIS, { replica: { count: 31 } }) }, 8003, /role \[replica\] takes 0 to 30 nodes, not 31$/)
  })

  it('answers 8003 for an unknown role', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, { sentinel: { count: 3 } }) }, 8003, /unknown role \[sentinel\] in cluster, the roles of appv-redis705 are \[master, replica\]$/)
  })

  it('answers 8003 for a CPU/memory combination the role is not offered in', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { cpu: 4, memory: 1024 } }) }, 8003, /role \[master\] is not offered with 4 CPU and 1024 MB, choose one of: 1 CPU\/1024 MB, /)
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { cpu: 16 } }) }, 8003, /not offered with 16 CPU and 1024 MB/)
  })

  it('answers 8003 for storage outside the role’s range, or a cluster of no node', async () => {
    await refused({ version_id: REDIS, conf: conf(REDIS, { master: { volume_size: 5 } }) }, 8003, /role \[master\] takes 10 to 500 GB of storage, not 5$/)
    const version = await publish(t, template({ images: { pek3a: 'debian12x64' }, roles: [{ role: 'a', shapes: [{ cpu: 1, memory: 1024 }], count: { min: 0, max: 3, default: 1 } }] }))
    await refused({ version_id: version, conf: conf(version, { a: { count: 0 } }) }, 8003, /the cluster would have no node/)
    await refused({ version_id: version, conf: conf(version, { a: { volume_size: 20 } }) }, 8003, /role \[a\] takes no storage/)
  })
})

describe('8001 ConfigImageNotFound and 8002 ConfigImageNotInZone', () => {
  it('answers 8001 when neither the version nor the conf names an image for a role', async () => {
    const version = await publish(t, template())
    await refused(
      { version_id: version, conf: conf(version) },
      8001,
      new RegExp(`^ConfigImageNotFound, the configuration names no image for role \\[node\\]: version \\[${version}\\] has none, and the conf gives no cluster\\.node\\.image$`),
    )
    // the conf may name one
    const reply = await t.call('DeployAppVersion', { version_id: version, conf: conf(version, { node: { count: 1, image: 'debian12x64' } }) })
    assert.equal(reply.ret_code, 0, reply.message)
  })

  it('answers 8002 when the version has no image for the role in this zone', async () => {
    const version = await publish(t, template({ images: { sh1a: 'debian12x64' } }))
    await refused({ version_id: version, conf: conf(version) }, 8002, new RegExp(`version \\[${version}\\] has no image for role \\[node\\] in zone \\[pek3a\\], only in \\[sh1a\\]$`))
    const there = await t.call('DeployAppVersion', { zone: 'sh1a', version_id: version, conf: conf(version) })
    assert.equal(there.ret_code, 0, there.message)
  })

  it('answers 8002 when the image the version or the conf names does not exist in the zone', async () => {
    const missing = await publish(t, template({ images: { pek3a: 'img-nothere0' } }))
    await refused({ version_id: missing, conf: conf(missing) }, 8002, /^ConfigImageNotInZone, image \[img-nothere0\] of role \[node\] does not exist in zone \[pek3a\]$/)
    await refused({ version_id: ZOOKEEPER, conf: conf(ZOOKEEPER, { zk_node: { image: 'img-nothere0' } }) }, 8002, /image \[img-nothere0\] of role \[zk_node\] does not exist in zone \[pek3a\]/)
  })
})
