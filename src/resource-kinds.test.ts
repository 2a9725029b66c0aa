// The resource registry itself: every family's entry is listed once, names a real table and real
// columns on both stores, and the generic code built on it (quota counters) covers what it must.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { ok, startTestApp, type TestApp } from '../test/support/harness.ts'
import { BILLABLE_TYPES, DEFAULT_PRICES } from './features/billing/price.ts'
import { listPrices } from './features/billing/price-repo.ts'
import { ownersQuery } from './features/resources/kind-queries.ts'
import { isLeased, kindOfId, type ResourceKind } from './features/resources/resource-kind.ts'
import { nicKind } from './features/nics/nic-kind.ts'
import { QUOTA_TYPES } from './features/quotas/quota.ts'
import { modules } from './modules.ts'
import { quotaCounters, resourceKinds } from './resource-kinds.ts'

const isKind = (value: unknown): value is ResourceKind => typeof value === 'object' && value !== null && 'prefix' in value && 'table' in value && 'idColumn' in value

describe('the resource registry', () => {
  it('gives every kind its own prefix and its own type word', () => {
    assert.equal(new Set(resourceKinds.map((k) => k.prefix)).size, resourceKinds.length)
    assert.equal(new Set(resourceKinds.map((k) => k.type)).size, resourceKinds.length)
    assert.equal(new Set(resourceKinds.map((k) => k.table)).size, resourceKinds.length)
  })

  it('finds a kind by id: `prefix-…`, or its idPattern (NICs’ MAC addresses); a kind’s pattern matches no other kind’s ids', () => {
    assert.equal(kindOfId(resourceKinds, 'i-abcd1234')?.type, 'instance')
    assert.equal(kindOfId(resourceKinds, 'vxnet-0')?.type, 'vxnet')
    assert.equal(kindOfId(resourceKinds, '52:54:00:12:ab:ef'), nicKind)
    for (const id of ['52:54:00:12:ab', 'nic-abcd1234', 'nothing', '', 'i']) assert.notEqual(kindOfId(resourceKinds, id), nicKind, id)
    assert.equal(kindOfId(resourceKinds, 'nothing'), undefined)
    for (const kind of resourceKinds.filter((k) => k.idPattern)) {
      for (const other of resourceKinds) if (other !== kind) assert.ok(!kind.idPattern!.test(`${other.prefix}-abcd1234`), `${kind.type}'s pattern matches ${other.type} ids`)
    }
  })

  it('lists exactly the kinds the features declare in their *-kind.ts files', async () => {
    const declared: ResourceKind[] = []
    const features = new URL('./features/', import.meta.url)
    for (const feature of readdirSync(features)) {
      for (const file of readdirSync(new URL(`${feature}/`, features)).filter((f) => f.endsWith('-kind.ts') && feature !== 'resources')) {
        // a relative template the test bundle (scripts/test-bundle.mjs) can follow, so these are the same module instances
        const exports: Record<string, unknown> = await import(`./features/${feature}/${file}`)
        declared.push(...Object.values(exports).filter(isKind))
      }
    }
    assert.deepEqual(new Set(declared), new Set(resourceKinds))
    assert.equal(declared.length, resourceKinds.length)
  })

  it('has a Describe action in the modules for every kind', () => {
    const actions = new Set(modules.flatMap((m) => [...m.actions.keys()]).map((a) => a.toLowerCase()))
    // the English plural: policy → policies
    const plural = (type: string) => type.replaceAll('_', '').replace(/y$/, 'ie')
    for (const kind of resourceKinds) assert.ok(actions.has(`describe${plural(kind.type)}s`), `no Describe action for kind ${kind.type}`)
  })

  it('counts every quota type exactly once', () => {
    const counted = quotaCounters.flatMap((c) => c.types)
    assert.deepEqual([...counted].sort(), [...QUOTA_TYPES].sort())
  })

  it('leases only kinds whose gone statuses are not statuses they may be suspended from', () => {
    for (const kind of resourceKinds) {
      const gone: readonly string[] = kind.goneStatuses
      for (const from of kind.lifecycle?.leased?.suspendFrom ?? []) assert.ok(!gone.includes(from), `${kind.type} suspends from gone status ${from}`)
      const recycle = kind.lifecycle?.recycle
      if (recycle) assert.ok(gone.includes(recycle.from) && gone.includes(recycle.to), `${kind.type} recycles from a status listings still show`)
    }
  })

  it('has every leased kind declare its pricing: default items with a unit, the price actions’ types in registry order', () => {
    const leased = resourceKinds.filter(isLeased)
    assert.deepEqual(
      BILLABLE_TYPES,
      leased.map((k) => k.type),
    )
    for (const kind of leased) {
      const { pricing } = kind.lifecycle.leased
      assert.ok(pricing.defaults.length > 0, `${kind.type} has no default prices`)
      assert.equal(new Set(pricing.defaults.map((d) => d.item)).size, pricing.defaults.length, `${kind.type} lists a default item twice`)
      for (const d of pricing.defaults) {
        assert.ok(Number.isInteger(d.price) && d.price >= 0, `${kind.type} ${d.item}: price ${d.price}`)
        assert.match(pricing.unit(d.item), /^\w+-hour$/, `${kind.type} ${d.item}: unit`)
      }
      assert.ok(pricing.expected('pek3a').length > 0, `${kind.type} names no expected items`)
    }
  })
})

