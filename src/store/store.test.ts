// isMigrated (what /readyz asks): false before the migrations ran, true after, read from the
// store's own bookkeeping table on either database. isCreated (what jobs step and billing tick ask
// before touching a store). A PostgreSQL server that cannot be reached is named, password hidden.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { openTestStore } from '../../test/support/database.ts'
import { createServer } from 'node:net'
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

  it('is true for the test database’s migrated store (on TEST_DATABASE=postgres a copy of the run’s migrated template database)', async () => {
    const { store, drop } = await openTestStore()
    try {
      assert.equal(await store.isMigrated(), true)
    } finally {
      await drop()
    }
  })
})

describe('Store.isCreated', () => {
  it('is false for an empty database and true once serve has migrated it', async () => {
    const store = await openStore('sqlite::memory:')
    try {
      assert.equal(await store.isCreated(), false)
      await store.migrate()
      assert.equal(await store.isCreated(), true)
    } finally {
      await store.close()
    }
    const { store: migrated, drop } = await openTestStore()
    try {
      assert.equal(await migrated.isCreated(), true)
    } finally {
      await drop()
    }
  })
})

describe('an unreachable PostgreSQL', () => {
  it('is named by its URL, password hidden, with the cause, instead of "migration failed"', async () => {
    // a port nothing listens on: taken, then given back
    const probe = createServer().listen(0, '127.0.0.1')
    await new Promise((resolve) => probe.once('listening', resolve))
    const port = (probe.address() as { port: number }).port
    await new Promise((resolve) => probe.close(resolve))

    const store = await openStore(`postgres://ops:s3cret-pw@127.0.0.1:${port}/qinglocal`)
    try {
      const error = await store.migrate().then(
        () => undefined,
        (e: Error) => e,
      )
      assert.ok(error)
      assert.equal(error.message, `cannot reach the database postgres://ops:***@127.0.0.1:${port}/qinglocal: connect ECONNREFUSED 127.0.0.1:${port}`)
      await assert.rejects(store.isCreated(), /cannot reach the database postgres:\/\/ops:\*\*\*@/)
    } finally {
      await store.close()
    }
  })
})
