// The address pool: seeded once per zone from 198.18.<block>.1, each zone its own block, an
// operator's changes kept across restarts; a request for more addresses than are free takes none.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { balance, payingUser } from '../../../test/support/fixtures-billing.ts'
import { allocate, poolHolders, poolSize } from '../../../test/support/fixtures-eips.ts'
import { poolAddress } from './eip-pool.ts'

let t: TestApp
before(async () => (t = await startTestApp({ eipPoolSize: 4 })))
after(() => t.close())

const addresses = async (zone: string) => (await t.store.db.selectFrom('eip_pool').select('eip_addr').where('zone_id', '=', zone).execute()).map((r) => r.eip_addr).sort()

describe('the EIP pool', () => {
  it('gives each configured zone its own block of the benchmark range', async () => {
    assert.deepEqual(await addresses('pek3a'), ['198.18.0.1', '198.18.0.2', '198.18.0.3', '198.18.0.4'])
    assert.deepEqual(await addresses('sh1a'), ['198.18.1.1', '198.18.1.2', '198.18.1.3', '198.18.1.4'])
    assert.equal(poolAddress(255, 253), '198.18.255.254')
    assert.equal(poolAddress(256, 0), '198.19.0.1')
  })

  it('is seeded once: a restart with another size or zone order keeps each zone’s pool as the operator left it, a new zone gets the next block', async () => {
    await t.store.db.deleteFrom('eip_pool').where('zone_id', '=', 'pek3a').where('eip_addr', '=', '198.18.0.4').execute()
    const second = await startTestApp({ store: t.store, box: t.box, idSeed: 7, eipPoolSize: 10, zones: ['gd2a', 'sh1a', 'pek3a'] })
    try {
      assert.equal(await poolSize(t, 'pek3a'), 3)
      assert.equal(await poolSize(t, 'sh1a'), 4)
      assert.deepEqual((await addresses('gd2a')).slice(0, 2), ['198.18.2.1', '198.18.2.10'])
      assert.equal(await poolSize(t, 'gd2a'), 10)
    } finally {
      await second.app.close()
    }
  })

  it('takes no address at all when a request wants more than are free (5200), and hands out lowest first', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const [first] = await allocate(t, {}, { key })
    assert.equal((await poolHolders(t)).get('198.18.0.1'), first)
    const reply = await t.call('AllocateEips', { bandwidth: 1, count: 3 }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [5200, 'InsufficientResources, the EIP pool of zone [pek3a] has [2] free addresses, not enough for [3] EIPs, release some or try later'])
    assert.equal((await poolHolders(t)).size, 1)
    assert.equal(await balance(t, user_id), 100_000 - 400)
    const two = await allocate(t, { count: 2 }, { key })
    const holders = await poolHolders(t)
    assert.deepEqual([holders.get('198.18.0.2'), holders.get('198.18.0.3')].sort(), [...two].sort())
  })
})
