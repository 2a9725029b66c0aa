// A crash between charging and creating: the server is killed (SIGKILL, at the failpoint right
// after RunInstances charged the first hour, before the instance rows are written) and the store
// must hold neither the charge nor the instance. The restarted server charges the next request once.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { it } from 'node:test'
import SQLite from 'better-sqlite3'
import { callApi } from '../../src/cli/client.ts'
import { ok, RUN, startServer, tempData, TIMEOUT } from '../support/e2e-server.ts'

/** What the data directory's store holds about money and instances, read straight from the file. */
function books(dataDir: string) {
  const db = new SQLite(join(dataDir, 'qinglocal.db'), { readonly: true })
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() as Record<string, number>)[0]
    return {
      instances: one('select count(*) from instances'),
      leases: one('select count(*) from leases'),
      charges: one('select count(*) from charge_records'),
      // the bootstrap user's starting 100000 yuan, in minor units, unless something was charged
      balance: one("select balance from wallets where user_id = (select owner from access_keys where access_key_name = 'bootstrap user')"),
    }
  } finally {
    db.close()
  }
}

it('a process killed between charging and creating leaves neither behind', { timeout: TIMEOUT }, async () => {
  const dataDir = tempData()
  const doomed = await startServer(dataDir, 'instant', { QINGLOCAL_FAILPOINTS: 'billing:charged' })
  const reply = await callApi(doomed.user, 'RunInstances', { zone: 'pek3a', ...RUN }).then(
    (r) => r,
    (error: Error) => error,
  )
  assert.ok(reply instanceof Error, `the request should have lost its server, got ${JSON.stringify(reply)}`)
  const [, signal] = (await doomed.exit) as [number | null, string | null]
  assert.equal(signal, 'SIGKILL', doomed.output())
  assert.deepEqual(books(dataDir), { instances: 0, leases: 0, charges: 0, balance: 1_000_000_000 })

  const server = await startServer(dataDir, 'instant')
  await ok(server, 'RunInstances', RUN)
  assert.deepEqual(books(dataDir), { instances: 1, leases: 1, charges: 1, balance: 1_000_000_000 - 700 })
  server.child.kill('SIGTERM')
  await server.exit
})
