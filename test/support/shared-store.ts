// Two app instances on one store, each with its own connection(s), as two server processes would
// run: a SQLite file in a temp directory, or one migrated PostgreSQL database of the test run. For
// tests of state that processes keep in memory (cached keys, the virtual clock) and must see change.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SecretBox } from '../../src/lib/secret-box.ts'
import { openStore, type Store } from '../../src/store/store.ts'
import { openTestDatabase, testDatabase } from './database.ts'
import { startTestApp, type TestApp } from './harness.ts'

export interface AppsOnOneStore {
  a: TestApp
  /** Makes ids from another seed than `a`, so the two never mint the same id. */
  b: TestApp
  stores: [Store, Store]
  close(): Promise<void>
}

export async function startTwoAppsOnOneStore(): Promise<AppsOnOneStore> {
  let removeDir = () => {}
  let stores: [Store, Store]
  if (testDatabase === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'qinglocal-shared-store-'))
    removeDir = () => rmSync(dir, { recursive: true, force: true })
    const url = `sqlite:${join(dir, 'db.sqlite')}`
    const first = await openStore(url)
    await first.migrate()
    stores = [first, await openStore(url)]
  } else {
    // (dropped by the test run once this process has ended)
    const { url } = await openTestDatabase({ migrated: true })
    stores = [await openStore(url), await openStore(url)]
  }
  const box = SecretBox.fromKey(SecretBox.generateKey())
  const a = await startTestApp({ store: stores[0], box })
  const b = await startTestApp({ store: stores[1], box, idSeed: 7 })
  return {
    a,
    b,
    stores,
    async close() {
      await a.close()
      await b.close()
      for (const store of stores) await store.close()
      removeDir()
    },
  }
}
