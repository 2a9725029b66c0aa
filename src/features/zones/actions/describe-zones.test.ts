import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ zones: ['pek3a', 'sh1a', 'gd2a'] })
})
after(() => t.close())

describe('DescribeZones', () => {
  it('lists every configured zone as active, without needing a zone parameter (Go SDK)', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones' } })
    assert.deepEqual(reply.body, {
      action: 'DescribeZonesResponse',
      total_count: 3,
      zone_set: [
        { zone_id: 'gd2a', status: 'active', region_id: 'gd2' },
        { zone_id: 'pek3a', status: 'active', region_id: 'pek3' },
        { zone_id: 'sh1a', status: 'active', region_id: 'sh1' },
      ],
      ret_code: 0,
    })
  })

  it('filters by zones.N and status.N', async () => {
    const byId = await t.call('DescribeZones', { zones: ['sh1a', 'nope1a'] })
    assert.deepEqual(
      byId.zone_set.map((z: { zone_id: string }) => z.zone_id),
      ['sh1a'],
    )
    assert.equal((await t.call('DescribeZones', { status: ['faulty'] })).total_count, 0)
  })

  it('answers unknown zone ids with an empty set, not an error', async () => {
    assert.deepEqual(await t.call('DescribeZones', { zones: ['xx1a'] }), { action: 'DescribeZonesResponse', total_count: 0, zone_set: [], ret_code: 0 })
  })

  it('keeps a zone status set in the store across bootstrap (only missing zones are added)', async () => {
    await t.store.db.updateTable('zones').set({ status: 'faulty' }).where('zone_id', '=', 'gd2a').execute()
    const { ensureZones } = await import('../zone-repo.ts')
    await ensureZones(t.store.db, ['gd2a', 'ap2a'], t.clock.now())
    const zones = (await t.call('DescribeZones')).zone_set as Array<{ zone_id: string; status: string }>
    assert.deepEqual(zones.find((z) => z.zone_id === 'gd2a')?.status, 'faulty')
    assert.ok(zones.some((z) => z.zone_id === 'ap2a'))
    // a faulty zone refuses zone-scoped actions
    assert.equal((await t.call('DescribeJobs', { zone: 'gd2a' })).ret_code, 1400)
  })
})
