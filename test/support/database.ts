// The TEST_DATABASE switch: `sqlite` (default, in memory) or `postgres` (the machine's server, one
// fresh schema per test app, dropped afterwards, so runs and files never collide).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { dropPostgresSchema, openStore, type Store } from '../../src/store/store.ts'

export const testDatabase = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres'
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
/** Set by scripts/test.mjs so a run can drop every schema it made, even after a crash. */
export const runPrefix = process.env.QINGLOCAL_TEST_RUN ?? `qlt_${randomBytes(3).toString('hex')}`

let counter = 0

/**
 * Kysely's migrator introspects every table of the database, and PostgreSQL fails that query with
 * `schema "…" does not exist` when another test process drops its schema at the same moment. So
 * migrations hold a shared advisory lock and schema drops an exclusive one (scripts/test.mjs
 * takes it too): drops wait until no introspection is running. The key is arbitrary but fixed.
 */
export const SCHEMA_LOCK_KEY = 724_151_003

async function withSchemaLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  try {
    await client.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [SCHEMA_LOCK_KEY])
    return await work()
  } finally {
    await client.end() // ending the session releases the lock
  }
}

export async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (testDatabase === 'sqlite') {
    const store = await openStore('sqlite::memory:')
    await store.migrate()
    return { store, drop: () => store.close() }
  }
  if (testDatabase !== 'postgres') throw new Error(`TEST_DATABASE must be sqlite or postgres, got ${String(testDatabase)}`)
  const schema = `${runPrefix}_${process.pid}_${++counter}`
  const store = await openStore(postgresUrl, { schema })
  await withSchemaLock('shared', () => store.migrate())
  return {
    store,
    drop: async () => {
      try {
        await store.close()
      } finally {
        await withSchemaLock('exclusive', () => dropPostgresSchema(postgresUrl, schema))
      }
    },
  }
}
