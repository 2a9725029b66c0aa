// Migration 0028 on a platform installed before routers: the `router` quota default appears, and
// every zone bootstrap had already priced gets the routers' default prices (a price already there
// is kept), so CreateRouters works after the upgrade without an administrator's SetPrices.
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import { after, before, describe, it } from 'node:test'
import * as migration from '../../store/migrations/0028-router-quota-prices.ts'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const routerPrices = async () => (await t.store.db.selectFrom('prices').select(['zone_id', 'item', 'price']).where('resource_type', '=', 'router').orderBy('zone_id').orderBy('item').execute()).map((p) => `${p.zone_id} ${p.item} ${p.price}`)
const routerQuota = () => t.store.db.selectFrom('quota_defaults').select('quota').where('resource_type', '=', 'router').executeTakeFirst()

describe('migration 0028 (router quota and prices)', () => {
  it('adds the router quota default and prices the zones seeded before routers existed, keeping prices already set', async () => {
    await migration.down(t.store.db as Kysely<unknown>)
    assert.deepEqual([await routerPrices(), await routerQuota()], [[], undefined])
    // one price an administrator set in the meantime
    await t.store.db.insertInto('prices').values({ zone_id: 'sh1a', resource_type: 'router', item: 'small', price: 700, update_time: '2026-01-15T08:00:00Z' }).execute()
    await migration.up(t.store.db as Kysely<unknown>)
    assert.deepEqual((await routerQuota())?.quota, 10)
    assert.deepEqual(await routerPrices(), ['pek3a extra-large 4000', 'pek3a large 2000', 'pek3a medium 1000', 'pek3a small 500', 'sh1a extra-large 4000', 'sh1a large 2000', 'sh1a medium 1000', 'sh1a small 700'])
    const reply = ok(await t.call('CreateRouters', { router_type: 0 }))
    assert.equal(reply.routers.length, 1)
  })
})
