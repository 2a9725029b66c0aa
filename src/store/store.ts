// Opens the configured database (embedded SQLite by default, PostgreSQL by URL), runs the
// migrations, and hands out one Kysely instance with the dialect's capability helpers.
import { mkdirSync } from 'node:fs'
import { ensurePrivateFile, PRIVATE_DIR_MODE, restrictFiles } from '../lib/private-files.ts'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  PostgresDriver,
  type PostgresDialectConfig,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
  type TransactionSettings,
} from 'kysely'
import { redactUrl, rootCause } from '../lib/cause.ts'
import type { Database } from './database.ts'
import { capabilities, type Capabilities } from './dialects.ts'
import * as foundation from './migrations/0001-foundation.ts'
import * as compute from './migrations/0002-compute.ts'
import * as describeIndexes from './migrations/0003-describe-indexes.ts'
import * as accounts from './migrations/0004-accounts.ts'
import * as rateSlots from './migrations/0005-rate-slots.ts'
import * as quotas from './migrations/0006-quotas.ts'
import * as apiUsage from './migrations/0007-api-usage.ts'
import * as billing from './migrations/0008-billing.ts'
import * as platform from './migrations/0009-platform.ts'
import * as apps from './migrations/0010-apps.ts'
import * as networksSnapshots from './migrations/0011-networks-snapshots.ts'
import * as securityGroups from './migrations/0012-security-groups.ts'
import * as vxnets from './migrations/0013-vxnets.ts'
import * as snapshotChains from './migrations/0015-snapshots.ts'
import * as loginFailures from './migrations/0016-login-failures.ts'
import * as outboxSealed from './migrations/0017-outbox-sealed.ts'
import * as reservations from './migrations/0018-reservations.ts'
import * as jobRunnerColumns from './migrations/0019-job-runner-columns.ts'
import * as listingCounts from './migrations/0020-listing-counts.ts'
import * as tagBindingCounts from './migrations/0021-tag-binding-counts.ts'
import * as cacheEpoch from './migrations/0022-cache-epoch.ts'
import * as eipInstanceIndex from './migrations/0023-eip-instance-index.ts'
import * as imageEpoch from './migrations/0024-image-epoch.ts'
import * as routers from './migrations/0025-routers.ts'
import * as vxnetRouters from './migrations/0026-vxnet-routers.ts'
import * as nics from './migrations/0027-nics.ts'
import * as routerQuotaPrices from './migrations/0028-router-quota-prices.ts'
import * as loadBalancers from './migrations/0029-load-balancers.ts'
import * as virtualClockEpoch from './migrations/0030-virtual-clock-epoch.ts'
import { CacheEpoch, postgresEpochReader, sqliteEpochReader, walIndexWatch } from './cache-epoch.ts'
import { parseDatabaseUrl } from './database-url.ts'
import type pg from 'pg'

export { parseDatabaseUrl, type ParsedUrl } from './database-url.ts'

/** Kysely's bookkeeping table (its default name). */
const MIGRATION_TABLE = 'kysely_migration'

const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-compute': compute,
  '0003-describe-indexes': describeIndexes,
  '0004-accounts': accounts,
  '0005-rate-slots': rateSlots,
  '0006-quotas': quotas,
  '0007-api-usage': apiUsage,
  '0008-billing': billing,
  '0009-platform': platform,
  '0010-apps': apps,
  '0011-networks-snapshots': networksSnapshots,
  '0012-security-groups': securityGroups,
  '0013-vxnets': vxnets,
  '0015-snapshots': snapshotChains,
  '0016-login-failures': loginFailures,
  '0017-outbox-sealed': outboxSealed,
  '0018-reservations': reservations,
  '0019-job-runner-columns': jobRunnerColumns,
  '0020-listing-counts': listingCounts,
  '0021-tag-binding-counts': tagBindingCounts,
  '0022-cache-epoch': cacheEpoch,
  '0023-eip-instance-index': eipInstanceIndex,
  '0024-image-epoch': imageEpoch,
  '0025-routers': routers,
  '0026-vxnet-routers': vxnetRouters,
  '0027-nics': nics,
  '0028-router-quota-prices': routerQuotaPrices,
  '0029-load-balancers': loadBalancers,
  '0030-virtual-clock-epoch': virtualClockEpoch,
}

/** The migration every store is at once migrate() has run: a state file names it (store/state/). */
export const LATEST_MIGRATION = Object.keys(migrations).at(-1) as string

