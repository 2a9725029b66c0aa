// DeletePrices: an item taken off a zone's list makes what needs it impossible to lease there
// (2200, with nothing created or charged) until SetPrices puts it back.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { balanceOf } from '../wallet.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const count = async (table: 'instances' | 'leases', owner: string) =>
  Number(
    (
      await t.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('owner', '=', owner)
        .executeTakeFirstOrThrow()
    ).n,
  )
const items = async (zone: string) => (await t.admin_call('DescribePrices', { zones: [zone] })).price_set.map((p: { resource_type: string; item: string }) => `${p.resource_type} ${p.item}`)
const runC1m1 = (zone = 'pek3a') => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', zone })

describe('DeletePrices', () => {
  it('takes an item off one zone’s list; creating what needs it there is 2200 and creates nothing, until SetPrices restores it', async () => {
    const owner = t.user.user_id
    const deleted = await t.admin_call('DeletePrices', { zone: 'pek3a', prices: [{ resource_type: 'instance', item: 'cpu' }] })
    assert.equal(deleted.ret_code, 0, deleted.message)
    assert.equal(deleted.total_count, 20)
    assert.deepEqual(
      deleted.price_set.filter((p: { resource_type: string }) => p.resource_type === 'instance').map((p: { item: string }) => p.item),
      ['memory'],
    )

    const before = [await count('instances', owner), await count('leases', owner), await balanceOf(t.store.db, owner)]
    const refused = await runC1m1()
    assert.deepEqual([refused.ret_code, refused.message], [2200, 'LeaseFailed, zone [pek3a] has no price for instance cpu, the resource can not be leased'])
    await t.settle()
    assert.deepEqual([await count('instances', owner), await count('leases', owner), await balanceOf(t.store.db, owner)], before)
    // the other zone still has its own list
    const sh1a = await runC1m1('sh1a')
    assert.equal(sh1a.ret_code, 0, sh1a.message)

    const restored = await t.admin_call('SetPrices', { zone: 'pek3a', prices: [{ resource_type: 'instance', item: 'cpu', price: '0.05' }] })
    assert.equal(restored.ret_code, 0, restored.message)
    const ran = await runC1m1()
    assert.equal(ran.ret_code, 0, ran.message)
    await t.settle()
    assert.equal(await count('instances', owner), before[0]! + 2)
    assert.equal(await balanceOf(t.store.db, owner), before[2]! - 700 - 700)
  })

  it('a volume type without a price can not be created there (2200)', async () => {
    assert.equal((await t.admin_call('DeletePrices', { zone: 'sh1a', prices: [{ resource_type: 'volume', item: '2' }] })).ret_code, 0)
    const refused = await t.call('CreateVolumes', { size: 20, volume_type: 2, zone: 'sh1a' })
    assert.deepEqual([refused.ret_code, refused.message], [2200, 'LeaseFailed, zone [sh1a] has no price for volume_type 2, the resource can not be leased'])
    assert.equal((await t.call('CreateVolumes', { size: 20, volume_type: 2, zone: 'pek3a' })).ret_code, 0)
  })

  it('answers 2100 for an item the list lacks and then deletes none of the items named', async () => {
    const reply = await t.admin_call('DeletePrices', {
      zone: 'pek3a',
      prices: [
        { resource_type: 'instance', item: 'memory' },
        { resource_type: 'eip', item: 'size' },
      ],
    })
    assert.deepEqual([reply.ret_code, reply.message], [2100, 'ResourceNotFound, price of eip [size] not found in zone [pek3a]'])
    assert.ok((await items('pek3a')).includes('instance memory'))
    // deleted already: gone from this zone's list
    const again = await t.admin_call('DeletePrices', { zone: 'sh1a', prices: [{ resource_type: 'volume', item: '2' }] })
    assert.deepEqual([again.ret_code, again.message], [2100, 'ResourceNotFound, price of volume [2] not found in zone [sh1a]'])
  })

  it('answers 1100 for a malformed list', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ zone: 'pek3a' }, 'missing parameter prices'],
      [{ zone: 'pek3a', prices: [{ resource_type: 'instance' }] }, 'missing parameter prices.1.item'],
      [{ zone: 'pek3a', prices: [{ resource_type: 'vm', item: 'cpu' }] }, 'unsupported parameter prices.1.resource_type value vm'],
      [
        {
          zone: 'pek3a',
          prices: [
            { resource_type: 'eip', item: 'bandwidth' },
            { resource_type: 'eip', item: 'bandwidth' },
          ],
        },
        'parameter prices.2 names eip [bandwidth] a second time',
      ],
      [{ prices: [{ resource_type: 'eip', item: 'bandwidth' }] }, 'missing parameter zone'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.admin_call('DeletePrices', params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`])
    }
    assert.ok((await items('pek3a')).includes('eip bandwidth'))
  })
})
