import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, entriesOf, insertRouter, PORT_FORWARDING, PPTP, routerOf, staticsOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const copy = (params: Record<string, unknown>) => t.call('CopyRouterStatics', params)
/** A static's content without its ids, router, zone and time. */
const content = (s: Record<string, unknown>) => [s.static_type, s.router_static_name, s.vxnet_id, s.val1, s.val2, s.val3, s.val4, s.val5, s.val6, s.val7, s.disabled]

describe('CopyRouterStatics', () => {
  it('copies every static with its entries under new ids, in either spelling, and leaves the destination is_applied=0', async () => {
    const [source, dest] = [await insertRouter(t), await insertRouter(t)]
    const [pf, vpn] = await addStatics(t, source.router_id, [{ ...PORT_FORWARDING, router_static_name: 'web' }, PPTP])
    await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw', router_static_entry_name: 'A' }])
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).execute()
    const reply = await copy({ source_router: source.router_id, dest_router: dest.router_id, dest_zone: 'pek3a' })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'ret_code'])
    const copied = await staticsOf(t, dest.router_id)
    assert.equal(copied.length, 2)
    const original = await staticsOf(t, source.router_id)
    assert.deepEqual(copied.map(content).sort(), original.map(content).sort())
    for (const s of copied) {
      assert.ok(![pf, vpn].includes(s.router_static_id))
      assert.match(s.router_static_id, /^rtrs-[0-9a-z]{8}$/)
      assert.deepEqual([s.router_id, s.owner, s.zone_id], [dest.router_id, t.user.user_id, 'pek3a'])
    }
    const copiedVpn = copied.find((s) => s.static_type === 2)!
    const [entry] = await entriesOf(t, copiedVpn.router_static_id)
    assert.deepEqual([entry!.val1, entry!.val2, entry!.router_static_entry_name, entry!.router_id], ['alice', 'pw', 'A', dest.router_id])
    assert.notEqual(entry!.router_static_entry_id, (await entriesOf(t, vpn!))[0]!.router_static_entry_id)
    assert.deepEqual([(await routerOf(t, source.router_id)).is_applied, (await routerOf(t, dest.router_id)).is_applied], [1, 0])
    // the other spelling, a second time: the copied VPN needs another client network there
    const again = await copy({ source_router_id: source.router_id, dest_router_id: dest.router_id })
    assert.equal(again.ret_code, 0, again.message)
    assert.deepEqual(
      (await staticsOf(t, dest.router_id))
        .filter((s) => s.static_type === 2)
        .map((s) => s.val4)
        .sort(),
      ['10.255.0.0/24', '10.255.1.0/24'],
    )
  })

  it('copies only the statics or types named, and to a router in another zone', async () => {
    const [source, dest] = [await insertRouter(t), await insertRouter(t)]
    const [pf, other, vpn] = await addStatics(t, source.router_id, [PORT_FORWARDING, { ...PORT_FORWARDING, val1: '81' }, PPTP])
    assert.equal((await copy({ source_router: source.router_id, dest_router: dest.router_id, router_statics: [pf, vpn] })).ret_code, 0)
    assert.deepEqual((await staticsOf(t, dest.router_id)).map((s) => s.val1).sort(), ['80', 'pptp'])
    const typed = await insertRouter(t)
    assert.equal((await copy({ source_router: source.router_id, dest_router: typed.router_id, 'static-type': ['1'] })).ret_code, 0)
    assert.deepEqual((await staticsOf(t, typed.router_id)).map((s) => s.val1).sort(), ['80', '81'])
    const picked = await insertRouter(t)
    assert.equal((await copy({ source_router: source.router_id, dest_router: picked.router_id, 'router-statics': [other], static_type: '1' })).ret_code, 0)
    assert.deepEqual(
      (await staticsOf(t, picked.router_id)).map((s) => s.val1),
      ['81'],
    )
    const far = await insertRouter(t, { zone_id: 'sh1a' })
    assert.equal((await copy({ source_router: source.router_id, dest_router: far.router_id, dest_zone: 'sh1a' })).ret_code, 0)
    const farStatics = await staticsOf(t, far.router_id)
    assert.equal(farStatics.length, 3)
    for (const s of farStatics) assert.equal(s.zone_id, 'sh1a')
    const listed = await t.call('DescribeRouterStatics', { router: far.router_id, zone: 'sh1a' })
    assert.equal(listed.total_count, 3)
  })

  it('answers 1100, 2100 and 1400 and copies nothing', async () => {
    const [source, dest] = [await insertRouter(t), await insertRouter(t)]
    await addStatics(t, source.router_id, [PORT_FORWARDING])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const gone = await insertRouter(t, { status: 'deleted' })
    const [s, d] = [source.router_id, dest.router_id]
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ dest_router: d }, 1100, 'InvalidRequestFormat, missing parameter source_router'],
      [{ source_router: s }, 1100, 'InvalidRequestFormat, missing parameter dest_router'],
      [{ source_router: s, source_router_id: d, dest_router: d }, 1100, `InvalidRequestFormat, parameter source_router value ${s} and parameter source_router_id value ${d} name different routers`],
      [{ source_router: s, dest_router: s }, 1100, `InvalidRequestFormat, parameter dest_router value ${s} is the source router, statics are copied to another router`],
      [{ source_router: s, dest_router: d, static_type: '9' }, 1100, "InvalidRequestFormat, parameter static_type's format is illegal"],
      [{ source_router: s, dest_router: d, dest_zone: 'nowhere' }, 1400, 'PermissionDenied, access denied for zone [nowhere]'],
      [{ source_router: 'rtr-nonexist', dest_router: d }, 2100, 'ResourceNotFound, resource [rtr-nonexist] not found'],
      [{ source_router: s, dest_router: 'rtr-nonexist' }, 2100, 'ResourceNotFound, resource [rtr-nonexist] not found'],
      [{ source_router: s, dest_router: d, dest_zone: 'sh1a' }, 2100, `ResourceNotFound, resource [${d}] not found`],
      [{ source_router: s, dest_router: d, router_statics: ['rtrs-nonexist'] }, 2100, 'ResourceNotFound, resource [rtrs-nonexist] not found'],
      [{ source_router: s, dest_router: theirs.router_id }, 1400, `PermissionDenied, resource [${theirs.router_id}] does not belong to you`],
      [{ source_router: theirs.router_id, dest_router: d }, 1400, `PermissionDenied, resource [${theirs.router_id}] does not belong to you`],
      [{ source_router: s, dest_router: gone.router_id }, 1400, `PermissionDenied, router [${gone.router_id}] is deleted, its statics can not be changed`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await copy(params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    for (const router of [dest, theirs, gone]) assert.deepEqual(await staticsOf(t, router.router_id), [])
  })
})
