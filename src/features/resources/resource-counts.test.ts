// The kept counts (migration 0020, resource-counts.ts) stay exact: after randomised concurrent
// writes, through the API and straight to the store in parallel transactions (inserts, multi-row
// status changes, owner and zone changes, deletes, tag bindings made and removed), every (kind,
// owner, zone, status, facet) count equals count(*) of its table and every owner's kept bindings
// count equals theirs (migration 0021), on both databases; folding PostgreSQL's deltas keeps them equal.
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { instanceRow } from '../../../test/support/fixtures.ts'
import { payingUser } from '../../../test/support/fixtures-billing.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import type { Kysely } from 'kysely'
import { formatTime } from '../../lib/clock.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import type { InstanceTable } from '../../store/database.ts'
import * as migration from '../../store/migrations/0020-listing-counts.ts'
import * as nicsMigration from '../../store/migrations/0027-nics.ts'
import * as bindingsMigration from '../../store/migrations/0021-tag-binding-counts.ts'
import * as routersMigration from '../../store/migrations/0025-routers.ts'
import * as loadBalancersMigration from '../../store/migrations/0029-load-balancers.ts'
import { countMismatches, foldCounts, keptCount } from './resource-counts.ts'
import { instanceKind } from '../instances/instance-kind.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 4, hostCpu: 512, hostMemory: 2_097_152 } })))
after(() => t.close())

/** A small seeded generator: a failure names its seed, and the same seed replays the same writes. */
function random(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let x = s
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, int: (n: number) => Math.floor(next() * n) }
}

const SEED = Number(process.env.COUNTS_SEED ?? Date.now() % 100_000)

it(`stay equal to count(*) after randomised concurrent API writes (seed ${SEED})`, async () => {
  const rnd = random(SEED)
  const users = await Promise.all(Array.from({ length: 3 }, () => payingUser(t, 1000)))
  const mine = new Map<string, string[]>(users.map((u) => [u.user_id, []]))
  for (let round = 0; round < 4; round++) {
    const calls = users.flatMap(({ user_id, key }) => {
      const ids = mine.get(user_id)!
      return Array.from({ length: 4 }, () => {
        const pick = rnd.int(9)
        const some = ids.length ? [rnd.pick(ids)] : []
        if (pick <= 2 || !some.length) return t.call('RunInstances', { ...LINUX, instance_type: rnd.pick(['c1m1', 'c1m2', 'c2m4']), count: 1 + rnd.int(3) }, { key })
        if (pick === 3) return t.call('StopInstances', { instances: some }, { key })
        if (pick === 4) return t.call('StartInstances', { instances: some }, { key })
        if (pick === 5) return t.call('TerminateInstances', { instances: some }, { key })
        if (pick === 6) return t.call('CreateVolumes', { size: 10, count: 1 + rnd.int(2) }, { key })
        if (pick === 7) return t.call('CreateKeyPair', { keypair_name: `k${rnd.int(1000)}` }, { key })
        return t.call('ResizeInstances', { instances: some, instance_type: rnd.pick(['c1m2', 'c2m4']) }, { key })
      })
    })
    const replies = await Promise.all(calls)
    for (const [i, reply] of replies.entries()) {
      // a busy or already terminated instance is a fair 1400; nothing may fail with 5000
      assert.notEqual(reply.ret_code, 5000, `call ${i}: ${reply.message}`)
    }
    await t.settle()
    for (const { user_id } of users) {
      const rows = await t.store.db.selectFrom('instances').select('instance_id').where('owner', '=', user_id).where('status', 'not in', ['terminated', 'ceased']).execute()
      mine.set(
        user_id,
        rows.map((r) => r.instance_id),
      )
    }
    assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [], `round ${round}`)
  }
  // the recycle bin moves terminated instances to ceased two hours later (and folds the deltas)
  t.clock.advance(3 * 3_600_000)
  await t.jobs.sweep()
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
  // and DescribeInstances' total_count, read from the counts, is each user's count of live rows
  for (const { user_id, key } of users) {
    const reply = await t.call('DescribeInstances', { limit: 1 }, { key })
    assert.equal(reply.total_count, (mine.get(user_id) ?? []).length)
  }
})

