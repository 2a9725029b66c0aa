// Writes the whole store as a state file (state-format.ts), streaming: rows are read in chunks and
// written as the reader takes them, never the whole store in memory. Everything is read in ONE read
// snapshot, so a dump taken while requests change the store is the store as of one instant:
// - PostgreSQL: a REPEATABLE READ READ ONLY transaction on one connection, each table through a
//   server-side cursor (`fetch` 1000 rows at a time);
// - SQLite on a file: a read-only connection of the dump's own in one read transaction (WAL: writers
//   go on beside it), iterated in chunks with a turn of the event loop between them;
// - SQLite in memory (tests): the store's one connection, in a read transaction.
import { PassThrough, pipeline, type Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { createGzip } from 'node:zlib'
import SQLite from 'better-sqlite3'
import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../database.ts'
import { LATEST_MIGRATION, type Store } from '../store.ts'
import { type CatalogQuery, stateTables, type TableInfo } from './catalog.ts'
import { encodeValue, STATE_FORMAT, STATE_FORMAT_VERSION, type StateCounts, type StateHeader } from './state-format.ts'

const CHUNK_ROWS = 1000
/** Characters of lines handed to gzip at once. */
const BLOCK_CHARS = 256 * 1024

export interface DumpInfo {
  /** The app clock's now, formatted. */
  createdAt: string
  boxFingerprint: string
}

export interface Dump {
  /** The gzip'd file as it is made; destroyed with the error if reading fails. */
  stream: Readable
  /** What was written, once the last line is; rejects when the dump failed or its reader went away. */
  done: Promise<StateCounts>
}

interface ReadSnapshot {
  tables: TableInfo[]
  /** The table's rows as arrays in `columns` order, a chunk at a time. */
  chunks(table: TableInfo): AsyncIterable<unknown[][]>
}

export function dumpState(store: Store, info: DumpInfo): Dump {
  const lines = new PassThrough()
  const stream = createGzip()
  // the reader stopping (a client that went away) destroys `lines`, which stops the writing below
  pipeline(lines, stream, () => {})
  // lines are handed to gzip in blocks: every chunk written is a round trip to the thread pool,
  // one turn of the event loop each, which a busy server makes long
  let pending = ''
  const flush = async () => {
    if (lines.destroyed) throw new Error('the reader of the state file went away')
    const block = pending
    pending = ''
    if (lines.write(block)) return
    await new Promise<void>((resolve, reject) => {
      const drained = () => {
        off()
        resolve()
      }
      const closed = () => {
        off()
        reject(new Error('the reader of the state file went away'))
      }
      const off = () => {
        lines.off('drain', drained)
        lines.off('close', closed)
      }
      lines.on('drain', drained)
      lines.on('close', closed)
    })
  }
  const write = async (value: unknown) => {
    pending += `${JSON.stringify(value)}\n`
    if (pending.length >= BLOCK_CHARS) await flush()
  }
  const done = inReadSnapshot(store, async ({ tables, chunks }) => {
    const header: StateHeader = {
      format: STATE_FORMAT,
      version: STATE_FORMAT_VERSION,
      migration: LATEST_MIGRATION,
      created_at: info.createdAt,
      store: store.caps.name,
      box_fingerprint: info.boxFingerprint,
      tables: tables.map((t) => t.name),
    }
    await write(header)
    let rows = 0
    for (const table of tables) {
      await write({ table: table.name, columns: table.columns })
      const bigint = table.columns.map((c) => table.bigintColumns.has(c))
      for await (const chunk of chunks(table)) {
        for (const row of chunk) await write(row.map((value, i) => encodeValue(value, bigint[i] === true)))
        rows += chunk.length
      }
    }
    const counts = { tables: tables.length, rows }
    await write({ end: counts })
    await flush()
    return counts
  }).then(
    (counts) => {
      lines.end()
      return counts
    },
    (error: Error) => {
      lines.destroy(error)
      throw error
    },
  )
  // a caller may be waiting on the stream when the dump fails: the failure is its error too, and
  // `done` must not be an unhandled rejection meanwhile
  done.catch(() => undefined)
  return { stream, done }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
const selectAll = (table: TableInfo) => `select ${table.columns.map(quoted).join(', ')} from ${quoted(table.name)}`

async function inReadSnapshot<T>(store: Store, work: (snapshot: ReadSnapshot) => Promise<T>): Promise<T> {
  if (store.caps.name === 'sqlite' && store.file !== undefined) return await inSqliteFileSnapshot(store.file, work)
  return await store.db
    .transaction()
    .setAccessMode('read only')
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const query = kyselyCatalogQuery(trx)
      const tables = await stateTables(query, store.caps.name)
      const chunks = store.caps.name === 'postgres' ? (table: TableInfo) => cursorChunks(trx, table) : (table: TableInfo) => wholeTable(trx, table)
      return await work({ tables, chunks })
    })
}

export function kyselyCatalogQuery(db: Kysely<Database> | Transaction<Database>): CatalogQuery {
  return async (text) => (await db.executeQuery(CompiledQuery.raw(text))).rows as Array<Record<string, unknown>>
}

async function* cursorChunks(trx: Transaction<Database>, table: TableInfo): AsyncGenerator<unknown[][]> {
  await trx.executeQuery(CompiledQuery.raw(`declare state_dump no scroll cursor for ${selectAll(table)}`))
  for (;;) {
    const { rows } = await trx.executeQuery(CompiledQuery.raw(`fetch forward ${CHUNK_ROWS} from state_dump`))
    if (rows.length === 0) break
    yield (rows as Array<Record<string, unknown>>).map((row) => table.columns.map((c) => row[c]))
  }
  await trx.executeQuery(CompiledQuery.raw('close state_dump'))
}

/** SQLite in memory: the store is in memory already, so one table's rows may be too. */
async function* wholeTable(trx: Transaction<Database>, table: TableInfo): AsyncGenerator<unknown[][]> {
  const { rows } = await trx.executeQuery(CompiledQuery.raw(selectAll(table)))
  yield (rows as Array<Record<string, unknown>>).map((row) => table.columns.map((c) => row[c]))
}

async function inSqliteFileSnapshot<T>(file: string, work: (snapshot: ReadSnapshot) => Promise<T>): Promise<T> {
  const connection = new SQLite(file, { readonly: true })
  try {
    connection.pragma('busy_timeout = 5000')
    // a deferred begin: the snapshot is pinned at the first read (the catalog's) and kept to the commit
    connection.prepare('begin').run()
    const query: CatalogQuery = async (text) => connection.prepare(text).all() as Array<Record<string, unknown>>
    const tables = await stateTables(query, 'sqlite')
    const result = await work({
      tables,
      async *chunks(table) {
        let chunk: unknown[][] = []
        for (const row of connection.prepare(selectAll(table)).raw(true).iterate() as IterableIterator<unknown[]>) {
          chunk.push(row)
          if (chunk.length < CHUNK_ROWS) continue
          yield chunk
          chunk = []
          // requests keep flowing while a large table is read
          await nextTurn()
        }
        if (chunk.length > 0) yield chunk
      },
    })
    connection.prepare('commit').run()
    return result
  } finally {
    connection.close()
  }
}
