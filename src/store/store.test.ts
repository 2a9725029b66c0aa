// isMigrated (what /readyz asks): false before the migrations ran, true after, read from the
// store's own bookkeeping table on either database.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { openTestStore } from '../../test/support/database.ts'
import { openStore } from './store.ts'

describe('Store.isMigrated', () => {
  it('is false for a store never migrated and true once it is', async () => {
    const store = await openStore('sqlite::memory:')
    try {
      assert.equal(await store.isMigrated(), false)
      await store.migrate()
      assert.equal(await store.isMigrated(), true)
    } finally {
      await store.close()
    }
  })

  it('is true for the test database’s migrated store (a PostgreSQL schema on TEST_DATABASE=postgres)', async () => {
    const { store, drop } = await openTestStore()
    try {
      assert.equal(await store.isMigrated(), true)
    } finally {
      await drop()
    }
  })
})
