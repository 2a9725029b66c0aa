// The cache epoch: what lets a process keep shared state in memory (verified access keys, zones,
// armed faults, the maintenance window, the virtual clock) and still see every change committed before a request
// arrived, whichever process made it.
//
// A one-row table, `cache_epoch`, is bumped by triggers (migration 0022) in the same transaction as
// every change to that state. A cached value is tagged with the epoch read BEFORE it was loaded and
// is used only while the epoch read for the current request is the same number. Reading the epoch:
// - SQLite on a file: a second, read-only connection (WAL readers run beside the writer and see
//   committed data only). `PRAGMA data_version` on it moves whenever any other connection (this
//   process's writer or another process) commits; only then is the epoch row read again. Before it,
//   one pread of the WAL-index header (`walIndexWatch`) answers "nothing committed since" without
//   the pragma's read transaction (synchronous, ~1 µs).
// - SQLite in memory (tests): one connection. While a transaction is open on it the row may hold an
//   uncommitted bump, so no epoch is known (`undefined`: caches read afresh and keep nothing);
//   otherwise the row is read directly.
// - PostgreSQL: one primary-key read per request. LISTEN/NOTIFY would be cheaper but is not strict
//   (a notification may arrive after the next request).
import { closeSync, openSync, readSync, realpathSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type SQLite from 'better-sqlite3'
import { CompiledQuery, type Kysely } from 'kysely'
import type { MaybePromise } from '../lib/maybe-promise.ts'
import type { Database } from './database.ts'

/** Reads the epoch now; `undefined` when it cannot be known without seeing uncommitted data (caches must not be used). */
export type EpochReader = () => number | undefined | Promise<number | undefined>

/**
 * SQLite: `reader` is a connection that never writes (or the only connection, `shared`). `shmFile`,
 * when given, is the database's WAL-index file (`<file>-shm`): see `walIndexWatch`.
 */
export function sqliteEpochReader(reader: SQLite.Database, shared: boolean, watch?: WalIndexWatch): EpochReader {
  let dataVersion: SQLite.Statement | undefined
  let epochRow: SQLite.Statement | undefined
  let seenVersion = -1
  let seenEpoch: number | undefined
  const readRow = () => {
    epochRow ??= reader.prepare('select epoch from cache_epoch where id = 1').pluck()
    return Number(epochRow.get())
  }
  if (shared) return () => (reader.inTransaction ? undefined : readRow())
  return () => {
    // nothing committed anywhere since the last full check: the epoch stands
    if (watch?.unchanged() && seenEpoch !== undefined) return seenEpoch
    dataVersion ??= reader.prepare('pragma data_version').pluck()
    const version = Number(dataVersion.get())
    if (version !== seenVersion || seenEpoch === undefined) {
      // read the row first, then remember the version: a commit in between moves the version again
      seenEpoch = readRow()
      seenVersion = version
    }
    return seenEpoch
  }
}

/**
 * `PRAGMA data_version` costs a read transaction (file locks: several fcntl calls) per request,
 * 3–7 µs on a busy machine. Every commit to a WAL database, by any connection of any process,
 * rewrites the WAL-index header at the start of the `-shm` file before the commit returns (its
 * change counter, frame count and checksums; SQLite writes the first copy last), and the file is
 * shared memory, so one 48-byte pread shows whether anything was committed since the last look.
 * `unchanged()` is true only when those bytes are exactly the ones seen at the previous call;
 * anything else (a commit, a checkpoint restarting the WAL, a torn read, no file) is "changed", and
 * the caller does the full check. The bytes are read BEFORE that check, so a commit racing it is
 * seen at the next call. Strict as data_version is: it is the same header SQLite itself compares.
 * The file stays the same while the watching process keeps a connection open (SQLite removes
 * `-shm` only when the last connection anywhere closes); `database` is resolved as SQLite does.
 */
export function walIndexWatch(database: string): WalIndexWatch {
  // resolved now, as SQLite resolved it at open: a later change of directory must not point elsewhere
  let resolved: string | undefined
  try {
    resolved = realpathSync(database)
  } catch {
    resolved = undefined // no such file: always "changed"
  }
  let fd: number | undefined
  let seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES)
  let next = Buffer.alloc(WAL_INDEX_HEADER_BYTES)
  let known = false
  return {
    unchanged() {
      try {
        if (resolved === undefined) return false
        fd ??= openSync(`${resolved}-shm`, 'r')
        if (readSync(fd, next, 0, WAL_INDEX_HEADER_BYTES, 0) !== WAL_INDEX_HEADER_BYTES) {
          known = false
          return false
        }
      } catch {
        known = false
        return false
      }
      const same = known && next.equals(seen)
      ;[seen, next] = [next, seen]
      known = true
      return same
    },
    close() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      known = false
    },
  }
}
export interface WalIndexWatch {
  /** True only when nothing was committed since the previous call (false at the first). */
  unchanged(): boolean
  close(): void
}
const WAL_INDEX_HEADER_BYTES = 48

// plain SQL that both dialects read alike: compiled once, run on the pool or inside a transaction
const EPOCH_ROW = CompiledQuery.raw('select epoch from cache_epoch where id = 1') as CompiledQuery<{ epoch: number }>

/** The epoch row as `db` sees it (PostgreSQL's reader once per request; SnapshotEpochCache inside a snapshot). */
async function readEpochRow(db: Kysely<Database>): Promise<number> {
  return Number((await db.executeQuery(EPOCH_ROW)).rows[0]?.epoch)
}

export function postgresEpochReader(db: Kysely<Database>): EpochReader {
  return () => readEpochRow(db)
}

