import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, entriesOf, insertRouter, PORT_FORWARDING, PPTP, routerOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const add = (routerStatic: string | undefined, entries: Array<Record<string, unknown>>) => t.call('AddRouterStaticEntries', { router_static: routerStatic, entries })
const L3GRE = { static_type: 6, val1: '1.2.3.4|k|10.0.0.1|10.0.0.2' }
const IPSEC = { static_type: 7, val1: '1.2.3.4|aes|psk|%any' }

describe('AddRouterStaticEntries', () => {
  it('adds VPN accounts, L3 GRE networks and IPsec network pairs, answers rse- ids and leaves the router is_applied=0', async () => {
    const router = await insertRouter(t)
    const [vpn, gre, ipsec] = await addStatics(t, router.router_id, [PPTP, L3GRE, IPSEC])
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).where('router_id', '=', router.router_id).execute()
    const accounts = await addEntries(t, vpn!, [
      { val1: 'alice', val2: 'pw1', router_static_entry_name: 'Alice' },
      { val1: 'bob', val2: 'pw2' },
    ])
    const networks = await addEntries(t, gre!, [{ val1: '172.17.0.0/16' }])
    const pairs = await addEntries(t, ipsec!, [{ val1: '192.168.1.0/24', val2: '10.1.0.0/16' }, { val2: '10.2.0.0/16' }, { val1: '192.168.2.0/24|192.168.3.0/24', val2: ' ' }])
    for (const id of [...accounts, ...networks, ...pairs]) assert.match(id, /^rse-[0-9a-z]{8}$/)
    const rows = [...(await entriesOf(t, vpn!)), ...(await entriesOf(t, gre!)), ...(await entriesOf(t, ipsec!))]
    const byId = new Map(rows.map((e) => [e.router_static_entry_id, e]))
    assert.deepEqual(
      [...accounts, ...networks, ...pairs].map((id) => {
        const e = byId.get(id)!
        return [e.router_static_entry_name, e.val1, e.val2, e.router_id, e.owner, e.zone_id]
      }),
      [
        ['Alice', 'alice', 'pw1', router.router_id, t.user.user_id, 'pek3a'],
        ['', 'bob', 'pw2', router.router_id, t.user.user_id, 'pek3a'],
        ['', '172.17.0.0/16', '', router.router_id, t.user.user_id, 'pek3a'],
        ['', '192.168.1.0/24', '10.1.0.0/16', router.router_id, t.user.user_id, 'pek3a'],
        ['', '', '10.2.0.0/16', router.router_id, t.user.user_id, 'pek3a'],
        ['', '192.168.2.0/24|192.168.3.0/24', '', router.router_id, t.user.user_id, 'pek3a'],
      ],
    )
    assert.equal((await routerOf(t, router.router_id)).is_applied, 0)
  })

  it('answers 1100 naming the entry field, 2110 for a user a VPN static has, and adds none of the entries', async () => {
    const router = await insertRouter(t)
    const [vpn, gre, ipsec, pf] = await addStatics(t, router.router_id, [PPTP, L3GRE, IPSEC, PORT_FORWARDING])
    await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw' }])
    const ok = { val1: 'carol', val2: 'pw' }
    const cases: Array<[string, Array<Record<string, unknown>>, number, string]> = [
      [vpn!, [ok, { val2: 'pw' }], 1100, 'missing parameter entries.2.val1, an entry of a VPN static is an account: val1 the user name, val2 the password'],
      [vpn!, [ok, { val1: 'dave' }], 1100, 'missing parameter entries.2.val2, an entry of a VPN static is an account: val1 the user name, val2 the password'],
      [vpn!, [ok, { val1: 'da:ve', val2: 'pw' }], 1100, "parameter entries.2.val1 value da:ve is not a valid user name, it may not contain ':' or spaces"],
      [vpn!, [ok, { val1: 'alice', val2: 'pw' }], 2110, `parameter entries.2.val1 value alice is already a user of router static [${vpn}]`],
      [vpn!, [ok, { val1: 'carol', val2: 'pw2' }], 2110, `parameter entries.2.val1 value carol is already a user of router static [${vpn}]`],
      [gre!, [{ val1: '172.17.0.0/16' }, { val2: '172.18.0.0/16' }], 1100, 'missing parameter entries.2.val1, an entry of an L3 GRE static is a target network'],
      [gre!, [{ val1: '172.17.0.0/16' }, { val1: '172.18.0.0' }], 1100, 'parameter entries.2.val1 value 172.18.0.0 is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [172.18.0.0] is not one'],
      [gre!, [{ val1: '172.17.0.0/16', val2: 'x' }], 1100, 'parameter entries.1.val2 is not used by an entry of an L3 GRE static'],
      [ipsec!, [{ val1: ' ', val2: ' ' }], 1100, 'missing parameter entries.1.val1, an entry of an IPsec static needs a local network (val1), a target network (val2) or both'],
      [ipsec!, [{ val1: '192.168.1.0/24', val2: '10.0.0.0/40' }], 1100, 'parameter entries.1.val2 value 10.0.0.0/40 is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [10.0.0.0/40] is not one'],
      [pf!, [{ val1: 'a', val2: 'b' }], 1100, `router static [${pf}] is of static_type 1 (port forwarding), which takes no entries (VPN, L3 GRE and IPsec statics do)`],
      [vpn!, [], 1100, 'missing parameter entries'],
      [vpn!, [{ ...ok, router_static_entry_name: 'x'.repeat(256) }], 1100, 'parameter entries.1.router_static_entry_name has an invalid length'],
    ]
    for (const [parent, entries, code, message] of cases) {
      const reply = await add(parent, entries)
      assert.deepEqual([reply.ret_code, reply.message], [code, `${code === 2110 ? 'ResourceAlreadyExisted' : 'InvalidRequestFormat'}, ${message}`], JSON.stringify(entries))
    }
    const noStatic = await add(undefined, [ok])
    assert.deepEqual([noStatic.ret_code, noStatic.message], [1100, 'InvalidRequestFormat, missing parameter router_static'])
    assert.deepEqual(
      (await entriesOf(t, vpn!)).map((e) => e.val1),
      ['alice'],
    )
    assert.deepEqual([(await entriesOf(t, gre!)).length, (await entriesOf(t, ipsec!)).length], [0, 0])
  })

  it('answers 2100 for an unknown static, 1400 for another user’s or one of a deleted router', async () => {
    const entry = [{ val1: 'alice', val2: 'pw' }]
    const unknown = await add('rtrs-nonexist', entry)
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [rtrs-nonexist] not found'])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [their] = await addStatics(t, theirs.router_id, [PPTP], { key: t.admin })
    const denied = await add(their, entry)
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${their}] does not belong to you`])
    const gone = await insertRouter(t)
    const [onGone] = await addStatics(t, gone.router_id, [PPTP])
    await t.store.db.updateTable('routers').set({ status: 'deleted' }).where('router_id', '=', gone.router_id).execute()
    const refused = await add(onGone, entry)
    assert.deepEqual([refused.ret_code, refused.message], [1400, `PermissionDenied, router [${gone.router_id}] is deleted, its statics can not be changed`])
    assert.deepEqual([(await entriesOf(t, their!)).length, (await entriesOf(t, onGone!)).length], [0, 0])
  })
})
