// Statics under parallel requests: every change locks its router row first (router-statics-repo.ts),
// so on PostgreSQL concurrent VPN statics of one router still get distinct client networks, and an
// entry added while its static is deleted either lands before the delete (and goes with it) or is
// refused (2100), never left behind without its static.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { addEntries, addStatics, insertRouter, PPTP, staticsOf } from '../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('router statics under parallel requests', () => {
  it('gives parallel VPN statics of one router distinct client networks', async () => {
    const router = await insertRouter(t)
    const replies = await Promise.all(Array.from({ length: 12 }, () => t.call('AddRouterStatics', { router: router.router_id, statics: [{ static_type: 2 }] })))
    for (const reply of replies) assert.equal(reply.ret_code, 0, reply.message)
    const networks = (await staticsOf(t, router.router_id)).map((s) => s.val4)
    assert.equal(networks.length, 12)
    assert.equal(new Set(networks).size, 12)
  })

  it('leaves no entry without its static when entries are added while the static is deleted', async () => {
    for (let round = 0; round < 5; round++) {
      const router = await insertRouter(t)
      const [vpn] = await addStatics(t, router.router_id, [PPTP])
      await addEntries(t, vpn!, [{ val1: 'first', val2: 'pw' }])
      const [added, deleted] = await Promise.all([t.call('AddRouterStaticEntries', { router_static: vpn, entries: [{ val1: `user${round}`, val2: 'pw' }] }), t.call('DeleteRouterStatics', { router_statics: [vpn] })])
      assert.equal(deleted.ret_code, 0, deleted.message)
      assert.ok(added.ret_code === 0 || added.ret_code === 2100, `${added.ret_code} ${added.message}`)
      const orphans = await t.store.db.selectFrom('router_static_entries').select('router_static_entry_id').where('router_id', '=', router.router_id).execute()
      assert.deepEqual(orphans, [])
    }
  })
})
