import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addStatics, insertRouter, PORT_FORWARDING, routerOf, staticsOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const modify = (params: Record<string, unknown>) => t.call('ModifyRouterStaticAttributes', params)
const row = async (router: string, id: string) => (await staticsOf(t, router)).find((s) => s.router_static_id === id)!

describe('ModifyRouterStaticAttributes', () => {
  it('changes the name and plain val1…, keeps what is not given, answers router_static_id and leaves the router is_applied=0', async () => {
    const router = await insertRouter(t)
    const [id] = await addStatics(t, router.router_id, [{ ...PORT_FORWARDING, router_static_name: 'web', val4: 'udp' }])
    await t.store.db.updateTable('routers').set({ is_applied: 1 }).where('router_id', '=', router.router_id).execute()
    const reply = await modify({ router_static: id, router_static_name: 'http', val1: '8080', val3: '0443', val7: 'x', disabled: 1 })
    assert.deepEqual([reply.ret_code, reply.router_static_id], [0, id], reply.message)
    const s = await row(router.router_id, id!)
    assert.deepEqual([s.router_static_name, s.val1, s.val2, s.val3, s.val4, s.val7, s.disabled, s.static_type], ['http', '8080', '192.168.1.2', '443', 'udp', 'x', 1, 1])
    assert.equal((await routerOf(t, router.router_id)).is_applied, 0)
  })

  it('clears values and the name given as a single space (terraform), filling the type’s defaults again', async () => {
    const router = await insertRouter(t)
    const [id] = await addStatics(t, router.router_id, [{ ...PORT_FORWARDING, router_static_name: 'web', val4: 'udp' }])
    const reply = await modify({ router_static: id, router_static_name: ' ', val4: ' ', val5: ' ' })
    assert.equal(reply.ret_code, 0, reply.message)
    const s = await row(router.router_id, id!)
    assert.deepEqual([s.router_static_name, s.val4, s.val5], ['', 'tcp', ''])
  })

  it('accepts the docs’ statics.1.valX spelling, plain keys winning', async () => {
    const router = await insertRouter(t)
    const [id] = await addStatics(t, router.router_id, [PORT_FORWARDING])
    assert.equal((await modify({ router_static: id, statics: [{ val1: '81', val2: '192.168.1.9' }], val2: '192.168.1.8' })).ret_code, 0)
    const s = await row(router.router_id, id!)
    assert.deepEqual([s.val1, s.val2], ['81', '192.168.1.8'])
    const bad = await modify({ router_static: id, statics: [{ val3: '0' }] })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, parameter statics.1.val3 value 0 is not a valid port, it should be an integer from 1 to 65535'])
  })

  it('checks the static as it will be, naming the plain field, and changes nothing on 1100', async () => {
    const router = await insertRouter(t)
    const [pf, vpn, other, dhcp] = await addStatics(t, router.router_id, [PORT_FORWARDING, { static_type: 2 }, { static_type: 2 }, { static_type: 3, val1: (await insertInstance(t)).instance_id, val2: 'a=b' }])
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ router_static: pf, val1: '70000' }, 'parameter val1 value 70000 is not a valid port, it should be an integer from 1 to 65535'],
      [{ router_static: pf, val2: ' ' }, 'missing parameter val2, static_type 1 (port forwarding) needs the target IP'],
      [{ router_static: pf, val4: 'icmp' }, 'parameter val4 value icmp is not supported, it should be one of tcp, udp'],
      [{ router_static: pf, val6: 'x' }, 'parameter val6 is not used by static_type 1 (port forwarding)'],
      [{ router_static: vpn, val4: '10.255.1.0/24' }, 'parameter val4 value 10.255.1.0/24 is already the client network of another VPN static of the router'],
      [{ router_static: vpn, val1: 'pptp', val5: ' ', val3: '300' }, 'parameter val3 value 300 is not a valid number of connections, it should be an integer from 1 to 253'],
      [{ router_static: dhcp, val2: 'nokey' }, 'parameter val2 value nokey is not a list of DHCP options (like domain-name-servers=8.8.8.8;fixed-address=192.168.1.5), [nokey] is not key=value'],
      [{ router_static: pf, router_static_name: 'x'.repeat(256) }, 'parameter router_static_name has an invalid length'],
      [{ router_static: pf, disabled: 3 }, 'parameter disabled value 3 is out of range, maximum 1'],
      [{ val1: '80' }, 'missing parameter router_static'],
    ]
    const before = await staticsOf(t, router.router_id)
    for (const [params, message] of cases) {
      const reply = await modify(params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(params))
    }
    assert.deepEqual(await staticsOf(t, router.router_id), before)
    // its own network is no conflict; changing the DHCP option's instance checks the new one
    assert.equal((await modify({ router_static: vpn, val4: '10.255.0.0/24', val2: '1195' })).ret_code, 0)
    assert.equal((await modify({ router_static: other, val4: ' ' })).ret_code, 0)
    assert.equal((await row(router.router_id, other!)).val4, '10.255.1.0/24')
    // openvpn → pptp: the pptp defaults, the client network kept
    assert.equal((await modify({ router_static: other, val1: 'pptp' })).ret_code, 0)
    const pptp = await row(router.router_id, other!)
    assert.deepEqual([pptp.val1, pptp.val2, pptp.val3, pptp.val4, pptp.val5], ['pptp', '', '100', '10.255.1.0/24', ''])
    const missing = await modify({ router_static: dhcp, val1: 'i-nonexist' })
    assert.deepEqual([missing.ret_code, missing.message], [2100, 'ResourceNotFound, resource [i-nonexist] not found'])
  })

  it('answers 2100 for an unknown static, 1400 for another user’s or one of a deleted router', async () => {
    const unknown = await modify({ router_static: 'rtrs-nonexist', val1: '80' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [rtrs-nonexist] not found'])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [their] = await addStatics(t, theirs.router_id, [PORT_FORWARDING], { key: t.admin })
    const denied = await modify({ router_static: their, val1: '81' })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${their}] does not belong to you`])
    const router = await insertRouter(t)
    const [id] = await addStatics(t, router.router_id, [PORT_FORWARDING])
    await t.store.db.updateTable('routers').set({ status: 'deleted' }).where('router_id', '=', router.router_id).execute()
    const gone = await modify({ router_static: id, val1: '81' })
    assert.deepEqual([gone.ret_code, gone.message], [1400, `PermissionDenied, router [${router.router_id}] is deleted, its statics can not be changed`])
    assert.equal((await row(router.router_id, id!)).val1, '80')
    const otherZone = await modify({ router_static: id, val1: '81', zone: 'sh1a' })
    assert.deepEqual([otherZone.ret_code, otherZone.message], [2100, `ResourceNotFound, resource [${id}] not found`])
  })
})
