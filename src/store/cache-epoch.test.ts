// The cache epoch (store/cache-epoch.ts): what every in-memory cache of shared state is checked
// against. A value is kept while the epoch stays, dropped when it moves, never kept when it is
// unknown or moved while loading; on SQLite the reader sees commits of the writer and of other
// connections, and the shared in-memory connection knows no epoch inside a transaction.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import SQLite from 'better-sqlite3'
import { CacheEpoch, EpochCache, walIndexWatch } from './cache-epoch.ts'
import { openStore } from './store.ts'
import { inSnapshot } from './snapshot.ts'

/** An epoch whose reads the test answers by hand. */
function manualEpoch(initial: number | undefined) {
  let value = initial
  const epoch = new CacheEpoch(() => value)
  epoch.refresh()
  return {
    epoch,
    set(next: number | undefined) {
      value = next
      epoch.refresh()
    },
  }
}

function counter() {
  let loads = 0
  return {
    load: async () => ++loads,
    get loads() {
      return loads
    },
  }
}

describe('EpochCache', () => {
  it('loads once while the epoch stays and again when it moves', async () => {
    const m = manualEpoch(1)
    const cache = new EpochCache<string, number>(m.epoch)
    const c = counter()
    assert.equal(await cache.get('k', c.load), 1)
    assert.equal(await cache.get('k', c.load), 1)
    m.set(2)
    assert.equal(await cache.get('k', c.load), 2)
    assert.equal(c.loads, 2)
  })

  it('keeps nothing while the epoch is unknown', async () => {
    const m = manualEpoch(undefined)
    const cache = new EpochCache<string, number>(m.epoch)
    const c = counter()
    await cache.get('k', c.load)
    await cache.get('k', c.load)
    assert.equal(c.loads, 2)
  })

  it('does not keep a value whose load began under an epoch that moved meanwhile', async () => {
    const m = manualEpoch(1)
    const cache = new EpochCache<string, string>(m.epoch)
    let release: (value: string) => void = () => {}
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)))
    m.set(2)
    release('old')
    assert.equal(await slow, 'old') // the caller that asked before the change gets its answer…
    assert.equal(await cache.get('k', async () => 'new'), 'new') // …but nobody after it
  })

  it('starts over when full', async () => {
    const m = manualEpoch(1)
    const cache = new EpochCache<number, number>(m.epoch, 2)
    const c = counter()
    for (const key of [1, 2, 3, 1]) await cache.get(key, c.load)
    assert.equal(c.loads, 4)
  })
})

describe('CacheEpoch', () => {
  it('never goes back to a value read by an earlier-issued read that finished later', async () => {
    const pending: Array<(value: number) => void> = []
    const epoch = new CacheEpoch(() => new Promise<number>((resolve) => pending.push(resolve)))
    const first = epoch.refresh()
    const second = epoch.refresh()
    pending[1]?.(8)
    await second
    pending[0]?.(7)
    await first
    assert.equal(epoch.current, 8)
  })
})

describe('CacheEpoch.refresh(arrivedAt)', () => {
  it('shares a read begun after the request arrived, and reads again for a request that arrived later', () => {
    let reads = 0
    const epoch = new CacheEpoch(() => ++reads)
    const arrived = performance.now()
    epoch.refresh(arrived)
    epoch.refresh(arrived) // the read began after this request arrived: it saw every earlier commit
    assert.equal(reads, 1)
    epoch.refresh(performance.now() + 1) // arrived after that read began
    assert.equal(reads, 2)
    assert.equal(epoch.current, 2)
  })

  it('lets a request wait for a read in flight that began after it arrived (PostgreSQL)', async () => {
    let reads = 0
    const epoch = new CacheEpoch(async () => ++reads)
    const arrived = performance.now()
    const first = epoch.refresh(arrived)
    const second = epoch.refresh(arrived)
    assert.equal(second, first)
    await second
    assert.equal(reads, 1)
    assert.equal(epoch.current, 1)
  })
})

