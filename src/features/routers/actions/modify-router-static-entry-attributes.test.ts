import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, entriesOf, insertRouter, PPTP, routerOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const modify = (params: Record<string, unknown>) => t.call('ModifyRouterStaticEntryAttributes', params)

describe('ModifyRouterStaticEntryAttributes', () => {
  it('changes the name and values, keeps what is not given, answers the id both ways and leaves the router is_applied=0', async () => {
    const router = await insertRouter(t)
    const [vpn, ipsec] = await addStatics(t, router.router_id, [PPTP, { static_type: 7, val1: '1.2.3.4|aes|psk' }])
    const [alice] = await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw', router_static_entry_name: 'A' }])
    const [pair] = await addEntries(t, ipsec!, [{ val1: '192.168.1.0/24', val2: '10.0.0.0/8' }])
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).execute()
    const reply = await modify({ router_static_entry: alice, val2: 'new-pw' })
    assert.deepEqual([reply.ret_code, reply.router_static_entry, reply.router_static_entry_id], [0, alice, alice], reply.message)
    assert.deepEqual(
      (await entriesOf(t, vpn!)).map((e) => [e.router_static_entry_name, e.val1, e.val2]),
      [['A', 'alice', 'new-pw']],
    )
    assert.equal((await modify({ router_static_entry: alice, router_static_entry_name: ' ', val1: 'alicia' })).ret_code, 0)
    assert.deepEqual(
      (await entriesOf(t, vpn!)).map((e) => [e.router_static_entry_name, e.val1, e.val2]),
      [['', 'alicia', 'new-pw']],
    )
    // an IPsec pair may lose one side, not both
    assert.equal((await modify({ router_static_entry: pair, val1: ' ' })).ret_code, 0)
    assert.deepEqual(
      (await entriesOf(t, ipsec!)).map((e) => [e.val1, e.val2]),
      [['', '10.0.0.0/8']],
    )
    assert.equal((await routerOf(t, router.router_id)).is_applied, 0)
  })

  it('answers 1100 / 2110 for bad values, 2100 and 1400 for ids, and changes nothing', async () => {
    const router = await insertRouter(t)
    const [vpn, ipsec] = await addStatics(t, router.router_id, [PPTP, { static_type: 7, val1: '1.2.3.4|aes|psk' }])
    const [alice] = await addEntries(t, vpn!, [
      { val1: 'alice', val2: 'pw' },
      { val1: 'bob', val2: 'pw' },
    ])
    const [pair] = await addEntries(t, ipsec!, [{ val1: '192.168.1.0/24' }])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [theirStatic] = await addStatics(t, theirs.router_id, [PPTP], { key: t.admin })
    const [their] = await addEntries(t, theirStatic!, [{ val1: 'eve', val2: 'pw' }], { key: t.admin })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ router_static_entry: alice, val2: ' ' }, 1100, 'InvalidRequestFormat, missing parameter val2, an entry of a VPN static is an account: val1 the user name, val2 the password'],
      [{ router_static_entry: alice, val1: 'a b' }, 1100, "InvalidRequestFormat, parameter val1 value a b is not a valid user name, it may not contain ':' or spaces"],
      [{ router_static_entry: alice, val1: 'bob' }, 2110, `ResourceAlreadyExisted, parameter val1 value bob is already a user of router static [${vpn}]`],
      [{ router_static_entry: pair, val1: ' ' }, 1100, 'InvalidRequestFormat, missing parameter val1, an entry of an IPsec static needs a local network (val1), a target network (val2) or both'],
      [{ router_static_entry: pair, val2: 'x' }, 1100, 'InvalidRequestFormat, parameter val2 value x is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [x] is not one'],
      [{ val1: 'x' }, 1100, 'InvalidRequestFormat, missing parameter router_static_entry'],
      [{ router_static_entry: 'rse-nonexist', val1: 'x' }, 2100, 'ResourceNotFound, resource [rse-nonexist] not found'],
      [{ router_static_entry: their, val1: 'x' }, 1400, `PermissionDenied, resource [${their}] does not belong to you`],
    ]
    const before = [...(await entriesOf(t, vpn!)), ...(await entriesOf(t, ipsec!))]
    for (const [params, code, message] of cases) {
      const reply = await modify(params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.deepEqual([...(await entriesOf(t, vpn!)), ...(await entriesOf(t, ipsec!))], before)
    await t.store.db.updateTable('routers').set({ status: 'deleted' }).where('router_id', '=', router.router_id).execute()
    const gone = await modify({ router_static_entry: alice, val2: 'pw2' })
    assert.deepEqual([gone.ret_code, gone.message], [1400, `PermissionDenied, router [${router.router_id}] is deleted, its statics can not be changed`])
  })
})
