// DescribePrices: every zone's list, in yuan per hour of each item's unit, as an operator reads it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const T0 = '2026-01-15T08:00:00Z'
const item = (zone_id: string, resource_type: string, item: string, price: string, unit: string) => ({ zone_id, resource_type, item, price, unit, update_time: T0 })

describe('DescribePrices', () => {
  it('shows the default list of every zone, item by item, with its unit', async () => {
    const reply = await t.admin_call('DescribePrices', { zones: ['pek3a'] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(reply.price_set, [
      item('pek3a', 'eip', 'bandwidth', '0.04', 'Mbps-hour'),
      item('pek3a', 'instance', 'cpu', '0.05', 'vCPU-hour'),
      item('pek3a', 'instance', 'memory', '0.02', 'GB-hour'),
      item('pek3a', 'loadbalancer', '100k', '0.60', 'loadbalancer-hour'),
      item('pek3a', 'loadbalancer', '200k', '1.20', 'loadbalancer-hour'),
      item('pek3a', 'loadbalancer', '20k', '0.12', 'loadbalancer-hour'),
      item('pek3a', 'loadbalancer', '40k', '0.24', 'loadbalancer-hour'),
      item('pek3a', 'loadbalancer', '500k', '3.00', 'loadbalancer-hour'),
      item('pek3a', 'loadbalancer', '5k', '0.06', 'loadbalancer-hour'),
      item('pek3a', 'router', 'extra-large', '0.40', 'router-hour'),
      item('pek3a', 'router', 'large', '0.20', 'router-hour'),
      item('pek3a', 'router', 'medium', '0.10', 'router-hour'),
      item('pek3a', 'router', 'small', '0.05', 'router-hour'),
      item('pek3a', 'snapshot', 'size', '0.0003', 'GB-hour'),
      item('pek3a', 'volume', '0', '0.001', 'GB-hour'),
      item('pek3a', 'volume', '1', '0.0005', 'GB-hour'),
      item('pek3a', 'volume', '100', '0.0005', 'GB-hour'),
      item('pek3a', 'volume', '2', '0.0005', 'GB-hour'),
      item('pek3a', 'volume', '200', '0.0015', 'GB-hour'),
      item('pek3a', 'volume', '3', '0.002', 'GB-hour'),
      item('pek3a', 'volume', '5', '0.0015', 'GB-hour'),
    ])
    assert.equal(reply.total_count, 21)
  })

  it('is global: without filters it lists both zones, whatever zone the client sends', async () => {
    const all = await t.admin_call('DescribePrices', { zone: 'pek3a' })
    assert.equal(all.ret_code, 0, all.message)
    assert.equal(all.total_count, 42)
    assert.deepEqual([...new Set(all.price_set.map((p: { zone_id: string }) => p.zone_id))], ['pek3a', 'sh1a'])
  })

  it('filters by resource_types and zones; names that match nothing give an empty set', async () => {
    const eips = await t.admin_call('DescribePrices', { resource_types: ['eip', 'snapshot'] })
    assert.deepEqual(
      eips.price_set.map((p: { zone_id: string; resource_type: string; item: string }) => `${p.zone_id} ${p.resource_type} ${p.item}`),
      ['pek3a eip bandwidth', 'pek3a snapshot size', 'sh1a eip bandwidth', 'sh1a snapshot size'],
    )
    const nowhere = await t.admin_call('DescribePrices', { zones: ['nowhere1'] })
    assert.deepEqual([nowhere.ret_code, nowhere.price_set, nowhere.total_count], [0, [], 0])
  })

  it('answers 1100 for an unknown resource type and 1400 for a key that is not an admin’s', async () => {
    const bad = await t.admin_call('DescribePrices', { resource_types: ['instance', 'vm'] })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, unsupported parameter resource_types.2 value vm'])
    const user = await t.admin_call('DescribePrices', {}, { key: t.user })
    assert.deepEqual([user.ret_code, user.message], [1400, `PermissionDenied, user [${t.user.user_id}] is not an administrator, action [DescribePrices] needs one`])
  })
})
