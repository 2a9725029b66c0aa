import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, entriesOf, insertRouter, PORT_FORWARDING, PPTP, routerOf, staticsOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const remove = (ids: string[]) => t.call('DeleteRouterStatics', { router_statics: ids })

describe('DeleteRouterStatics', () => {
  it('deletes statics of several routers with their entries, echoes the ids and leaves each router is_applied=0', async () => {
    const [r1, r2] = [await insertRouter(t), await insertRouter(t)]
    const [pf, vpn] = await addStatics(t, r1.router_id, [PORT_FORWARDING, PPTP])
    const [kept] = await addStatics(t, r2.router_id, [PORT_FORWARDING, PORT_FORWARDING])
    await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw' }])
    const [other] = (await staticsOf(t, r2.router_id)).map((s) => s.router_static_id).filter((id) => id !== kept)
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).execute()
    const reply = await remove([vpn!, pf!, other!])
    assert.deepEqual([reply.ret_code, reply.router_statics], [0, [vpn, pf, other]], reply.message)
    assert.deepEqual(await staticsOf(t, r1.router_id), [])
    assert.deepEqual(
      (await staticsOf(t, r2.router_id)).map((s) => s.router_static_id),
      [kept],
    )
    assert.deepEqual(await entriesOf(t, vpn!), [])
    assert.deepEqual([(await routerOf(t, r1.router_id)).is_applied, (await routerOf(t, r2.router_id)).is_applied], [0, 0])
    const again = await remove([pf!])
    assert.deepEqual([again.ret_code, again.message], [2100, `ResourceNotFound, resource [${pf}] not found`])
  })

  it('answers 1100, 2100 and 1400 and deletes none of the statics', async () => {
    const router = await insertRouter(t)
    const [mine] = await addStatics(t, router.router_id, [PORT_FORWARDING])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [their] = await addStatics(t, theirs.router_id, [PORT_FORWARDING], { key: t.admin })
    const gone = await insertRouter(t)
    const [onGone] = await addStatics(t, gone.router_id, [PORT_FORWARDING])
    await t.store.db.updateTable('routers').set({ status: 'ceased' }).where('router_id', '=', gone.router_id).execute()
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{}, 1100, 'InvalidRequestFormat, missing parameter router_statics'],
      [{ router_statics: [mine, mine] }, 1100, `InvalidRequestFormat, parameter router_statics lists [${mine}] more than once`],
      [{ router_statics: [mine, 'rtrs-nonexist'] }, 2100, 'ResourceNotFound, resource [rtrs-nonexist] not found'],
      [{ router_statics: [mine, their] }, 1400, `PermissionDenied, resource [${their}] does not belong to you`],
      [{ router_statics: [mine, onGone] }, 1400, `PermissionDenied, router [${gone.router_id}] is ceased, its statics can not be changed`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteRouterStatics', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.equal((await staticsOf(t, router.router_id)).length, 1)
    assert.equal((await staticsOf(t, theirs.router_id)).length, 1)
    assert.equal((await staticsOf(t, gone.router_id)).length, 1)
  })
})
