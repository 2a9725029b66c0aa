import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { certificatesOf, insertCertificate, insertListener, insertLoadBalancer, listenerRow, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const add = (loadbalancer: string, listeners: Array<Record<string, unknown>>, options: { key?: TestApp['user'] } = {}) => t.call('AddLoadBalancerListeners', { loadbalancer, listeners }, options)
const describeOne = async (id: string) => {
  const reply = await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: [id] })
  assert.equal(reply.total_count, 1)
  return reply.loadbalancer_listener_set[0]
}

describe('AddLoadBalancerListeners', () => {
  it("takes the CCM's listeners (udp, https with http backends and a certificate, as the Go SDK sends them) and echoes every setting exactly", async () => {
    const lb = await insertLoadBalancer(t)
    const cert = await insertCertificate(t)
    const common = { loadbalancer_listener_name: 'listener_default_web_', balance_mode: 'roundrobin', healthy_check_option: '10|5|2|5', timeout: 50, scene: 0, forwardfor: 0, listener_option: 0 }
    const reply = await add(lb.loadbalancer_id, [
      { ...common, listener_port: 53, listener_protocol: 'udp', backend_protocol: 'udp', healthy_check_method: 'udp', loadbalancer_listener_id: '', loadbalancer_id: lb.loadbalancer_id },
      { ...common, listener_port: 443, listener_protocol: 'https', backend_protocol: 'http', healthy_check_method: 'tcp', server_certificate_id: cert.server_certificate_id, timeout: 3600, scene: 11 },
      { ...common, listener_port: 80, listener_protocol: 'tcp', backend_protocol: 'tcp', healthy_check_method: 'tcp', scene: 1 },
      // same port, other transport
      { ...common, listener_port: 80, listener_protocol: 'udp', healthy_check_method: 'udp' },
    ])
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.loadbalancer_listeners.length, 4)
    for (const id of reply.loadbalancer_listeners) assert.match(id, /^lbl-[0-9a-z]{8}$/)
    const [udp, https, tcp, udp80] = await Promise.all(reply.loadbalancer_listeners.map(describeOne))
    assert.deepEqual(
      [
        udp.listener_port,
        udp.listener_protocol,
        udp.backend_protocol,
        udp.healthy_check_method,
        udp.healthy_check_option,
        udp.balance_mode,
        udp.timeout,
        udp.scene,
        udp.forwardfor,
        udp.listener_option,
        udp.loadbalancer_listener_name,
        udp.server_certificate_id,
        udp.session_sticky,
      ],
      [53, 'udp', 'udp', 'udp', '10|5|2|5', 'roundrobin', 50, 0, 0, 0, 'listener_default_web_', [], ''],
    )
    assert.deepEqual([https.listener_port, https.listener_protocol, https.backend_protocol, https.timeout, https.scene, https.server_certificate_id], [443, 'https', 'http', 3600, 11, [cert.server_certificate_id]])
    assert.deepEqual([tcp.listener_port, tcp.scene, udp80.listener_port, udp80.listener_protocol], [80, 1, 80, 'udp'])
    assert.deepEqual([udp.loadbalancer_id, udp.owner, udp.zone_id], [lb.loadbalancer_id, t.user.user_id, 'pek3a'])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
  })

  it("fills in defaults (terraform's and the docs'), keeps the given strings as they are and takes certificates as a comma or JSON list", async () => {
    const lb = await insertLoadBalancer(t)
    const [a, b] = [await insertCertificate(t), await insertCertificate(t)]
    const reply = await add(lb.loadbalancer_id, [
      { listener_port: 8080, listener_protocol: 'http' },
      { listener_port: 8081, listener_protocol: 'udp' },
      { listener_port: 8443, listener_protocol: 'https', backend_protocol: 'https', server_certificate_id: `${b.server_certificate_id},${a.server_certificate_id}`, session_sticky: 'insert|SERVERID|3600' },
      { listener_port: 8444, listener_protocol: 'ssl', backend_protocol: 'tcp', server_certificate_id: JSON.stringify([a.server_certificate_id]), tunnel_timeout: 600 },
      {
        listener_port: 8082,
        listener_protocol: 'http',
        loadbalancer_listener_name: 'web',
        balance_mode: 'source',
        session_sticky: 'prefix|JSESSIONID',
        forwardfor: 7,
        healthy_check_method: 'http|/health|example.com',
        healthy_check_option: '60|300|10|10',
        listener_option: 1023,
        timeout: 86400,
      },
    ])
    assert.equal(reply.ret_code, 0, reply.message)
    const rows = await Promise.all(reply.loadbalancer_listeners.map((id: string) => listenerRow(t, id)))
    const settings = (r: Record<string, unknown>) => [
      r.backend_protocol,
      r.balance_mode,
      r.session_sticky,
      r.forwardfor,
      r.healthy_check_method,
      r.healthy_check_option,
      r.listener_option,
      r.tunnel_timeout,
      r.timeout,
      r.scene,
      r.loadbalancer_listener_name,
    ]
    assert.deepEqual(settings(rows[0]!), ['http', 'roundrobin', '', 0, 'tcp', '10|5|2|5', 0, 50, 50, 0, ''])
    assert.deepEqual(settings(rows[1]!), ['udp', 'roundrobin', '', 0, 'udp', '10|5|2|5', 0, 50, 50, 0, ''])
    assert.deepEqual(settings(rows[2]!), ['https', 'roundrobin', 'insert|SERVERID|3600', 0, 'tcp', '10|5|2|5', 0, 50, 50, 0, ''])
    assert.deepEqual(settings(rows[3]!), ['tcp', 'roundrobin', '', 0, 'tcp', '10|5|2|5', 0, 600, 50, 0, ''])
    assert.deepEqual(settings(rows[4]!), ['http', 'source', 'prefix|JSESSIONID', 7, 'http|/health|example.com', '60|300|10|10', 1023, 50, 86400, 0, 'web'])
    assert.deepEqual(await certificatesOf(t, reply.loadbalancer_listeners[2]), [b.server_certificate_id, a.server_certificate_id])
    assert.deepEqual(await certificatesOf(t, reply.loadbalancer_listeners[3]), [a.server_certificate_id])
    for (const sticky of ['insert|3600', 'insert|0', 'rewrite|c', 'backend|c|60'])
      assert.equal((await add(lb.loadbalancer_id, [{ listener_port: 9000 + sticky.length, listener_protocol: 'http', session_sticky: sticky }])).ret_code, 0, sticky)
  })

  it('answers 1100 naming the field for every bad value, and adds none of the listeners', async () => {
    const lb = await insertLoadBalancer(t)
    const cert = (await insertCertificate(t)).server_certificate_id
    const ok = { listener_port: 80, listener_protocol: 'http' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ listener_protocol: 'http' }, 'missing parameter listeners.2.listener_port'],
      [{ listener_port: 80 }, 'missing parameter listeners.2.listener_protocol'],
      [{ ...ok, listener_port: 0 }, 'parameter listeners.2.listener_port value 0 is out of range, minimum 1'],
      [{ ...ok, listener_port: 65536 }, 'parameter listeners.2.listener_port value 65536 is out of range, maximum 65535'],
      [{ ...ok, listener_port: 'http' }, 'parameter listeners.2.listener_port should be integer'],
      [{ ...ok, listener_protocol: 'ftp' }, 'parameter listeners.2.listener_protocol value ftp is not supported, it should be one of http, https, tcp, ssl, udp'],
      [{ ...ok, backend_protocol: 'tcp' }, 'parameter listeners.2.backend_protocol value tcp does not fit a http listener, it should be http'],
      [{ ...ok, backend_protocol: 'gopher' }, 'parameter listeners.2.backend_protocol value gopher is not supported, it should be one of http, https, tcp, ssl, udp'],
      [{ listener_port: 443, listener_protocol: 'https', backend_protocol: 'tcp', server_certificate_id: cert }, 'parameter listeners.2.backend_protocol value tcp does not fit a https listener, it should be http or https'],
      [{ listener_port: 443, listener_protocol: 'ssl', backend_protocol: 'http', server_certificate_id: cert }, 'parameter listeners.2.backend_protocol value http does not fit a ssl listener, it should be tcp or ssl'],
      [{ ...ok, balance_mode: 'random' }, 'parameter listeners.2.balance_mode value random is not supported, it should be one of roundrobin, leastconn, source'],
      [
        { ...ok, session_sticky: 'insert' },
        'parameter listeners.2.session_sticky value insert is not a valid session sticky, it should be insert|<timeout>, insert|<cookie>|<timeout>, prefix|<cookie>, rewrite|<cookie> or backend|<cookie>|<timeout> (timeout in seconds, 0 never expires)',
      ],
      [
        { ...ok, session_sticky: 'prefix|a b' },
        'parameter listeners.2.session_sticky value prefix|a b is not a valid session sticky, it should be insert|<timeout>, insert|<cookie>|<timeout>, prefix|<cookie>, rewrite|<cookie> or backend|<cookie>|<timeout> (timeout in seconds, 0 never expires)',
      ],
      [
        { ...ok, session_sticky: 'backend|c|x' },
        'parameter listeners.2.session_sticky value backend|c|x is not a valid session sticky, it should be insert|<timeout>, insert|<cookie>|<timeout>, prefix|<cookie>, rewrite|<cookie> or backend|<cookie>|<timeout> (timeout in seconds, 0 never expires)',
      ],
      [{ listener_port: 80, listener_protocol: 'tcp', session_sticky: 'insert|3600' }, 'parameter listeners.2.session_sticky is only for http and https listeners, this one is tcp'],
      [{ ...ok, forwardfor: 8 }, 'parameter listeners.2.forwardfor value 8 is out of range, maximum 7'],
      [{ ...ok, forwardfor: -1 }, 'parameter listeners.2.forwardfor value -1 is out of range, minimum 0'],
      [{ ...ok, healthy_check_method: 'icmp' }, 'parameter listeners.2.healthy_check_method value icmp is not a valid health check method, it should be tcp, udp or http|<path>[|<host>] (like http|/health)'],
      [{ ...ok, healthy_check_method: 'http|health' }, 'parameter listeners.2.healthy_check_method value http|health is not a valid health check method, it should be tcp, udp or http|<path>[|<host>] (like http|/health)'],
      [{ ...ok, healthy_check_method: 'udp' }, 'parameter listeners.2.healthy_check_method value udp is only for udp listeners, this one is http'],
      [{ listener_port: 80, listener_protocol: 'udp', healthy_check_method: 'http|/' }, 'parameter listeners.2.healthy_check_method value http|/ is not for udp listeners, they check with udp or tcp'],
      ...['10|5|2', '1|5|2|5', '10|4|2|5', '10|5|11|5', '10|5|2|1', 'a|b|c|d', '61|5|2|5'].map((v): [Record<string, unknown>, string] => [
        { ...ok, healthy_check_option: v },
        `parameter listeners.2.healthy_check_option value ${v} is not a valid health check option, it should be inter|timeout|fall|rise with inter 2-60, timeout 5-300, fall 2-10, rise 2-10 (like 10|5|2|5)`,
      ]),
      [{ ...ok, listener_option: 1024 }, 'parameter listeners.2.listener_option value 1024 is out of range, maximum 1023'],
      [{ ...ok, tunnel_timeout: 9 }, 'parameter listeners.2.tunnel_timeout value 9 is out of range, minimum 10'],
      [{ ...ok, timeout: 86401 }, 'parameter listeners.2.timeout value 86401 is out of range, maximum 86400'],
      [{ ...ok, timeout: '50s' }, 'parameter listeners.2.timeout should be integer'],
      [{ ...ok, scene: 2 }, 'parameter listeners.2.scene value 2 is not supported, it should be one of 0, 1, 11'],
      [{ ...ok, loadbalancer_listener_name: 'x'.repeat(256) }, 'parameter listeners.2.loadbalancer_listener_name has an invalid length'],
      [{ listener_port: 443, listener_protocol: 'https' }, 'missing parameter listeners.2.server_certificate_id, a https listener needs a server certificate'],
      [{ listener_port: 443, listener_protocol: 'ssl', server_certificate_id: ' ' }, 'missing parameter listeners.2.server_certificate_id, a ssl listener needs a server certificate'],
      [{ ...ok, server_certificate_id: cert }, 'parameter listeners.2.server_certificate_id is only for https and ssl listeners, this one is http'],
      [{ listener_port: 443, listener_protocol: 'https', server_certificate_id: `${cert},${cert}` }, `parameter listeners.2.server_certificate_id lists [${cert}] more than once`],
      [{ listener_port: 443, listener_protocol: 'https', server_certificate_id: '["sc-a",' }, 'parameter listeners.2.server_certificate_id value ["sc-a", is not a valid list of server certificate ids'],
    ]
    for (const [bad, message] of cases) {
      const reply = await add(lb.loadbalancer_id, [{ listener_port: 8000, listener_protocol: 'tcp' }, bad])
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    }
    assert.deepEqual([(await add(lb.loadbalancer_id, [])).ret_code, (await t.call('AddLoadBalancerListeners', { loadbalancer: lb.loadbalancer_id })).message], [1100, 'InvalidRequestFormat, missing parameter listeners'])
    assert.equal((await t.call('AddLoadBalancerListeners', { listeners: [ok] })).message, 'InvalidRequestFormat, missing parameter loadbalancer')
    assert.equal((await t.store.db.selectFrom('loadbalancer_listeners').select('loadbalancer_listener_id').where('loadbalancer_id', '=', lb.loadbalancer_id).execute()).length, 0)
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 1)
  })

  it('answers 2110 naming the port taken on the same transport, by another listener or twice in the request', async () => {
    const lb = await insertLoadBalancer(t)
    const held = await insertListener(t, lb, { listener_port: 80, listener_protocol: 'http', backend_protocol: 'http' })
    const taken = await add(lb.loadbalancer_id, [{ listener_port: 80, listener_protocol: 'tcp' }])
    assert.deepEqual([taken.ret_code, taken.message], [2110, `ResourceAlreadyExisted, listeners.1.listener_port: tcp port [80] of loadbalancer [${lb.loadbalancer_id}] is already used by listener [${held.loadbalancer_listener_id}]`])
    const twice = await add(lb.loadbalancer_id, [
      { listener_port: 53, listener_protocol: 'udp' },
      { listener_port: 53, listener_protocol: 'udp' },
    ])
    assert.deepEqual([twice.ret_code, twice.message], [2110, `ResourceAlreadyExisted, listeners.2.listener_port: udp port [53] of loadbalancer [${lb.loadbalancer_id}] is already used by listeners.1.listener_port`])
    // another load balancer's ports are its own
    assert.equal((await add((await insertLoadBalancer(t)).loadbalancer_id, [{ listener_port: 80, listener_protocol: 'tcp' }])).ret_code, 0)
  })

  it("answers 2100 for an unknown load balancer or certificate, 1400 for another user's, and 1400 for a deleted or busy load balancer", async () => {
    const listener = [{ listener_port: 80, listener_protocol: 'tcp' }]
    assert.deepEqual(await add('lb-nothere', listener).then((r) => [r.ret_code, r.message]), [2100, 'ResourceNotFound, resource [lb-nothere] not found'])
    const theirs = await insertLoadBalancer(t, { owner: t.admin.user_id })
    assert.deepEqual(await add(theirs.loadbalancer_id, listener).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, resource [${theirs.loadbalancer_id}] does not belong to you`])
    const deleted = await insertLoadBalancer(t, { status: 'deleted' })
    assert.deepEqual(await add(deleted.loadbalancer_id, listener).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, loadbalancer [${deleted.loadbalancer_id}] has been deleted, its listeners and backends can not change`])
    const busy = await insertLoadBalancer(t, { transition_status: 'updating' })
    assert.deepEqual(await add(busy.loadbalancer_id, listener).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, loadbalancer [${busy.loadbalancer_id}] is [updating], please try later`])
    // a stopped one can be configured
    assert.equal((await add((await insertLoadBalancer(t, { status: 'stopped' })).loadbalancer_id, listener)).ret_code, 0)

    const lb = await insertLoadBalancer(t)
    const https = (server_certificate_id: string) => [{ listener_port: 443, listener_protocol: 'https', server_certificate_id }]
    assert.deepEqual(await add(lb.loadbalancer_id, https('sc-nothere')).then((r) => [r.ret_code, r.message]), [2100, 'ResourceNotFound, resource [sc-nothere] not found'])
    const other = await insertCertificate(t, { owner: t.admin.user_id })
    assert.deepEqual(await add(lb.loadbalancer_id, https(other.server_certificate_id)).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, resource [${other.server_certificate_id}] does not belong to you`])
    const elsewhere = await insertCertificate(t, { zone_id: 'sh1a' })
    assert.equal((await add(lb.loadbalancer_id, https(elsewhere.server_certificate_id))).ret_code, 2100)
    assert.equal((await t.store.db.selectFrom('loadbalancer_listeners').select('loadbalancer_listener_id').where('loadbalancer_id', '=', lb.loadbalancer_id).execute()).length, 0)
  })
})
