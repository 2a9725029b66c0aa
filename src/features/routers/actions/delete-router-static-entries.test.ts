import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, entriesOf, insertRouter, PPTP, routerOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('DeleteRouterStaticEntries', () => {
  it('deletes entries of several statics and routers, echoes the ids and leaves each router is_applied=0', async () => {
    const [r1, r2] = [await insertRouter(t), await insertRouter(t)]
    const [v1] = await addStatics(t, r1.router_id, [PPTP])
    const [v2] = await addStatics(t, r2.router_id, [PPTP])
    const [alice, bob] = await addEntries(t, v1!, [
      { val1: 'alice', val2: 'pw' },
      { val1: 'bob', val2: 'pw' },
    ])
    const [carol] = await addEntries(t, v2!, [{ val1: 'carol', val2: 'pw' }])
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).execute()
    const reply = await t.call('DeleteRouterStaticEntries', { router_static_entries: [carol, alice] })
    assert.deepEqual([reply.ret_code, reply.router_static_entries], [0, [carol, alice]], reply.message)
    assert.deepEqual(
      (await entriesOf(t, v1!)).map((e) => e.router_static_entry_id),
      [bob],
    )
    assert.deepEqual(await entriesOf(t, v2!), [])
    assert.deepEqual([(await routerOf(t, r1.router_id)).is_applied, (await routerOf(t, r2.router_id)).is_applied], [0, 0])
  })

  it('answers 1100, 2100 and 1400 and deletes none of the entries', async () => {
    const router = await insertRouter(t)
    const [vpn] = await addStatics(t, router.router_id, [PPTP])
    const [mine] = await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw' }])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [theirStatic] = await addStatics(t, theirs.router_id, [PPTP], { key: t.admin })
    const [their] = await addEntries(t, theirStatic!, [{ val1: 'eve', val2: 'pw' }], { key: t.admin })
    const gone = await insertRouter(t)
    const [goneStatic] = await addStatics(t, gone.router_id, [PPTP])
    const [onGone] = await addEntries(t, goneStatic!, [{ val1: 'zed', val2: 'pw' }])
    await t.store.db.updateTable('routers').set({ status: 'deleted' }).where('router_id', '=', gone.router_id).execute()
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{}, 1100, 'InvalidRequestFormat, missing parameter router_static_entries'],
      [{ router_static_entries: [mine, mine] }, 1100, `InvalidRequestFormat, parameter router_static_entries lists [${mine}] more than once`],
      [{ router_static_entries: [mine, 'rse-nonexist'] }, 2100, 'ResourceNotFound, resource [rse-nonexist] not found'],
      [{ router_static_entries: [mine, their] }, 1400, `PermissionDenied, resource [${their}] does not belong to you`],
      [{ router_static_entries: [mine, onGone] }, 1400, `PermissionDenied, router [${gone.router_id}] is deleted, its statics can not be changed`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteRouterStaticEntries', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.deepEqual([(await entriesOf(t, vpn!)).length, (await entriesOf(t, theirStatic!)).length, (await entriesOf(t, goneStatic!)).length], [1, 1, 1])
  })
})