export interface Store {
  db: Kysely<Database>
  /**
   * Committed data outside any transaction, for reads only: on SQLite on a file a second, read-only
   * connection (WAL readers do not queue behind the writer); otherwise the same as `db`.
   */
  readDb: Kysely<Database>
  /** The cache epoch of this store (store/cache-epoch.ts): what in-memory caches of shared state are checked against. */
  epoch: CacheEpoch
  caps: Capabilities
  /** Where the data lives, without credentials: for logs and /readyz. */
  description: string
  /** SQLite on a file: its path (a state dump reads it through a connection of its own). */
  file?: string
  migrate(): Promise<void>
  /** Latest migration applied and none pending. */
  isMigrated(): Promise<boolean>
  /** At least one migration applied: `qinglocal serve` made this database (jobs step, billing tick). */
  isCreated(): Promise<boolean>
  ping(): Promise<void>
  close(): Promise<void>
}

export async function openStore(url: string): Promise<Store> {
  const parsed = parseDatabaseUrl(url)
  if (!parsed) throw new Error(`unsupported database URL: ${url}`)
  const { db, readDb, epoch, description, closeReader } = parsed.kind === 'sqlite' ? openSqlite(parsed.file) : await openPostgres(parsed.url)
  const caps = capabilities(parsed.kind)
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })

  // the first query says whether the server is there at all: "migration failed" would not
  const reach = () =>
    sql`select 1`.execute(db).then(
      () => undefined,
      (error) => {
        throw new Error(`cannot reach the database ${redactUrl(url)}: ${rootCause(error)}`, { cause: error })
      },
    )
  const applied = async (): Promise<Set<string> | undefined> => {
    const table = sql.id(MIGRATION_TABLE)
    try {
      const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db)
      return new Set(rows.map((r) => r.name))
    } catch (error) {
      // never migrated: the table is not there yet
      if (/does not exist|no such table/.test(String(error))) return undefined
      throw error
    }
  }

  return {
    db,
    readDb,
    epoch,
    caps,
    description,
    ...(parsed.kind === 'sqlite' && parsed.file !== ':memory:' && { file: parsed.file }),
    async migrate() {
      await reach()
      const { error, results } = await migrator.migrateToLatest()
      const failed = results?.find((r) => r.status === 'Error')
      if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
    },
    // read the bookkeeping table directly: Kysely's getMigrations() introspects every schema of the
    // database, which fails on PostgreSQL while another schema is being dropped (/readyz would flap)
    async isMigrated() {
      const done = await applied()
      return done !== undefined && Object.keys(migrations).every((name) => done.has(name))
    },
    async isCreated() {
      await reach()
      return ((await applied())?.size ?? 0) > 0
    },
    async ping() {
      await sql`select 1`.execute(db)
    },
    async close() {
      await db.destroy()
      if (readDb !== db) await readDb.destroy()
      // Kysely closes a connection only if it ever used it; the epoch reader may have used it alone
      closeReader?.()
    },
  }
}

interface Opened {
  db: Kysely<Database>
  readDb: Kysely<Database>
  epoch: CacheEpoch
  description: string
  /** SQLite on a file: closes the read-only connection (idempotent). */
  closeReader?: () => void
}

function openSqlite(file: string): Opened {
  const onDisk = file !== ':memory:'
  if (onDisk) {
    // the database is made 0600 before SQLite opens it; SQLite gives the -wal and -shm files it
    // creates (now or after a restart) the database file's mode, and they are checked here too
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
    ensurePrivateFile(file)
  }
  const database = new SQLite(file)
  database.pragma('journal_mode = WAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  database.pragma('synchronous = NORMAL')
  if (onDisk) restrictFiles([`${file}-wal`, `${file}-shm`])
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) })
  if (!onDisk) return { db, readDb: db, epoch: new CacheEpoch(sqliteEpochReader(database, true)), description: `sqlite:${file}` }
  // opened after the writer made the file WAL; read-only, so nothing can write through it by mistake
  const reader = new SQLite(file, { readonly: true })
  reader.pragma('busy_timeout = 5000')
  const readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) })
  // the epoch has a connection of its own: readDb may be inside a query's read snapshot
  // (store/snapshot.ts) when a request reads the epoch, and would answer from that snapshot
  const epochReader = new SQLite(file, { readonly: true })
  epochReader.pragma('busy_timeout = 5000')
  const watch = walIndexWatch(file)
  const closeReader = () => {
    watch.close()
    if (reader.open) reader.close()
    if (epochReader.open) epochReader.close()
  }
  return { db, readDb, epoch: new CacheEpoch(sqliteEpochReader(epochReader, false, watch)), description: `sqlite:${file}`, closeReader }
}

