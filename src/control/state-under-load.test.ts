// The state controls while requests run, on the database of the run (TEST_DATABASE) and on a
// SQLite file (whose dump reads through a read-only connection of its own): several
// clients create, delete, recharge and get billed in a loop while jobs move and the clock turns.
// A snapshot taken in the middle of that is the store of one instant (its kept counts match its
// rows, every wallet matches its ledger) and restores exactly (balances and Describe totals are the
// file's); a restore in the middle of that answers no request with 5000 and swaps whole.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { countMismatches } from '../features/resources/resource-counts.ts'
import type { ResourceKind } from '../features/resources/resource-kind.ts'
import { formatYuan } from '../lib/money.ts'
import { resourceKinds } from '../resource-kinds.ts'
import { openStore, type Store } from '../store/store.ts'
import { testDatabase } from '../../test/support/database.ts'
import { ED25519_PUBLIC_KEY } from '../../test/support/fixtures-keypairs.ts'
import { ledgerGap, payingUser } from '../../test/support/fixtures-billing.ts'
import { parseState, post, type ParsedState } from '../../test/support/fixtures-state.ts'
import { type Key, ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../test/support/harness.ts'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const apps: TestApp[] = []
const stores: Store[] = []
const dirs: string[] = []
const loads: Array<{ stop(): Promise<unknown> }> = []
after(async () => {
  // a test that failed half way must not leave its clients running
  for (const load of loads) await load.stop()
  for (const t of apps) await t.close()
  for (const store of stores) await store.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

interface Client {
  user_id: string
  key: Key
}

/** Two loops per client and one that moves jobs, bills and turns the clock, until stop(). */
function startLoad(t: TestApp, clients: readonly Client[]) {
  let stopped = false
  let operations = 0
  const failures: string[] = []
  const note = (what: string, reply: Record<string, unknown>) => {
    operations++
    if (reply.ret_code === 5000) failures.push(`${what}: ${String(reply.message)}`)
    return reply.ret_code === 0 ? reply : undefined
  }
  const loop = async ({ user_id, key }: Client) => {
    let volume: string | undefined
    while (!stopped) {
      // an imported key: generated ones would keep the thread pool busy (see nextTurn below)
      const keypair = note('CreateKeyPair', await t.call('CreateKeyPair', { mode: 'user', public_key: ED25519_PUBLIC_KEY }, { key }))
      const eip = note('AllocateEips', await t.call('AllocateEips', { bandwidth: 1, billing_mode: 'bandwidth', count: 1, need_icp: 0 }, { key }))
      if (volume) note('DeleteVolumes', await t.call('DeleteVolumes', { volumes: [volume] }, { key }))
      volume = (note('CreateVolumes', await t.call('CreateVolumes', { volume_type: 0, size: 10, count: 1 }, { key }))?.volumes as string[] | undefined)?.[0]
      note('Recharge', await t.admin_call('Recharge', { user: user_id, amount: '1.5' }))
      if (keypair) note('DeleteKeyPairs', await t.call('DeleteKeyPairs', { keypairs: [keypair.keypair_id] }, { key }))
      if (eip) note('ReleaseEips', await t.call('ReleaseEips', { eips: eip.eips }, { key }))
      // in-process clients never wait on a socket: a turn of the event loop lets the rest move
      await nextTurn()
    }
  }
  const machinery = async () => {
    while (!stopped) {
      try {
        await t.jobs.step()
        t.clock.advance(7 * 60_000)
        await t.bill()
      } catch (error) {
        failures.push(`jobs or billing: ${(error as Error).message}`)
      }
      await nextTurn()
    }
  }
  // a client that throws (not an answer: a broken reply) stops them all, and after() says so
  const guarded = (work: Promise<void>) =>
    work.catch((error: Error) => {
      failures.push(`client: ${error.message}`)
      stopped = true
    })
  const running = [...clients.flatMap((c) => [guarded(loop(c)), guarded(loop(c))]), guarded(machinery())]
  const load = {
    /** Resolves once this many more requests have been answered. */
    async after(more: number) {
      const target = operations + more
      while (operations < target) {
        if (stopped) throw new Error(`the load stopped: ${failures.join('; ')}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    },
    /** Ends the loops (once, however often it is called) and says what they saw. */
    async stop() {
      stopped = true
      await Promise.all(running)
      return { operations, failures }
    },
  }
  loads.push(load)
  return load
}

/** Where a busy app keeps its data: the run's database (TEST_DATABASE), or a SQLite file, which the dump reads through a read-only connection of its own. */
type Where = 'run' | 'file'

async function busyApp(where: Where): Promise<{ t: TestApp; clients: Client[] }> {
  let store: Store | undefined
  if (where === 'file') {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-state-load-'))
    dirs.push(dir)
    store = await openStore(`sqlite:${join(dir, 'qinglocal.db')}`)
    stores.push(store)
    await store.migrate()
  }
  // the clock runs ahead while requests are signed: a window wide enough that none expires on the way
  const t = await startTestApp({ hosts: ROOMY_HOSTS, timestampWindowSeconds: 100 * 86_400, ...(store && { store }) })
  apps.push(t)
  // the harness funds the admin of a store of its own only
  if (store) await t.fund(t.admin.user_id, 100_000)
  const clients: Client[] = [{ user_id: t.user.user_id, key: t.user }, { user_id: t.admin.user_id, key: t.admin }, await payingUser(t, 5_000), await payingUser(t, 5_000)]
  return { t, clients }
}

const snapshotFile = (t: TestApp, name: string) => readFileSync(join(t.snapshotsDir, `${name}.qlstate`))

const LISTED: Array<[ResourceKind['table'], string, string]> = [
  ['keypairs', 'DescribeKeyPairs', 'keypair_set'],
  ['eips', 'DescribeEips', 'eip_set'],
  ['volumes', 'DescribeVolumes', 'volume_set'],
]
const kindOf = (table: string) => resourceKinds.find((k) => k.table === table)!

/** What the file says a user's Describe totals in pek3a and balance are. */
function fileView(state: ParsedState, userId: string) {
  const totals = LISTED.map(([table]) => (state.tables.get(table) ?? []).filter((r) => r.owner === userId && r.zone_id === 'pek3a' && !(kindOf(table).goneStatuses as readonly unknown[]).includes(r.status)).length)
  const wallet = state.tables.get('wallets')?.find((r) => r.user_id === userId)
  return { totals, balance: formatYuan(Number(wallet?.balance ?? 0)) }
}

async function wireView(t: TestApp, client: Client) {
  const totals: number[] = []
  for (const [, action] of LISTED) totals.push(ok(await t.call(action, { limit: 1 }, { key: client.key })).total_count as number)
  return { totals, balance: ok(await t.call('GetBalance', {}, { key: client.key })).balance as string }
}

/** The file on its own: every kept count equals its rows counted, every wallet its recharges less its charges. */
function assertConsistent(state: ParsedState): void {
  const kept = new Map<string, number>()
  for (const r of state.tables.get('resource_counts') ?? []) {
    const key = JSON.stringify([r.kind, r.owner, r.zone_id, r.status, r.facet])
    kept.set(key, (kept.get(key) ?? 0) + Number(r.n))
  }
  const counted = new Map<string, number>()
  for (const kind of resourceKinds) {
    for (const r of state.tables.get(kind.table) ?? []) {
      const key = JSON.stringify([kind.table, r.owner, r.zone_id, kind.lifecycle ? r.status : '', kind.countFacet ? r[kind.countFacet] : ''])
      counted.set(key, (counted.get(key) ?? 0) + 1)
    }
  }
  const kinds = new Set(resourceKinds.map((k) => k.table))
  const keptOfKinds = [...kept].filter(([key, n]) => n !== 0 && kinds.has(JSON.parse(key)[0]))
  assert.deepEqual(new Map(keptOfKinds), counted, 'kept counts in the file = its rows counted')
  assert.ok(counted.size > 0)
  const sum = (table: string, user: string, owner: string, column: string) => (state.tables.get(table) ?? []).filter((r) => r[owner] === user).reduce((n, r) => n + Number(r[column]), 0)
  for (const wallet of state.tables.get('wallets') ?? []) {
    const user = String(wallet.user_id)
    assert.equal(sum('recharges', user, 'user_id', 'amount') - sum('charge_records', user, 'owner', 'fee'), Number(wallet.balance), `the ledger of ${user} in the file`)
  }
}

for (const [where, described] of [
  ['run', `state snapshots under load (${testDatabase})`],
  ['file', 'state snapshots under load (a SQLite file)'],
] as const) {
  describe(described, () => {
    it('a snapshot of a busy store is one instant of it and restores exactly', async () => {
      const { t, clients } = await busyApp(where)
      const load = startLoad(t, clients)
      await load.after(60)
      const taken = await post(t, 'state/snapshot', { name: 'busy' })
      assert.equal(taken.ret_code, 0, taken.message)

      await load.after(60)
      const { failures, operations } = await load.stop()
      assert.deepEqual(failures, [])
      assert.ok(operations >= 120)

      const state = parseState(snapshotFile(t, 'busy'))
      assertConsistent(state)
      const expected = clients.map((c) => fileView(state, c.user_id))
      // the load went on after the snapshot: the store differs from it now
      assert.notDeepEqual(await Promise.all(clients.map((c) => wireView(t, c))), expected)

      const restored = await post(t, 'state/restore', { name: 'busy' })
      assert.equal(restored.ret_code, 0, restored.message)
      assert.equal(restored.rows, taken.rows)
      assert.deepEqual(await Promise.all(clients.map((c) => wireView(t, c))), expected)
      assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
      for (const c of clients) assert.equal(await ledgerGap(t, c.user_id), 0)
    })

    it('a restore while requests run answers none of them with 5000 and swaps whole', async () => {
      const { t, clients } = await busyApp(where)
      ok(await t.call('CreateKeyPair', { encrypt_method: 'ssh-ed25519' }))
      assert.equal((await post(t, 'state/snapshot', { name: 'calm' })).ret_code, 0)
      const calm = parseState(snapshotFile(t, 'calm'))
      const load = startLoad(t, clients)
      for (let round = 0; round < 3; round++) {
        await load.after(40)
        const restored = await post(t, 'state/restore', { name: 'calm' })
        assert.equal(restored.ret_code, 0, restored.message)
      }
      await load.after(40)
      const { failures } = await load.stop()
      assert.deepEqual(failures, [])
      assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
      for (const c of clients) assert.equal(await ledgerGap(t, c.user_id), 0, c.user_id)
      // and once nothing runs, a restore is the file exactly
      assert.equal((await post(t, 'state/restore', { name: 'calm' })).ret_code, 0)
      assert.deepEqual(
        await Promise.all(clients.map((c) => wireView(t, c))),
        clients.map((c) => fileView(calm, c.user_id)),
      )
    })
  })
}
