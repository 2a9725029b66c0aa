// SetPrices: an operator changes one zone's list; new resources pay the new prices, leases that
// exist keep the prices of their contract, and nothing but a known item can be priced.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 2, hostCpu: 64, hostMemory: 262144 } })))
after(() => t.close())

type PriceRow = { zone_id: string; resource_type: string; item: string; price: string; unit: string; update_time: string }
const find = (set: PriceRow[], resource_type: string, item: string) => set.find((p) => p.resource_type === resource_type && p.item === item)
const hourlyOf = async (resourceId: string) => Number((await t.store.db.selectFrom('leases').select('hourly_price').where('resource_id', '=', resourceId).executeTakeFirstOrThrow()).hourly_price)
const feesOf = async (resourceId: string) => (await t.store.db.selectFrom('charge_records').select('fee').where('resource_id', '=', resourceId).orderBy('start_time').execute()).map((r) => Number(r.fee))
const run = async (params: Record<string, unknown>) => {
  const reply = await t.call('RunInstances', { ...LINUX, ...params })
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  return reply.instances[0] as string
}
const setPrices = (zone: string, prices: Array<Record<string, unknown>>) => t.admin_call('SetPrices', { zone, prices })

describe('SetPrices', () => {
  it('changes and adds items of one zone, answers its whole list, and new resources pay the new prices', async () => {
    t.clock.advance(60_000)
    const reply = await setPrices('pek3a', [
      { resource_type: 'instance', item: 'cpu', price: '0.06' },
      { resource_type: 'instance', item: 'c1m1', price: '0.065' },
      { resource_type: 'volume', item: '0', price: '0.0012' },
      { resource_type: 'snapshot', item: 'size', price: '0' },
    ])
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.total_count, 22)
    assert.ok(reply.price_set.every((p: PriceRow) => p.zone_id === 'pek3a'))
    assert.deepEqual(find(reply.price_set, 'instance', 'cpu'), { zone_id: 'pek3a', resource_type: 'instance', item: 'cpu', price: '0.06', unit: 'vCPU-hour', update_time: '2026-01-15T08:01:00Z' })
    assert.deepEqual(find(reply.price_set, 'instance', 'c1m1'), { zone_id: 'pek3a', resource_type: 'instance', item: 'c1m1', price: '0.065', unit: 'instance-hour', update_time: '2026-01-15T08:01:00Z' })
    assert.deepEqual([find(reply.price_set, 'volume', '0')!.price, find(reply.price_set, 'snapshot', 'size')!.price], ['0.0012', '0.00'])
    // untouched items keep their price and time
    assert.deepEqual(find(reply.price_set, 'instance', 'memory'), { zone_id: 'pek3a', resource_type: 'instance', item: 'memory', price: '0.02', unit: 'GB-hour', update_time: '2026-01-15T08:00:00Z' })
    // the other zone is another list
    const sh1a = await t.admin_call('DescribePrices', { zones: ['sh1a'], resource_types: ['instance'] })
    assert.deepEqual(
      sh1a.price_set.map((p: PriceRow) => `${p.item} ${p.price}`),
      ['cpu 0.05', 'memory 0.02'],
    )

    // the type's own price wins over cpu + memory; other types pay 2 × 0.06 + 4 × 0.02
    assert.equal(await hourlyOf(await run({ instance_type: 'c1m1' })), 650)
    assert.equal(await hourlyOf(await run({ instance_type: 'c2m4' })), 2 * 600 + 4 * 200)
    assert.equal(await hourlyOf(await run({ instance_type: 'c1m1', zone: 'sh1a' })), 700)
    const volume = await t.call('CreateVolumes', { size: 20, volume_type: 0 })
    assert.equal(volume.ret_code, 0, volume.message)
    assert.equal(await hourlyOf(volume.volumes[0]), 20 * 12)
  })

  it('leaves leases that exist at the prices of their contract', async () => {
    const instance = await run({ instance_type: 'c2m4', zone: 'sh1a' })
    assert.equal((await setPrices('sh1a', [{ resource_type: 'instance', item: 'cpu', price: '1.00' }])).ret_code, 0)
    t.clock.advance(3_600_000)
    await t.bill()
    assert.deepEqual(await feesOf(instance), [1800, 1800])
    assert.equal(await hourlyOf(instance), 1800)
    // a new one pays the new price
    assert.equal(await hourlyOf(await run({ instance_type: 'c2m4', zone: 'sh1a' })), 2 * 10_000 + 4 * 200)
  })

  it('answers 1100 naming the parameter for an item or a price it cannot take, and changes nothing', async () => {
    const cases: Array<[Array<Record<string, unknown>>, string]> = [
      [[{ resource_type: 'instance', item: 'gpu', price: '1' }], 'unsupported parameter prices.1.item value gpu for resource_type instance, expected cpu, memory or an instance type of zone [pek3a]'],
      [
        [
          { resource_type: 'instance', item: 'c1m1', price: '1' },
          { resource_type: 'volume', item: '4', price: '1' },
        ],
        'unsupported parameter prices.2.item value 4 for resource_type volume, expected a volume_type (0, 1, 2, 3, 5, 100, 200)',
      ],
      [[{ resource_type: 'volume', item: '00', price: '1' }], 'unsupported parameter prices.1.item value 00 for resource_type volume, expected a volume_type (0, 1, 2, 3, 5, 100, 200)'],
      [[{ resource_type: 'eip', item: 'size', price: '1' }], 'unsupported parameter prices.1.item value size for resource_type eip, expected bandwidth'],
      [[{ resource_type: 'snapshot', item: 'bandwidth', price: '1' }], 'unsupported parameter prices.1.item value bandwidth for resource_type snapshot, expected size'],
      [[{ resource_type: 'vm', item: 'cpu', price: '1' }], 'unsupported parameter prices.1.resource_type value vm'],
      [[{ resource_type: 'instance', item: 'cpu' }], 'missing parameter prices.1.price'],
      [[{ resource_type: 'instance', price: '1' }], 'missing parameter prices.1.item'],
      [
        [
          { resource_type: 'instance', item: 'cpu', price: '1' },
          { resource_type: 'instance', item: 'cpu', price: '2' },
        ],
        'parameter prices.2 names instance [cpu] a second time',
      ],
    ]
    for (const price of ['-0.01', 'abc', '0.00001', '1e3', '1,5', '1000000000.0001']) {
      cases.push([
        [
          { resource_type: 'instance', item: 'memory', price: '0.03' },
          { resource_type: 'instance', item: 'cpu', price },
        ],
        `invalid parameter value prices.2.price [${price}], expected yuan per hour of at least 0 with up to 4 decimals, such as 0.05`,
      ])
    }
    for (const [prices, message] of cases) {
      const reply = await setPrices('pek3a', prices)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(prices))
    }
    const empty = await t.admin_call('SetPrices', { zone: 'pek3a' })
    assert.deepEqual([empty.ret_code, empty.message], [1100, 'InvalidRequestFormat, missing parameter prices'])
    // nothing of the refused requests was written (memory and c1m1 came first in some)
    const now = await t.admin_call('DescribePrices', { zones: ['pek3a'], resource_types: ['instance'] })
    assert.deepEqual(
      now.price_set.map((p: PriceRow) => `${p.item} ${p.price}`),
      ['c1m1 0.065', 'cpu 0.06', 'memory 0.02'],
    )
  })

  it('needs a zone the platform offers: 1100 without one, 1400 for an unknown one', async () => {
    const prices = [{ resource_type: 'instance', item: 'cpu', price: '1' }]
    const none = await t.admin_call('SetPrices', { prices })
    assert.deepEqual([none.ret_code, none.message], [1100, 'InvalidRequestFormat, missing parameter zone'])
    const unknown = await setPrices('nowhere1', prices)
    assert.deepEqual([unknown.ret_code, unknown.message], [1400, 'PermissionDenied, access denied for zone [nowhere1]'])
  })
})