it(`stay equal to count(*) after randomised concurrent transactions straight to the store (seed ${SEED})`, async () => {
  const rnd = random(SEED + 1)
  const owners = [t.user.user_id, t.admin.user_id, 'usr-counts03']
  const zones = ['pek3a', 'sh1a']
  const statuses = ['pending', 'running', 'stopped', 'suspended', 'terminated', 'ceased']
  const types = ['c1m1', 'c1m2', 'c2m4']
  let n = 0
  const row = (): InstanceTable =>
    instanceRow(t, {
      instance_id: `i-cnt${String(n++).padStart(5, '0')}`,
      zone_id: rnd.pick(zones),
      owner: rnd.pick(owners),
      instance_name: 'counted',
      instance_type: rnd.pick(types),
      hostname: 'counted',
      status: rnd.pick(statuses),
    })
  const inserted: string[] = []
  const transaction = async (steps: number) => {
    // decided before the transaction starts, so the writes do not depend on timing
    const plan = Array.from({ length: steps }, () => ({
      op: rnd.int(9),
      rows: Array.from({ length: 1 + rnd.int(4) }, row),
      status: rnd.pick(statuses),
      owner: rnd.pick(owners),
      zone: rnd.pick(zones),
      type: rnd.pick(types),
      at: rnd.int(1000),
    }))
    const targets = plan.map((step) => (inserted.length ? [inserted[step.at % inserted.length]!, inserted[(step.at * 7) % inserted.length]!] : []))
    await t.store.db.transaction().execute(async (tx) => {
      // the rows this transaction will change, locked up front in id order (as the actions lock
      // theirs), so the writers cannot deadlock over instance rows; the counts take no lock at all
      const all = [...new Set(targets.flat())].sort()
      if (all.length) await t.store.caps.forUpdate(tx.selectFrom('instances').select('instance_id').where('instance_id', 'in', all).orderBy('instance_id')).execute()
      for (const [i, step] of plan.entries()) {
        const some = targets[i]!
        if (step.op <= 1 || some.length === 0) {
          await tx.insertInto('instances').values(step.rows).execute()
          inserted.push(...step.rows.map((r) => r.instance_id))
        } else if (step.op === 2) await tx.updateTable('instances').set({ status: step.status }).where('instance_id', 'in', some).execute()
        else if (step.op === 3) await tx.updateTable('instances').set({ owner: step.owner, zone_id: step.zone }).where('instance_id', 'in', some).execute()
        else if (step.op === 4) await tx.updateTable('instances').set({ instance_type: step.type, transition_status: 'resizing' }).where('instance_id', 'in', some).execute()
        else if (step.op === 5)
          await tx
            .updateTable('instances')
            .set({ instance_name: `renamed-${step.at}` })
            .where('instance_id', 'in', some)
            .execute()
        else if (step.op === 6) await tx.deleteFrom('instances').where('instance_id', 'in', some).execute()
        // tag bindings (migration 0021 counts them per owner): bind the rows, or unbind them
        else if (step.op === 7)
          await tx
            .insertInto('resource_tags')
            .values(some.map((id) => ({ tag_id: `tag-cnt${step.at % 3}`, resource_id: id, resource_type: 'instance', owner: step.owner, create_time: '2026-01-15T08:00:00Z' })))
            .onConflict((oc) => oc.doNothing())
            .execute()
        else await tx.deleteFrom('resource_tags').where('resource_id', 'in', some).execute()
      }
    })
  }
  // 8 writers at a time, 5 waves; one rolled-back transaction must leave no trace in the counts
  for (let wave = 0; wave < 5; wave++) await Promise.all(Array.from({ length: 8 }, () => transaction(3 + rnd.int(4))))
  await assert.rejects(
    t.store.db.transaction().execute(async (tx) => {
      await tx.insertInto('instances').values(row()).execute()
      throw new Error('rolled back')
    }),
  )
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
  await foldCounts(t.store.db)
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
  // after folding, each key is one row
  const keys = await t.store.db.selectFrom('resource_counts').select(['kind', 'owner', 'zone_id', 'status', 'facet']).execute()
  assert.equal(new Set(keys.map((k) => `${k.kind} ${k.owner} ${k.zone_id} ${k.status} ${k.facet}`)).size, keys.length)

  // keptCount answers what count(*) answers, with the gone statuses left out by default
  for (const owner of owners) {
    const live = await t.store.db
      .selectFrom('instances')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', owner)
      .where('zone_id', '=', 'pek3a')
      .where('status', 'not in', ['terminated', 'ceased'])
      .executeTakeFirstOrThrow()
    assert.equal(await keptCount(t.store.db, instanceKind, owner, 'pek3a'), Number(live.n))
    const typed = await t.store.db
      .selectFrom('instances')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', owner)
      .where('zone_id', '=', 'pek3a')
      .where('status', '=', 'stopped')
      .where('instance_type', '=', 'c1m2')
      .executeTakeFirstOrThrow()
    assert.equal(await keptCount(t.store.db, instanceKind, owner, 'pek3a', { status: ['stopped'], facet: ['c1m2'] }), Number(typed.n))
  }
})