/**
 * The epoch as of the latest request: the endpoint calls `refresh(arrivedAt)` once per request, and
 * every cache compares its entries with `current`. A read that began after the request arrived saw
 * every commit made before it, so requests that arrived before the latest read began share it (on
 * SQLite, the requests of one turn of the event loop; on PostgreSQL, one query in flight): that is
 * still strict. Reads that finish out of order (PostgreSQL) never move `current` back to a value
 * read before a later-issued read.
 */
export class CacheEpoch {
  private value: number | undefined
  private issued = 0
  private applied = 0
  /** performance.now() when the latest read began, and that read while it is in flight. */
  private lastStart = Number.NEGATIVE_INFINITY
  private inFlight: Promise<void> | undefined

  constructor(private readonly read: EpochReader) {}

  /** The epoch read by the latest refresh; `undefined` before the first or when unknown. */
  get current(): number | undefined {
    return this.value
  }

  /**
   * Makes `current` at least as new as a read begun at `arrivedAt` (performance.now(); default: now,
   * which always reads). Synchronous on SQLite: returns undefined then, no promise to await.
   */
  refresh(arrivedAt = Number.POSITIVE_INFINITY): Promise<void> | undefined {
    if (this.lastStart >= arrivedAt && (this.inFlight !== undefined || this.value !== undefined)) return this.inFlight
    const ticket = ++this.issued
    this.lastStart = performance.now()
    const read = this.read()
    if (!(read instanceof Promise)) {
      this.inFlight = undefined
      this.apply(ticket, read)
      return undefined
    }
    const pending = read.then((value) => {
      this.apply(ticket, value)
      if (this.inFlight === pending) this.inFlight = undefined
    })
    this.inFlight = pending
    return pending
  }

  private apply(ticket: number, value: number | undefined): void {
    if (ticket < this.applied) return
    this.applied = ticket
    this.value = value
  }
}

/**
 * Values by key, each tagged with the epoch current when its load began: one that began under an
 * older epoch is never used, and `undefined` epochs keep nothing. Bounded: when full, it starts over.
 */
export class EpochCache<K, V> {
  private readonly entries = new Map<K, { epoch: number; value: V }>()
  private entriesEpoch: number | undefined

  constructor(
    private readonly epoch: CacheEpoch,
    private readonly capacity = 10_000,
  ) {}

  /** The cached value (a plain value, no promise, on a hit), or `load()`'s, kept if the epoch held while it loaded. */
  get(key: K, load: () => Promise<V>): MaybePromise<V> {
    const epoch = this.epoch.current
    if (epoch === undefined) return load()
    // a new epoch makes every entry stale: drop them all at once
    if (epoch !== this.entriesEpoch) {
      this.entries.clear()
      this.entriesEpoch = epoch
    }
    const entry = this.entries.get(key)
    if (entry !== undefined) return entry.value
    return this.fill(key, epoch, load)
  }

  private async fill(key: K, epoch: number, load: () => Promise<V>): Promise<V> {
    const value = await load()
    // the epoch may have moved while loading; only a value loaded under the epoch still current is kept
    if (this.epoch.current === epoch && this.entriesEpoch === epoch) {
      if (this.entries.size >= this.capacity) this.entries.clear()
      this.entries.set(key, { epoch, value })
    }
    return value
  }
}

/**
 * Values by key for reads made inside a query's snapshot (store/snapshot.ts), where EpochCache's
 * rule does not hold: a snapshot begun before the epoch last moved would see older rows than the
 * current epoch promises. A batch of missing keys is loaded, then the epoch row is read in the same
 * snapshot (or, outside one, after the load: a change committed before the load then shows as a
 * newer epoch); the values are kept only when that row says the current epoch, so every kept
 * value is as of that epoch. Only for rows whose every change moves the epoch (migration 0024's
 * triggers on images). Bounded: when full, it starts over.
 */
export class SnapshotEpochCache<K, V> {
  private readonly entries = new Map<K, V | undefined>()
  private entriesEpoch: number | undefined

  constructor(
    private readonly epoch: CacheEpoch,
    private readonly capacity = 10_000,
  ) {}

  /** The value of each key (undefined: none), the missing ones by one `load(missing)` on `db`. */
  getMany(db: Kysely<Database>, keys: readonly K[], load: (missing: readonly K[]) => Promise<ReadonlyMap<K, V>>): MaybePromise<ReadonlyMap<K, V | undefined>> {
    const epoch = this.epoch.current
    if (epoch !== this.entriesEpoch) {
      this.entries.clear()
      this.entriesEpoch = epoch
    }
    const found = new Map<K, V | undefined>()
    const missing: K[] = []
    for (const key of keys) {
      if (epoch !== undefined && this.entries.has(key)) found.set(key, this.entries.get(key))
      else missing.push(key)
    }
    if (missing.length === 0) return found
    return this.fill(db, epoch, missing, found, load)
  }

  private async fill(db: Kysely<Database>, epoch: number | undefined, missing: readonly K[], found: Map<K, V | undefined>, load: (missing: readonly K[]) => Promise<ReadonlyMap<K, V>>) {
    const loaded = await load(missing)
    for (const key of missing) found.set(key, loaded.get(key))
    if (epoch === undefined) return found
    const seen = await readEpochRow(db)
    if (seen === epoch && this.epoch.current === epoch && this.entriesEpoch === epoch) {
      if (this.entries.size + missing.length > this.capacity) this.entries.clear()
      for (const key of missing) this.entries.set(key, loaded.get(key))
    }
    return found
  }
}