/**
 * Several server processes (`serve --workers N`) share one SQLite file. A deferred `begin` takes
 * its read lock first and fails at once (SQLITE_BUSY, which busy_timeout cannot wait out) when
 * it later tries to write after another process did. So every transaction begins IMMEDIATE: it
 * takes the write lock up front, waiting up to busy_timeout for it, and transactions of all
 * processes run one after another. A transaction asked for as read only stays deferred (WAL
 * readers never wait).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config)
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config)
  }
}

/**
 * Kysely calls prepare() for every query and better-sqlite3 compiles the SQL each time: a fifth of
 * a DescribeZones request's CPU under load. Compiled statements are kept per SQL text, bounded,
 * least recently used out first. (Kysely runs one query at a time on this connection, so a
 * statement is never used twice at once.)
 */
function withStatementCache(database: SQLite.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = cache.get(text)
      if (statement)
        cache.delete(text) // re-inserted below as the most recently used
      else statement = withRowFactory(database.prepare(text))
      cache.set(text, statement)
      if (cache.size > capacity) cache.delete(cache.keys().next().value!)
      return statement
    },
  }
}

/**
 * A reading statement returns arrays (better-sqlite3's raw mode), made into objects by a function
 * compiled once per statement from its column names. better-sqlite3 builds each row object from
 * C++ one property at a time: for a page of 20 instances (22 columns) that was half of the page
 * query's time (docs/performance.md, "Page cost"). The objects are the same: the same keys in the
 * same order, a later column of the same name wins as before.
 */
export function withRowFactory(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement
  const names = statement.columns().map((c) => c.name)
  // a column named __proto__ would set the prototype in an object literal: keep such a statement as it is
  if (names.includes('__proto__')) return statement
  statement.raw(true)
  const row = new Function('r', `return {${names.map((name, i) => `${JSON.stringify(name)}: r[${i}]`).join(', ')}}`) as (values: unknown[]) => unknown
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(row),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield row(values)
    },
  }
}

async function openPostgres(url: string): Promise<Opened> {
  const safeDescription = url.replace(/\/\/[^@/]*@/, '//')
  // loaded only for PostgreSQL: evaluating pg (and the fetch machinery it probes) costs an
  // embedded-SQLite start-up ~15 ms for nothing
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: bigintAsNumber(pg.types.getTypeParser) },
    // no parallel plans: a paged listing (ORDER BY … LIMIT 20 over an index) split between
    // workers makes each scan its share to the end, 600 ms instead of a few rows (issue 16)
    options: '-c max_parallel_workers_per_gather=0',
  })
  // a pooled client that dies (server restart) must not take the process down; queries will fail
  // with a clear error and the pool opens a new connection next time
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new GatedPostgresDialect({ pool }) })
  return { db, readDb: db, epoch: new CacheEpoch(postgresEpochReader(db)), description: safeDescription }
}

/**
 * The key of the advisory lock every PostgreSQL transaction holds shared from its first statement
 * (store/state/load-state.ts takes it exclusive). A state swap must hold every table at once, and a
 * transaction that already holds one table and then asks for another the swap holds would deadlock
 * with it; behind this gate the swap first waits for the transactions in flight, in every process,
 * to end, while new ones wait at their begin, before they touch any table.
 */
export const STATE_SWAP_GATE = 7_151_040_001

/** Begins every transaction inside the state swap gate (shared): one round trip, as a plain begin. */
class GatedPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = ['start transaction', settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean).join(' ')
    // two statements in one simple query (no parameters): the gate costs no round trip of its own
    await connection.executeQuery(CompiledQuery.raw(`${begin}; select pg_advisory_xact_lock_shared(${STATE_SWAP_GATE})`))
  }
}

class GatedPostgresDialect extends PostgresDialect {
  constructor(private readonly gatedConfig: PostgresDialectConfig) {
    super(gatedConfig)
  }
  override createDriver(): Driver {
    return new GatedPostgresDriver(this.gatedConfig)
  }
}

const INT8_OID = 20

/**
 * node-postgres hands bigint columns (money, counts) over as strings. Every bigint QingLocal stores
 * fits a JavaScript number exactly; one that does not is corrupt data and must not be rounded.
 */
function bigintAsNumber(parserOf: typeof pg.types.getTypeParser): typeof pg.types.getTypeParser {
  return ((oid: number, format?: 'text' | 'binary') => {
    if (oid !== INT8_OID) return parserOf(oid, format)
    return (text: string) => {
      const n = Number(text)
      if (!Number.isSafeInteger(n)) throw new Error(`bigint ${text} is beyond the exact range of a number`)
      return n
    }
  }) as typeof pg.types.getTypeParser
}
