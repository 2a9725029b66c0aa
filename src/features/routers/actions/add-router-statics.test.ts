import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertRouter, routerOf, staticsOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const add = (router: string, statics: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => t.call('AddRouterStatics', { router, statics, ...extra })
const vals = (row: Record<string, unknown>) => [row.val1, row.val2, row.val3, row.val4, row.val5, row.val6]

describe('AddRouterStatics', () => {
  it('adds statics of every type with their defaults, answers rtrs- ids and leaves the router is_applied=0', async () => {
    const router = await insertRouter(t)
    const instance = await insertInstance(t)
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [{ static_type: 1, router_static_name: 'ssh', val1: '022', val2: '192.168.1.2', val3: '22' }, ['22', '192.168.1.2', '22', 'tcp', '', '']],
      [{ static_type: 1, val1: '53', val2: '192.168.1.3', val3: '53', val4: 'udp' }, ['53', '192.168.1.3', '53', 'udp', '', '']],
      [{ static_type: 2 }, ['openvpn', '1194', 'udp', '10.255.0.0/24', '1', '']],
      [{ static_type: 2, val1: 'openvpn', val2: '443', val3: 'tcp', val4: '10.255.7.0/24', val5: '3' }, ['openvpn', '443', 'tcp', '10.255.7.0/24', '3', '']],
      [{ static_type: 2, val1: 'pptp', val2: 'alice:secret' }, ['pptp', 'alice:secret', '100', '10.255.1.0/24', '', '']],
      [{ static_type: 2, val1: 'l2tp', val3: 'psk' }, ['l2tp', '', 'psk', '10.255.2.0/24', '1701', '']],
      [{ static_type: 3, val1: instance.instance_id, val2: 'domain-name-servers=8.8.8.8;fixed-address=192.168.1.5' }, [instance.instance_id, 'domain-name-servers=8.8.8.8;fixed-address=192.168.1.5', '', '', '', '']],
      [{ static_type: 4, val1: 'gre|1.2.3.4|123;gre|5.6.7.8|abc' }, ['gre|1.2.3.4|123;gre|5.6.7.8|abc', '', '', '', '', '']],
      [{ static_type: 5, val1: '10.0.0.0/8', val4: '80' }, ['10.0.0.0/8', '', '', '80', '1', 'accept']],
      [{ static_type: 5, val3: '192.168.1.9', val5: '7', val6: 'drop' }, ['', '', '192.168.1.9', '', '7', 'drop']],
      [{ static_type: 6, val1: '1.2.3.4|key|10.0.0.1|10.0.0.2', val2: '172.17.0.0/16|172.18.0.0/16' }, ['1.2.3.4|key|10.0.0.1|10.0.0.2', '172.17.0.0/16|172.18.0.0/16', '', '', '', '']],
      [{ static_type: 7, val1: '0.0.0.0||psk|%any', val2: '192.168.1.0/24', val3: '10.1.0.0/16' }, ['0.0.0.0||psk|%any', '192.168.1.0/24', '10.1.0.0/16', 'main', '', '']],
      [{ static_type: 7, val1: '1.2.3.4|aes|psk', val4: 'aggrmode' }, ['1.2.3.4|aes|psk', '', '', 'aggrmode', '', '']],
      [{ static_type: 8, val1: 'node1', val2: '192.168.1.2;192.168.1.3' }, ['node1', '192.168.1.2;192.168.1.3', '', '', '', '']],
    ]
    const reply = await add(
      router.router_id,
      cases.map(([s]) => s),
    )
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.router_statics.length, cases.length)
    for (const id of reply.router_statics) assert.match(id, /^rtrs-[0-9a-z]{8}$/)
    const byId = new Map((await staticsOf(t, router.router_id)).map((r) => [r.router_static_id, r]))
    for (const [i, [given, expected]] of cases.entries()) {
      const row = byId.get(reply.router_statics[i])!
      assert.deepEqual(vals(row), expected, JSON.stringify(given))
      assert.deepEqual([row.static_type, row.router_static_name, row.owner, row.zone_id, row.disabled, row.vxnet_id], [given.static_type, given.router_static_name ?? '', t.user.user_id, 'pek3a', 0, ''])
    }
    assert.equal((await routerOf(t, router.router_id)).is_applied, 0)
  })

  it('ignores the keys clients add, keeps val7–val9, takes whitespace as empty and the vxnet from either key', async () => {
    const router = await insertRouter(t)
    const vxnet = await createVxnet(t)
    const reply = await add(
      router.router_id,
      [
        { router_id: router.router_id, router_static_id: '', static_type: 1, router_static_name: ' ', val1: '80', val2: '192.168.1.2', val3: '8080', val4: ' ', val5: ' ', val7: 'x', val9: 'z' },
        { static_type: 4, vxnet_id: vxnet, val1: 'gre|1.2.3.4|k', disabled: 1 },
      ],
      { vxnet },
    )
    assert.equal(reply.ret_code, 0, reply.message)
    const [pf, gre] = reply.router_statics.map((id: string) => id)
    const rows = new Map((await staticsOf(t, router.router_id)).map((r) => [r.router_static_id, r]))
    assert.deepEqual([rows.get(pf)!.router_static_name, rows.get(pf)!.val4, rows.get(pf)!.val5, rows.get(pf)!.val7, rows.get(pf)!.val8, rows.get(pf)!.val9, rows.get(pf)!.vxnet_id], ['', 'tcp', '', 'x', '', 'z', vxnet])
    assert.deepEqual([rows.get(gre)!.vxnet_id, rows.get(gre)!.disabled], [vxnet, 1])
  })

  it('gives each VPN static its own client network and refuses one already in use', async () => {
    const router = await insertRouter(t)
    assert.equal((await add(router.router_id, [{ static_type: 2, val4: '10.255.0.0/24' }])).ret_code, 0)
    const reply = await add(router.router_id, [
      { static_type: 2, val1: 'pptp' },
      { static_type: 2, val1: 'l2tp', val3: 'k' },
    ])
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual((await staticsOf(t, router.router_id)).map((r) => r.val4).sort(), ['10.255.0.0/24', '10.255.1.0/24', '10.255.2.0/24'])
    const taken = await add(router.router_id, [{ static_type: 2, val4: '10.255.1.0/24' }])
    assert.deepEqual([taken.ret_code, taken.message], [1100, 'InvalidRequestFormat, parameter statics.1.val4 value 10.255.1.0/24 is already the client network of another VPN static of the router'])
    const twice = await add(router.router_id, [
      { static_type: 2, val4: '10.255.9.0/24' },
      { static_type: 2, val4: '10.255.9.0/24' },
    ])
    assert.deepEqual([twice.ret_code, twice.message], [1100, 'InvalidRequestFormat, parameter statics.2.val4 value 10.255.9.0/24 is already the client network of another VPN static of the router'])
    // another router's networks are its own
    const other = await insertRouter(t)
    assert.equal((await add(other.router_id, [{ static_type: 2, val4: '10.255.1.0/24' }])).ret_code, 0)
  })

  it('answers 1100 naming the field for bad input of every type, and adds none of the statics', async () => {
    const router = await insertRouter(t)
    const ok = { static_type: 1, val1: '80', val2: '192.168.1.2', val3: '80' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ val1: '80' }, 'missing parameter statics.2.static_type'],
      [{ static_type: 'x' }, 'parameter statics.2.static_type should be integer'],
      [
        { static_type: 9, val1: '1' },
        'parameter statics.2.static_type value 9 is not supported, it should be one of 1 (port forwarding), 2 (VPN), 3 (DHCP option), 4 (L2 GRE tunnel), 5 (filtering), 6 (L3 GRE tunnel), 7 (IPsec tunnel), 8 (private DNS)',
      ],
      [
        { static_type: 0 },
        'parameter statics.2.static_type value 0 is not supported, it should be one of 1 (port forwarding), 2 (VPN), 3 (DHCP option), 4 (L2 GRE tunnel), 5 (filtering), 6 (L3 GRE tunnel), 7 (IPsec tunnel), 8 (private DNS)',
      ],
      // 1 port forwarding
      [{ static_type: 1, val2: '192.168.1.2', val3: '80' }, 'missing parameter statics.2.val1, static_type 1 (port forwarding) needs the source port'],
      [{ static_type: 1, val1: '80', val3: '80' }, 'missing parameter statics.2.val2, static_type 1 (port forwarding) needs the target IP'],
      [{ static_type: 1, val1: '80', val2: '192.168.1.2' }, 'missing parameter statics.2.val3, static_type 1 (port forwarding) needs the target port'],
      [{ ...ok, val1: '0' }, 'parameter statics.2.val1 value 0 is not a valid port, it should be an integer from 1 to 65535'],
      [{ ...ok, val1: '65536' }, 'parameter statics.2.val1 value 65536 is not a valid port, it should be an integer from 1 to 65535'],
      [{ ...ok, val3: 'http' }, 'parameter statics.2.val3 value http is not a valid port, it should be an integer from 1 to 65535'],
      [{ ...ok, val2: '192.168.1.256' }, 'parameter statics.2.val2 value 192.168.1.256 is not a valid target IP, it should be an IPv4 address (like 192.168.1.2)'],
      [{ ...ok, val2: '192.168.1.0/24' }, 'parameter statics.2.val2 value 192.168.1.0/24 is not a valid target IP, it should be an IPv4 address (like 192.168.1.2)'],
      [{ ...ok, val4: 'icmp' }, 'parameter statics.2.val4 value icmp is not supported, it should be one of tcp, udp'],
      [{ ...ok, val5: '1' }, 'parameter statics.2.val5 is not used by static_type 1 (port forwarding)'],
      // 2 VPN
      [{ static_type: 2, val1: 'ipsec' }, 'parameter statics.2.val1 value ipsec is not supported, it should be one of openvpn, pptp, l2tp'],
      [{ static_type: 2, val2: '70000' }, 'parameter statics.2.val2 value 70000 is not a valid port, it should be an integer from 1 to 65535'],
      [{ static_type: 2, val3: 'sctp' }, 'parameter statics.2.val3 value sctp is not supported, it should be one of udp, tcp'],
      [{ static_type: 2, val4: '10.254.0.0/24' }, 'parameter statics.2.val4 value 10.254.0.0/24 is not a valid VPN client network, it should be 10.255.x.0/24 with x from 0 to 255'],
      [{ static_type: 2, val4: '10.255.256.0/24' }, 'parameter statics.2.val4 value 10.255.256.0/24 is not a valid VPN client network, it should be 10.255.x.0/24 with x from 0 to 255'],
      [{ static_type: 2, val5: '4' }, 'parameter statics.2.val5 value 4 is not supported, it should be one of 1, 2, 3'],
      [{ static_type: 2, val6: 'x' }, 'parameter statics.2.val6 is not used by static_type 2 (VPN)'],
      [{ static_type: 2, val1: 'pptp', val2: 'alice' }, 'parameter statics.2.val2 value is not an account, it should be user:password'],
      [{ static_type: 2, val1: 'pptp', val2: ':pw' }, 'parameter statics.2.val2 value is not an account, it should be user:password'],
      [{ static_type: 2, val1: 'pptp', val3: '254' }, 'parameter statics.2.val3 value 254 is not a valid number of connections, it should be an integer from 1 to 253'],
      [{ static_type: 2, val1: 'pptp', val3: '0' }, 'parameter statics.2.val3 value 0 is not a valid number of connections, it should be an integer from 1 to 253'],
      [{ static_type: 2, val1: 'pptp', val5: '1' }, 'parameter statics.2.val5 is not used by a pptp VPN (val5 is the port of an l2tp VPN or the authentication of an openvpn one)'],
      [{ static_type: 2, val1: 'l2tp' }, 'missing parameter statics.2.val3, static_type 2 (VPN) needs the IPsec pre-shared key of an l2tp VPN'],
      [{ static_type: 2, val1: 'l2tp', val3: 'k', val5: '0' }, 'parameter statics.2.val5 value 0 is not a valid port, it should be an integer from 1 to 65535'],
      // 3 DHCP option
      [{ static_type: 3, val2: 'a=b' }, 'missing parameter statics.2.val1, static_type 3 (DHCP option) needs the instance id'],
      [{ static_type: 3, val1: 'vol-12345678', val2: 'a=b' }, 'parameter statics.2.val1 value vol-12345678 is not an instance id (like i-abcd1234)'],
      [{ static_type: 3, val1: 'i-12345678' }, 'missing parameter statics.2.val2, static_type 3 (DHCP option) needs the options, key=value;key=value'],
      [
        { static_type: 3, val1: 'i-12345678', val2: 'domain-name-servers' },
        'parameter statics.2.val2 value domain-name-servers is not a list of DHCP options (like domain-name-servers=8.8.8.8;fixed-address=192.168.1.5), [domain-name-servers] is not key=value',
      ],
      [{ static_type: 3, val1: 'i-12345678', val2: 'a=1;=2' }, 'parameter statics.2.val2 value a=1;=2 is not a list of DHCP options (like domain-name-servers=8.8.8.8;fixed-address=192.168.1.5), [=2] is not key=value'],
      [{ static_type: 3, val1: 'i-12345678', val2: 'a=' }, 'parameter statics.2.val2 value a= is not a list of DHCP options (like domain-name-servers=8.8.8.8;fixed-address=192.168.1.5), [a=] is not key=value'],
      // 4 L2 GRE
      [{ static_type: 4 }, 'missing parameter statics.2.val1, static_type 4 (L2 GRE tunnel) needs the tunnels, gre|remote-ip|key joined by ;'],
      [{ static_type: 4, val1: 'gre|1.2.3.4' }, 'parameter statics.2.val1 value gre|1.2.3.4 is not a list of L2 GRE tunnels (like gre|1.2.3.4|key;gre|5.6.7.8|key), [gre|1.2.3.4] is not gre|remote-ip|key'],
      [
        { static_type: 4, val1: 'gre|1.2.3.4|k;ipip|1.2.3.5|k' },
        'parameter statics.2.val1 value gre|1.2.3.4|k;ipip|1.2.3.5|k is not a list of L2 GRE tunnels (like gre|1.2.3.4|key;gre|5.6.7.8|key), [ipip|1.2.3.5|k] is not gre|remote-ip|key',
      ],
      [{ static_type: 4, val1: 'gre|example.com|k' }, 'parameter statics.2.val1 value gre|example.com|k is not a list of L2 GRE tunnels (like gre|1.2.3.4|key;gre|5.6.7.8|key), [gre|example.com|k] is not gre|remote-ip|key'],
      [{ static_type: 4, val1: 'gre|1.2.3.4|k', val2: 'x' }, 'parameter statics.2.val2 is not used by static_type 4 (L2 GRE tunnel)'],
      // 5 filtering
      [{ static_type: 5, val1: '10.0.0.0/33' }, 'parameter statics.2.val1 value 10.0.0.0/33 is not an IPv4 address or network (like 10.0.0.0/8)'],
      [{ static_type: 5, val3: 'host' }, 'parameter statics.2.val3 value host is not an IPv4 address or network (like 10.0.0.0/8)'],
      [{ static_type: 5, val2: '0' }, 'parameter statics.2.val2 value 0 is not a valid port, it should be an integer from 1 to 65535'],
      [{ static_type: 5, val4: '99999' }, 'parameter statics.2.val4 value 99999 is not a valid port, it should be an integer from 1 to 65535'],
      [{ static_type: 5, val5: '101' }, 'parameter statics.2.val5 value 101 is not a valid priority, it should be an integer from 0 to 100'],
      [{ static_type: 5, val6: 'reject' }, 'parameter statics.2.val6 value reject is not supported, it should be one of accept, drop'],
      // 6 L3 GRE
      [{ static_type: 6 }, 'missing parameter statics.2.val1, static_type 6 (L3 GRE tunnel) needs the tunnel, remote-ip|key|local-p2p-ip|peer-p2p-ip'],
      [{ static_type: 6, val1: '1.2.3.4|key|10.0.0.1' }, 'parameter statics.2.val1 value 1.2.3.4|key|10.0.0.1 is not an L3 GRE tunnel, it should be remote-ip|key|local-p2p-ip|peer-p2p-ip with IPv4 addresses'],
      [{ static_type: 6, val1: '1.2.3.4|key|10.0.0.1|10.0.0.300' }, 'parameter statics.2.val1 value 1.2.3.4|key|10.0.0.1|10.0.0.300 is not an L3 GRE tunnel, it should be remote-ip|key|local-p2p-ip|peer-p2p-ip with IPv4 addresses'],
      [
        { static_type: 6, val1: '1.2.3.4|k|10.0.0.1|10.0.0.2', val2: '172.17.0.0/16|172.18.0.0' },
        'parameter statics.2.val2 value 172.17.0.0/16|172.18.0.0 is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [172.18.0.0] is not one',
      ],
      [{ static_type: 6, val1: '1.2.3.4|k|10.0.0.1|10.0.0.2', val3: 'x' }, 'parameter statics.2.val3 is not used by static_type 6 (L3 GRE tunnel)'],
      // 7 IPsec
      [{ static_type: 7 }, 'missing parameter statics.2.val1, static_type 7 (IPsec tunnel) needs the tunnel, remote-ip|alg|key|remote-device-id'],
      [
        { static_type: 7, val1: '1.2.3.4|aes||%any' },
        'parameter statics.2.val1 value 1.2.3.4|aes||%any is not an IPsec tunnel, it should be remote-ip|alg|key|remote-device-id (remote-ip an IPv4 address, 0.0.0.0 for any; a key; alg and device id may be empty)',
      ],
      [
        { static_type: 7, val1: 'peer|aes|k' },
        'parameter statics.2.val1 value peer|aes|k is not an IPsec tunnel, it should be remote-ip|alg|key|remote-device-id (remote-ip an IPv4 address, 0.0.0.0 for any; a key; alg and device id may be empty)',
      ],
      [{ static_type: 7, val1: '1.2.3.4|aes|k', val2: '192.168.1.0' }, 'parameter statics.2.val2 value 192.168.1.0 is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [192.168.1.0] is not one'],
      [
        { static_type: 7, val1: '1.2.3.4|aes|k', val3: '10.0.0.0/8;10.1.0.0/16' },
        'parameter statics.2.val3 value 10.0.0.0/8;10.1.0.0/16 is not a list of IPv4 networks (like 192.168.1.0/24|10.0.0.0/16), [10.0.0.0/8;10.1.0.0/16] is not one',
      ],
      [{ static_type: 7, val1: '1.2.3.4|aes|k', val4: 'quick' }, 'parameter statics.2.val4 value quick is not supported, it should be one of main, aggrmode'],
      // 8 private DNS
      [{ static_type: 8, val2: '192.168.1.2' }, 'missing parameter statics.2.val1, static_type 8 (private DNS) needs the private domain name'],
      [{ static_type: 8, val1: 'bad name', val2: '192.168.1.2' }, 'parameter statics.2.val1 value bad name is not a valid domain name (like node1 or db.internal)'],
      [{ static_type: 8, val1: 'node1' }, 'missing parameter statics.2.val2, static_type 8 (private DNS) needs the addresses, ip1;ip2'],
      [{ static_type: 8, val1: 'node1', val2: '192.168.1.2;192.168.1' }, 'parameter statics.2.val2 value 192.168.1.2;192.168.1 is not a list of IPv4 addresses (like 192.168.1.2;192.168.1.3), [192.168.1] is not one'],
      // the schema
      [{ static_type: 1, val1: 'x'.repeat(1025) }, 'parameter statics.2.val1 has an invalid length'],
      [{ static_type: 1, router_static_name: 'x'.repeat(256) }, 'parameter statics.2.router_static_name has an invalid length'],
      [{ static_type: 1, disabled: 2 }, 'parameter statics.2.disabled value 2 is out of range, maximum 1'],
    ]
    for (const [bad, message] of cases) {
      const reply = await add(router.router_id, [ok, bad])
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    }
    const missing = await t.call('AddRouterStatics', { router: router.router_id })
    assert.deepEqual([missing.ret_code, missing.message], [1100, 'InvalidRequestFormat, missing parameter statics'])
    const noRouter = await t.call('AddRouterStatics', { statics: [ok] })
    assert.deepEqual([noRouter.ret_code, noRouter.message], [1100, 'InvalidRequestFormat, missing parameter router'])
    const tooMany = await add(
      router.router_id,
      Array.from({ length: 101 }, () => ok),
    )
    assert.equal(tooMany.ret_code, 1100)
    assert.deepEqual(await staticsOf(t, router.router_id), [])
    assert.equal((await routerOf(t, router.router_id)).is_applied, 1)
  })

  it('answers 2100 for an unknown router, 1400 for another user’s or a deleted one, and adds nothing', async () => {
    const ok = [{ static_type: 1, val1: '80', val2: '192.168.1.2', val3: '80' }]
    const unknown = await add('rtr-nonexist', ok)
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [rtr-nonexist] not found'])
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const denied = await add(theirs.router_id, ok)
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.router_id}] does not belong to you`])
    const elsewhere = await insertRouter(t, { zone_id: 'sh1a' })
    const otherZone = await add(elsewhere.router_id, ok)
    assert.deepEqual([otherZone.ret_code, otherZone.message], [2100, `ResourceNotFound, resource [${elsewhere.router_id}] not found`])
    for (const status of ['deleted', 'ceased']) {
      const gone = await insertRouter(t, { status })
      const reply = await add(gone.router_id, ok)
      assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, router [${gone.router_id}] is ${status}, its statics can not be changed`])
      assert.deepEqual(await staticsOf(t, gone.router_id), [])
    }
    for (const router of [theirs, elsewhere]) assert.deepEqual(await staticsOf(t, router.router_id), [])
  })

  it('checks what statics point at: the vxnet and a DHCP option’s instance are the caller’s (2100 / 1400)', async () => {
    const router = await insertRouter(t)
    const pf = { static_type: 1, val1: '80', val2: '192.168.1.2', val3: '80' }
    const noVxnet = await add(router.router_id, [pf], { vxnet: 'vxnet-nonexist' })
    assert.deepEqual([noVxnet.ret_code, noVxnet.message], [2100, 'ResourceNotFound, resource [vxnet-nonexist] not found'])
    const theirVxnet = await createVxnet(t, {}, { key: t.admin })
    const deniedVxnet = await add(router.router_id, [{ ...pf, vxnet_id: theirVxnet }])
    assert.deepEqual([deniedVxnet.ret_code, deniedVxnet.message], [1400, `PermissionDenied, resource [${theirVxnet}] does not belong to you`])
    const noInstance = await add(router.router_id, [{ static_type: 3, val1: 'i-nonexist', val2: 'a=b' }])
    assert.deepEqual([noInstance.ret_code, noInstance.message], [2100, 'ResourceNotFound, resource [i-nonexist] not found'])
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    const denied = await add(router.router_id, [{ static_type: 3, val1: theirs.instance_id, val2: 'a=b' }])
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.instance_id}] does not belong to you`])
    const terminated = await insertInstance(t, { status: 'terminated' })
    const gone = await add(router.router_id, [{ static_type: 3, val1: terminated.instance_id, val2: 'a=b' }])
    assert.deepEqual([gone.ret_code, gone.message], [1400, `PermissionDenied, instance [${terminated.instance_id}] is terminated, can not be given DHCP options`])
    assert.deepEqual(await staticsOf(t, router.router_id), [])
    const base = await add(router.router_id, [pf], { vxnet: 'vxnet-0' })
    assert.equal(base.ret_code, 0, base.message)
  })
})
