// Parallel deployments against one wallet and one quota: every refusal is whole (2400 or 2500),
// and what succeeds is exactly what the money and the quota allow (on PostgreSQL the requests
// really overlap; the Wallet and quota locks keep them honest).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { balance, ledgerGap, payingUser } from '../../../test/support/fixtures-billing.ts'
import { conf, ZOOKEEPER } from '../../../test/support/fixtures-clusters.ts'
import { setQuotas } from '../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

const oneNode = conf(ZOOKEEPER, { zk_node: { count: 2 } })
const clustersOf = async (owner: string) => t.store.db.selectFrom('clusters').select('cluster_id').where('owner', '=', owner).execute()
const instancesOf = async (owner: string) => t.store.db.selectFrom('instances').select('instance_id').where('owner', '=', owner).execute()

describe('parallel DeployAppVersion', () => {
  it('20 at once against a balance for 3 clusters create exactly 3; the rest answer 2400 and leave nothing', async () => {
    // two c1m1 nodes: 0.14 yuan (2 × (0.05 a CPU + 0.02 a GB)) for the first hour of a cluster
    const user = await payingUser(t, 0.42)
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: oneNode }, { key: user.key })))
    assert.deepEqual([...new Set(replies.map((r) => r.ret_code))].sort(), [0, 2400])
    assert.equal(replies.filter((r) => r.ret_code === 0).length, 3)
    assert.equal((await clustersOf(user.user_id)).length, 3)
    assert.equal((await instancesOf(user.user_id)).length, 6)
    assert.equal(await balance(t, user.user_id), 0)
    assert.equal(await ledgerGap(t, user.user_id), 0)
  })

  it('20 at once against an instance quota of 5 create exactly 2 clusters of 2 nodes; the rest answer 2500', async () => {
    const user = await payingUser(t, 100)
    await setQuotas(t, { instance: 5 }, { user: user.user_id })
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.call('DeployAppVersion', { version_id: ZOOKEEPER, conf: oneNode }, { key: user.key })))
    assert.deepEqual([...new Set(replies.map((r) => r.ret_code))].sort(), [0, 2500])
    assert.equal((await clustersOf(user.user_id)).length, 2)
    assert.equal((await instancesOf(user.user_id)).length, 4)
  })
})
