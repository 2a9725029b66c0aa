// The TEST_DATABASE switch: `sqlite` (default, in memory) or `postgres` (the machine's server, one
// fresh schema per test app, dropped afterwards, so runs and files never collide).
import { randomBytes } from 'node:crypto'
import { dropPostgresSchema, openStore, type Store } from '../../src/store/store.ts'

export const testDatabase = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres'
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
/** Set by scripts/test.mjs so a run can drop every schema it made, even after a crash. */
export const runPrefix = process.env.QINGLOCAL_TEST_RUN ?? `qlt_${randomBytes(3).toString('hex')}`

let counter = 0

export async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (testDatabase === 'sqlite') {
    const store = await openStore('sqlite::memory:')
    await store.migrate()
    return { store, drop: () => store.close() }
  }
  if (testDatabase !== 'postgres') throw new Error(`TEST_DATABASE must be sqlite or postgres, got ${String(testDatabase)}`)
  const schema = `${runPrefix}_${process.pid}_${++counter}`
  const store = await openStore(postgresUrl, { schema })
  await store.migrate()
  return {
    store,
    drop: async () => {
      try {
        await store.close()
      } finally {
        await dropPostgresSchema(postgresUrl, schema)
      }
    },
  }
}
