// The TEST_DATABASE switch: `sqlite` (default, in memory) or `postgres` (the machine's server).
// On PostgreSQL every test store is a database of its own, so runs, files and tests never see each
// other's rows. Running the migrations for each of them cost ~1 s of the server's time (21
// migrations, ~200 DDL statements) plus ~0.4 s to drop a schema; instead a run migrates ONE
// template database, the first time a process of the run needs it, and each store is a copy of it
// (`create database … template`, a block copy: ~0.07 s at load 4–7 here). The copy is exactly
// what the migrations produced; migrating it is a no-op.
// Names: `<run>_template`, `<run>_<pid>_<random>_<n>` (test/support/pg-runs.mjs: the runner drops a
// process's databases once it has ended, and all of the run's at the end; a later run drops those
// of a run that died).
import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import pg from 'pg'
import { openStore, type Store } from '../../src/store/store.ts'
import { dropRunDatabases, holdRun, newRunId, RUN_LOCK, sweepEndedRuns } from './pg-runs.mjs'

export const testDatabase = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres'
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
/** Set by scripts/test.mjs for all its test processes; a test file run on its own is a run by itself. */
export const runPrefix = process.env.QINGLOCAL_TEST_RUN ?? newRunId()
const runByItself = process.env.QINGLOCAL_TEST_RUN === undefined

/** The first key of the lock taken while the run's template is built (the second: hashtext of the run id). */
const TEMPLATE_LOCK = RUN_LOCK + 1

let counter = 0
/** `<pid>_<random>`: the runner tells by the pid whether the process has ended; the random part keeps a reused pid's names apart. */
const processTag = `${process.pid}_${randomBytes(2).toString('hex')}`

/**
 * This process's connection to the `test` database: it creates the run's databases (and drops them
 * in a file run by itself) and holds the run's lock (pg-runs.mjs) while the process lives. Its socket keeps the process alive
 * only while a query is under way, so a test file still ends when its tests do.
 */
class Admin {
  private busy = 0
  private constructor(
    private readonly client: pg.Client,
    private readonly socket: Socket,
  ) {}

  static async connect(): Promise<Admin> {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    const admin = new Admin(client, (client as unknown as { connection: { stream: Socket } }).connection.stream)
    admin.socket.unref()
    await admin.query((c) => holdRun(c, runPrefix))
    // a test file run by itself has no runner to clean up after it: it drops its databases when
    // its tests are done (node empties the event loop first), and sweeps what ended runs left
    if (runByItself) {
      await admin.query((c) => sweepEndedRuns(c, runPrefix))
      process.once('beforeExit', () => void admin.query((c) => dropRunDatabases(c, runPrefix)).finally(() => admin.client.end()))
    }
    return admin
  }

  async query<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    if (this.busy++ === 0) this.socket.ref()
    try {
      return await work(this.client)
    } finally {
      if (--this.busy === 0) this.socket.unref()
    }
  }

  sql(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.query((c) => c.query(text, values))
  }
}

let admin: Promise<Admin> | undefined
let template: Promise<string> | undefined

function databaseUrl(name: string): string {
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** The run's migrated template: built by the first process that asks (the others wait on the lock, then find it ready). */
async function runTemplate(a: Admin): Promise<string> {
  const name = `${runPrefix}_template`
  await a.sql('select pg_advisory_lock($1, hashtext($2))', [TEMPLATE_LOCK, runPrefix])
  try {
    const { rows } = await a.sql('select datistemplate from pg_database where datname = $1', [name])
    if (rows[0]?.datistemplate) return name
    // made by a process that died before it was done: made again
    if (rows.length > 0) await a.sql(`drop database ${name} with (force)`)
    await a.sql(`create database ${name}`)
    const store = await openStore(databaseUrl(name))
    try {
      await store.migrate()
    } finally {
      await store.close()
    }
    // the mark of a finished template; copies need no connection to be open to it (PostgreSQL waits a few seconds for closing ones)
    await a.sql(`alter database ${name} is_template true`)
    return name
  } finally {
    await a.sql('select pg_advisory_unlock($1, hashtext($2))', [TEMPLATE_LOCK, runPrefix])
  }
}

/**
 * A PostgreSQL database of the run, for one test: migrated (a copy of the run's template) or, for a
 * test of the migrations themselves (a server that migrates at start), empty. Nobody drops it while
 * the process lives: DROP DATABASE waits for a checkpoint (~0.1 s on a quiet server, 1–2 s on a busy
 * one), so scripts/test.mjs drops the databases of test processes that have ended while other files
 * run, and a file run by itself drops its own when its tests are done (Admin.connect).
 */
export async function openTestDatabase(options: { migrated: boolean }): Promise<{ url: string }> {
  admin ??= Admin.connect()
  const a = await admin
  if (options.migrated) template ??= runTemplate(a)
  const name = `${runPrefix}_${processTag}_${++counter}`
  await a.sql(`create database ${name}${options.migrated ? ` template ${await template}` : ''}`)
  return { url: databaseUrl(name) }
}

export async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (testDatabase === 'sqlite') {
    const store = await openStore('sqlite::memory:')
    await store.migrate()
    return { store, drop: () => store.close() }
  }
  if (testDatabase !== 'postgres') throw new Error(`TEST_DATABASE must be sqlite or postgres, got ${String(testDatabase)}`)
  const { url } = await openTestDatabase({ migrated: true })
  const store = await openStore(url)
  return { store, drop: () => store.close() }
}