describe('the epoch of a store', () => {
  it('SQLite on a file: moves with a commit of this store and of another connection, not with other writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-epoch-'))
    const a = await openStore(`sqlite:${join(dir, 'db.sqlite')}`)
    try {
      await a.migrate()
      const b = await openStore(`sqlite:${join(dir, 'db.sqlite')}`)
      try {
        const read = () => {
          a.epoch.refresh()
          return a.epoch.current
        }
        const start = read()
        assert.equal(typeof start, 'number')
        await sql`insert into settings (name, value) values ('unrelated', 'x')`.execute(a.db)
        assert.equal(read(), start, 'a write to nothing cached leaves it')
        await sql`insert into zones (zone_id, status, region_id, create_time) values ('gd2a', 'active', 'gd2', '2026-01-01T00:00:00Z')`.execute(a.db)
        const afterOwn = read()
        assert.notEqual(afterOwn, start, 'this store’s own commit')
        await sql`update zones set status = 'faulty' where zone_id = 'gd2a'`.execute(b.db)
        assert.notEqual(read(), afterOwn, 'another connection’s commit')
      } finally {
        await b.close()
      }
    } finally {
      await a.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('SQLite on a file: sees a commit made while a query holds a read snapshot open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-epoch-'))
    const store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`)
    try {
      await store.migrate()
      store.epoch.refresh()
      const before = store.epoch.current
      await inSnapshot({ db: store.readDb }, async ({ db }) => {
        await sql`select count(*) from zones`.execute(db) // the snapshot begins at its first read
        await sql`insert into zones (zone_id, status, region_id, create_time) values ('gd2a', 'active', 'gd2', '2026-01-01T00:00:00Z')`.execute(store.db)
        const zones = await sql<{ n: number }>`select count(*) as n from zones where zone_id = 'gd2a'`.execute(db)
        assert.equal(Number(zones.rows[0]!.n), 0, 'the snapshot does not see the commit')
        store.epoch.refresh()
        assert.equal(typeof store.epoch.current, 'number')
        assert.notEqual(store.epoch.current, before, 'the epoch does')
      })
    } finally {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('SQLite on a file: every commit of another connection is seen, across WAL checkpoints and restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-epoch-'))
    const file = join(dir, 'db.sqlite')
    const a = await openStore(`sqlite:${file}`)
    try {
      await a.migrate()
      // a bare connection, as another process would have, bumping the epoch row itself
      const other = new SQLite(file)
      try {
        const read = () => {
          a.epoch.refresh()
          return a.epoch.current
        }
        let last = read()
        for (let i = 0; i < 20; i++) {
          if (i % 5 === 4) other.pragma('wal_checkpoint(TRUNCATE)') // the next commit restarts the WAL
          assert.equal(read(), last, 'no commit: the epoch stands')
          other.prepare('update cache_epoch set epoch = epoch + 1 where id = 1').run()
          const now = read()
          assert.notEqual(now, last, `commit ${i} seen`)
          last = now
        }
      } finally {
        other.close()
      }
    } finally {
      await a.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('walIndexWatch: unchanged only between two looks with no commit in between, changed when there is no -shm file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-epoch-'))
    const file = join(dir, 'db.sqlite')
    const db = new SQLite(file)
    try {
      db.pragma('journal_mode = WAL')
      db.exec('create table t (x)')
      const watch = walIndexWatch(file)
      assert.equal(watch.unchanged(), false, 'the first look knows nothing yet')
      assert.equal(watch.unchanged(), true)
      db.exec('insert into t values (1)')
      assert.equal(watch.unchanged(), false)
      assert.equal(watch.unchanged(), true)
      watch.close()
      const missing = walIndexWatch(join(dir, 'nothing-here'))
      assert.equal(missing.unchanged(), false)
      assert.equal(missing.unchanged(), false)
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('SQLite in memory: unknown while a transaction is open on the only connection', async () => {
    const store = await openStore('sqlite::memory:')
    try {
      await store.migrate()
      store.epoch.refresh()
      const before = store.epoch.current
      await store.db.transaction().execute(async (db) => {
        await sql`insert into zones (zone_id, status, region_id, create_time) values ('gd2a', 'active', 'gd2', '2026-01-01T00:00:00Z')`.execute(db)
        store.epoch.refresh()
        assert.equal(store.epoch.current, undefined)
      })
      store.epoch.refresh()
      assert.equal(typeof store.epoch.current, 'number')
      assert.notEqual(store.epoch.current, before)
    } finally {
      await store.close()
    }
  })
})
