import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApiError } from '../../errors.ts'
import { eipKind } from '../eips/eip-kind.ts'
import { instanceKind } from '../instances/instance-kind.ts'
import { snapshotKind } from '../snapshots/snapshot-kind.ts'
import { volumeKind } from '../volumes/volume-kind.ts'
import type { Queryable } from '../../store/database.ts'
import { BILLABLE_TYPES, DEFAULT_PRICES, hourlyPrice } from './price.ts'
import { requirePriceableItem, unitOf } from './price-params.ts'

describe('hourly prices', () => {
  it('prices an instance by vCPU and GB of memory, or by its type when the type has a price', () => {
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, instanceKind, { instance_type: 'c1m1', cpu: 1, memory: 1024 }), 700)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, instanceKind, { instance_type: '', cpu: 2, memory: 512 }), 1100)
    const withType = [...DEFAULT_PRICES, { resource_type: 'instance', item: 'c1m1', price: 650 }]
    assert.equal(hourlyPrice('pek3a', withType, instanceKind, { instance_type: 'c1m1', cpu: 1, memory: 1024 }), 650)
    // a volume's price of the same item name is not the instance's
    assert.equal(hourlyPrice('pek3a', [...DEFAULT_PRICES, { resource_type: 'volume', item: 'c1m1', price: 1 }], instanceKind, { instance_type: 'c1m1', cpu: 1, memory: 1024 }), 700)
  })

  it('prices volumes per GB by type, EIPs per Mbps, snapshots per GB', () => {
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, volumeKind, { volume_type: 0, size: 50 }), 500)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, eipKind, { bandwidth: 5 }), 2000)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, snapshotKind, { size: 100 }), 300)
  })

  it('answers 2200 when the zone has no price for something the resource needs', () => {
    const noMemory = DEFAULT_PRICES.filter((p) => p.item !== 'memory')
    assert.throws(
      () => hourlyPrice('pek3a', noMemory, instanceKind, { instance_type: 'c1m1', cpu: 1, memory: 1024 }),
      (e: unknown) => e instanceof ApiError && e.errorName === 'LeaseFailed' && e.detail === 'zone [pek3a] has no price for instance memory, the resource can not be leased',
    )
    assert.throws(() => hourlyPrice('sh1a', [], volumeKind, { volume_type: 3, size: 20 }), /zone \[sh1a\] has no price for volume_type 3, the resource/)
    assert.throws(() => hourlyPrice('sh1a', [], eipKind, { bandwidth: 1 }), /zone \[sh1a\] has no price for eip bandwidth, the resource/)
    assert.throws(() => hourlyPrice('sh1a', [], snapshotKind, { size: 1 }), /zone \[sh1a\] has no price for snapshot size, the resource/)
  })

  it('takes only the spec of the kind it prices (checked by tsc)', () => {
    // @ts-expect-error an EIP's spec is not a volume's
    assert.throws(() => hourlyPrice('pek3a', DEFAULT_PRICES, volumeKind, { bandwidth: 5 }), /no price for volume_type undefined/)
    // @ts-expect-error an instance needs its type, vCPUs and memory
    assert.throws(() => hourlyPrice('pek3a', [], instanceKind, { size: 5 }), /no price for instance cpu/)
  })

  it('keeps the price actions’ resource types and the default list as they were before pricing moved to the kinds', () => {
    assert.deepEqual(BILLABLE_TYPES, ['instance', 'volume', 'eip', 'snapshot', 'router', 'loadbalancer'])
    assert.deepEqual(DEFAULT_PRICES, [
      { resource_type: 'instance', item: 'cpu', price: 500 },
      { resource_type: 'instance', item: 'memory', price: 200 },
      { resource_type: 'volume', item: '0', price: 10 },
      { resource_type: 'volume', item: '1', price: 5 },
      { resource_type: 'volume', item: '2', price: 5 },
      { resource_type: 'volume', item: '3', price: 20 },
      { resource_type: 'volume', item: '5', price: 15 },
      { resource_type: 'volume', item: '100', price: 5 },
      { resource_type: 'volume', item: '200', price: 15 },
      { resource_type: 'eip', item: 'bandwidth', price: 400 },
      { resource_type: 'snapshot', item: 'size', price: 3 },
      // routers (issue 17), priced per router type
      { resource_type: 'router', item: 'small', price: 500 },
      { resource_type: 'router', item: 'medium', price: 1000 },
      { resource_type: 'router', item: 'large', price: 2000 },
      { resource_type: 'router', item: 'extra-large', price: 4000 },
      // load balancers (issue 18), priced per type (maximum connections)
      { resource_type: 'loadbalancer', item: '5k', price: 600 },
      { resource_type: 'loadbalancer', item: '20k', price: 1200 },
      { resource_type: 'loadbalancer', item: '40k', price: 2400 },
      { resource_type: 'loadbalancer', item: '100k', price: 6000 },
      { resource_type: 'loadbalancer', item: '200k', price: 12000 },
      { resource_type: 'loadbalancer', item: '500k', price: 30000 },
    ])
  })

  it('takes items and units from the kinds; a family without a lease (images) has no price items', async () => {
    const noStore = {} as Queryable // only instance types are looked up in the store
    await requirePriceableItem(noStore, 'pek3a', 'eip', 'bandwidth', 0)
    await assert.rejects(requirePriceableItem(noStore, 'pek3a', 'image', 'size', 2), (e: unknown) => e instanceof ApiError && e.code === 1100 && e.detail === 'unsupported parameter prices.3.resource_type value image')
    assert.deepEqual(
      ['instance cpu', 'instance memory', 'instance c1m1', 'volume 100', 'eip bandwidth', 'snapshot size', 'router small', 'loadbalancer 5k'].map((k) => unitOf(k.split(' ')[0]!, k.split(' ')[1]!)),
      ['vCPU-hour', 'GB-hour', 'instance-hour', 'GB-hour', 'Mbps-hour', 'GB-hour', 'router-hour', 'loadbalancer-hour'],
    )
  })
})