it('every registered kind has the triggers that count it', async () => {
  const { sql } = await import('kysely')
  const names =
    t.store.caps.name === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(t.store.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select tgname as name from pg_trigger where tgrelid::regclass::text in (${sql.join(resourceKinds.map((k) => k.table))})`.execute(t.store.db)).rows.map((r) => r.name)
  for (const kind of resourceKinds) {
    for (const event of ['insert', 'update', 'delete']) assert.ok(names.includes(`${kind.table}_counts_${event}`), `${kind.table} has no ${event} trigger keeping its counts`)
  }
})

it('remembered search totals and deep-page marks follow every change to the listing', async () => {
  const { user_id, key } = await payingUser(t, 1)
  const base = t.clock.now().getTime()
  const make = (i: number) => ({ ...rowFor(user_id, i), create_time: formatTime(new Date(base - i * 60_000)) })
  await t.store.db
    .insertInto('instances')
    .values(Array.from({ length: 160 }, (_, i) => make(i)))
    .execute()
  // the listing as the database orders it, for comparison
  const expected = async (offset: number, limit: number) =>
    (
      await t.store.db
        .selectFrom('instances')
        .select('instance_id')
        .where('owner', '=', user_id)
        .where('zone_id', '=', 'pek3a')
        .where('status', 'not in', ['terminated', 'ceased'])
        .orderBy('create_time', 'desc')
        .orderBy('instance_id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute()
    ).map((r) => r.instance_id)
  const page = async (offset: number) => (await t.call('DescribeInstances', { offset, limit: 10 }, { key })).instance_set.map((i: { instance_id: string }) => i.instance_id)
  const searched = async () => (await t.call('DescribeInstances', { search_word: 'match', limit: 1 }, { key })).total_count

  // twice each: the second answer comes from what the first remembered
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(await page(120), await expected(120, 10))
    assert.deepEqual(await page(130), await expected(130, 10))
    assert.equal(await searched(), 16)
  }
  // a newer row, a terminated one before the marks, a rename into and out of the search: each moves the answers
  await t.store.db
    .insertInto('instances')
    .values({ ...make(-1), instance_id: 'i-newest01' })
    .execute()
  assert.deepEqual(await page(120), await expected(120, 10))
  await t.store.db.updateTable('instances').set({ status: 'terminated' }).where('instance_id', '=', 'i-cache0005').execute()
  assert.deepEqual(await page(130), await expected(130, 10))
  await t.store.db.updateTable('instances').set({ instance_name: 'now a match' }).where('instance_id', '=', 'i-cache0011').execute()
  assert.equal(await searched(), 17)
  await t.store.db.updateTable('instances').set({ instance_name: 'plain' }).where('instance_id', 'in', ['i-cache0000', 'i-cache0010']).execute()
  assert.equal(await searched(), 15)
  assert.deepEqual(await page(125), await expected(125, 10))

  // a tags.N listing remembers its ids: binding, unbinding (by API and by hand), a status change and a deleted tag each move it
  const tag = (await t.call('CreateTag', { tag_name: 'cached' }, { key })).tag_id as string
  const tagged = async () => {
    const reply = await t.call('DescribeInstances', { tags: [tag], limit: 2, offset: 1 }, { key })
    return { total: reply.total_count, ids: reply.instance_set.map((i: { instance_id: string }) => i.instance_id) }
  }
  const attach = (ids: string[]) => t.call('AttachTags', { resource_tag_pairs: ids.map((id) => ({ tag_id: tag, resource_type: 'instance', resource_id: id })) }, { key })
  assert.equal((await attach(['i-cache0020', 'i-cache0021', 'i-cache0022', 'i-cache0023'])).ret_code, 0)
  for (let round = 0; round < 2; round++) assert.deepEqual(await tagged(), { total: 4, ids: ['i-cache0021', 'i-cache0022'] })
  await attach(['i-newest01'])
  assert.deepEqual(await tagged(), { total: 5, ids: ['i-cache0020', 'i-cache0021'] })
  assert.equal((await t.call('DetachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'instance', resource_id: 'i-cache0020' }] }, { key })).ret_code, 0)
  assert.deepEqual(await tagged(), { total: 4, ids: ['i-cache0021', 'i-cache0022'] })
  await t.store.db.deleteFrom('resource_tags').where('resource_id', '=', 'i-cache0021').execute()
  assert.deepEqual(await tagged(), { total: 3, ids: ['i-cache0022', 'i-cache0023'] })
  await t.store.db.updateTable('instances').set({ status: 'terminated' }).where('instance_id', '=', 'i-cache0022').execute()
  assert.deepEqual(await tagged(), { total: 2, ids: ['i-cache0023'] })
  assert.equal((await t.call('DeleteTags', { tags: [tag] }, { key })).ret_code, 0)
  assert.deepEqual(await tagged(), { total: 0, ids: [] })
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
})

function rowFor(owner: string, i: number): InstanceTable {
  return instanceRow(t, { instance_id: `i-cache${String(i).padStart(4, '0')}`, owner, instance_name: i % 10 === 0 ? `match-${i}` : `other-${i}`, hostname: 'cached' })
}

it("migrations 0020 and 0021 go down and up again (with 0025, 0027 and 0029, whose kinds' triggers use 0020's function: they go down first and up last), and their backfills count the rows already there", async () => {
  const before = await t.store.db
    .selectFrom('instances')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  assert.ok(Number(before.n) > 0)
  const db = t.store.db as unknown as Kysely<unknown>
  await loadBalancersMigration.down(db)
  await nicsMigration.down(db)
  await routersMigration.down(db)
  await bindingsMigration.down(db)
  await migration.down(db)
  await migration.up(db)
  await bindingsMigration.up(db)
  await routersMigration.up(db)
  await nicsMigration.up(db)
  await loadBalancersMigration.up(db)
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
  // and the triggers work again
  await t.store.db.insertInto('instances').values(rowFor(t.user.user_id, 9999)).execute()
  await t.store.db.insertInto('resource_tags').values({ tag_id: 'tag-cnt9', resource_id: 'i-cache9999', resource_type: 'instance', owner: t.user.user_id, create_time: '2026-01-15T08:00:00Z' }).execute()
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
})