describe('the resource registry on the store', () => {
  let t: TestApp
  before(async () => (t = await startTestApp()))
  after(() => t.close())

  it('names a real table with its id, name, owner and zone columns (and status columns when stateful) for every kind', async () => {
    for (const kind of resourceKinds) {
      const status = kind.lifecycle ? sql`, ${sql.ref('status')}, ${sql.ref('transition_status')}, ${sql.ref('status_time')}` : sql``
      await sql`select ${sql.ref(kind.idColumn)}, ${sql.ref(kind.nameColumn)}, ${sql.ref('owner')}, ${sql.ref('zone_id')}${status} from ${sql.table(kind.table)} where 1 = 0`.execute(t.store.db)
      assert.deepEqual(await ownersQuery(t.store.db, kind, [`${kind.prefix}-none`], 'pek3a').execute(), [])
    }
  })

  it('finds the owner of a resource through its kind, and counts it in quota usage', async () => {
    const id: string = ok(await t.call('CreateKeyPair', { keypair_name: 'reg' })).keypair_id
    const kind = resourceKinds.find((k) => k.prefix === id.split('-')[0])
    assert.equal(kind?.type, 'keypair')
    assert.deepEqual(await ownersQuery(t.store.db, kind!, [id]).execute(), [{ id, owner: t.user.user_id }])
    const keypairs = quotaCounters.find((c) => c.types.includes('keypair'))!
    assert.deepEqual(await keypairs.usage(t.store.db, t.user.user_id, 'pek3a'), { keypair: 1 })
    assert.deepEqual(await keypairs.usage(t.store.db, t.user.user_id, 'sh1a'), { keypair: 0 })
  })

  it('seeds every leased kind’s default prices in every zone, each an item its pricing accepts', async () => {
    const leased = resourceKinds.filter(isLeased)
    for (const zone of ['pek3a', 'sh1a']) {
      const rows = await listPrices(t.store.db, { zones: [zone] })
      const seeded = rows.map((r) => ({ resource_type: r.resource_type, item: r.item, price: Number(r.price) }))
      for (const kind of leased) {
        const { pricing } = kind.lifecycle.leased
        for (const d of pricing.defaults) {
          assert.ok(await pricing.accepts(t.store.db, zone, d.item), `${kind.type} ${d.item} is not accepted in ${zone}`)
          assert.ok(
            seeded.some((r) => r.resource_type === kind.type && r.item === d.item && r.price === d.price),
            `${kind.type} ${d.item} not seeded in ${zone}`,
          )
        }
      }
      // nothing but the kinds' defaults
      assert.equal(seeded.length, DEFAULT_PRICES.length)
    }
  })

  it('runs every quota counter on the store', async () => {
    for (const counter of quotaCounters) {
      const usage = await counter.usage(t.store.db, t.user.user_id, 'pek3a')
      assert.deepEqual(Object.keys(usage).sort(), [...counter.types].sort())
      for (const n of Object.values(usage)) assert.ok(Number.isInteger(n) && n >= 0)
    }
  })
})
