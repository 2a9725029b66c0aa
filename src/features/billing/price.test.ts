import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApiError } from '../../errors.ts'
import { DEFAULT_PRICES, hourlyPrice } from './price.ts'

describe('hourly prices', () => {
  it('prices an instance by vCPU and GB of memory, or by its type when the type has a price', () => {
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, { resource_type: 'instance', instance_type: 'c1m1', cpu: 1, memory: 1024 }), 700)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, { resource_type: 'instance', instance_type: '', cpu: 2, memory: 512 }), 1100)
    const withType = [...DEFAULT_PRICES, { resource_type: 'instance' as const, item: 'c1m1', price: 650 }]
    assert.equal(hourlyPrice('pek3a', withType, { resource_type: 'instance', instance_type: 'c1m1', cpu: 1, memory: 1024 }), 650)
  })

  it('prices volumes per GB by type, EIPs per Mbps, snapshots per GB', () => {
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, { resource_type: 'volume', volume_type: 0, size: 50 }), 500)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, { resource_type: 'eip', bandwidth: 5 }), 2000)
    assert.equal(hourlyPrice('pek3a', DEFAULT_PRICES, { resource_type: 'snapshot', size: 100 }), 300)
  })

  it('answers 2200 when the zone has no price for something the resource needs', () => {
    const noMemory = DEFAULT_PRICES.filter((p) => p.item !== 'memory')
    assert.throws(
      () => hourlyPrice('pek3a', noMemory, { resource_type: 'instance', instance_type: 'c1m1', cpu: 1, memory: 1024 }),
      (e: unknown) => e instanceof ApiError && e.errorName === 'LeaseFailed' && e.detail === 'zone [pek3a] has no price for instance memory, the resource can not be leased',
    )
    assert.throws(() => hourlyPrice('sh1a', [], { resource_type: 'volume', volume_type: 3, size: 20 }), /no price for volume_type 3/)
  })
})
