import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { certificatesOf, insertCertificate, insertListener, insertLoadBalancer, listenerRow, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const modify = (loadbalancer_listener: string, params: Record<string, unknown>, options: { key?: TestApp['user'] } = {}) => t.call('ModifyLoadBalancerListenerAttributes', { loadbalancer_listener, ...params }, options)

describe('ModifyLoadBalancerListenerAttributes', () => {
  it('changes the settings given, keeps the others and the port and protocols, and marks the load balancer not applied', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb, { listener_protocol: 'http', backend_protocol: 'http', loadbalancer_listener_name: 'web', session_sticky: 'insert|60' })
    const reply = await modify(listener.loadbalancer_listener_id, {
      balance_mode: 'leastconn',
      forwardfor: 5,
      healthy_check_method: 'http|/ping',
      healthy_check_option: '20|10|3|3',
      listener_option: 12,
      timeout: 300,
      tunnel_timeout: 3600,
      scene: 1,
      // ignored: a listener keeps its port and protocols
      listener_port: 81,
      listener_protocol: 'tcp',
    })
    assert.deepEqual([reply.ret_code, reply.action], [0, 'ModifyLoadBalancerListenerAttributesResponse'])
    const row = (await listenerRow(t, listener.loadbalancer_listener_id))!
    assert.deepEqual(
      [
        row.balance_mode,
        row.forwardfor,
        row.healthy_check_method,
        row.healthy_check_option,
        row.listener_option,
        row.timeout,
        row.tunnel_timeout,
        row.scene,
        row.loadbalancer_listener_name,
        row.session_sticky,
        row.listener_port,
        row.listener_protocol,
      ],
      ['leastconn', 5, 'http|/ping', '20|10|3|3', 12, 300, 3600, 1, 'web', 'insert|60', 80, 'http'],
    )
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
    // whitespace only clears the name and session sticky (terraform) and resets the others
    assert.equal((await modify(listener.loadbalancer_listener_id, { loadbalancer_listener_name: ' ', session_sticky: ' ', balance_mode: ' ', healthy_check_option: ' ' })).ret_code, 0)
    const cleared = (await listenerRow(t, listener.loadbalancer_listener_id))!
    assert.deepEqual([cleared.loadbalancer_listener_name, cleared.session_sticky, cleared.balance_mode, cleared.healthy_check_option, cleared.timeout], ['', '', 'roundrobin', '10|5|2|5', 300])
  })

  it('replaces the certificates of an https listener, as server_certificate_id.N (Go), a comma list or a JSON array', async () => {
    const lb = await insertLoadBalancer(t)
    const [a, b, c] = [await insertCertificate(t), await insertCertificate(t), await insertCertificate(t)]
    const added = await t.call('AddLoadBalancerListeners', { loadbalancer: lb.loadbalancer_id, listeners: [{ listener_port: 443, listener_protocol: 'https', server_certificate_id: a.server_certificate_id }] })
    const id = added.loadbalancer_listeners[0]
    assert.equal((await modify(id, { server_certificate_id: [c.server_certificate_id, b.server_certificate_id] })).ret_code, 0)
    assert.deepEqual(await certificatesOf(t, id), [c.server_certificate_id, b.server_certificate_id])
    assert.equal((await modify(id, { server_certificate_id: `${a.server_certificate_id},${c.server_certificate_id}` })).ret_code, 0)
    assert.deepEqual(await certificatesOf(t, id), [a.server_certificate_id, c.server_certificate_id])
    assert.equal((await modify(id, { server_certificate_id: JSON.stringify([b.server_certificate_id]) })).ret_code, 0)
    assert.deepEqual(await certificatesOf(t, id), [b.server_certificate_id])
    // not given: unchanged
    assert.equal((await modify(id, { loadbalancer_listener_name: 'x' })).ret_code, 0)
    assert.deepEqual(await certificatesOf(t, id), [b.server_certificate_id])
    const described = await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: [id] })
    assert.deepEqual(described.loadbalancer_listener_set[0].server_certificate_id, [b.server_certificate_id])
    // an https listener needs one; " " clears (terraform), which it refuses
    assert.deepEqual(await modify(id, { server_certificate_id: [' '] }).then((r) => [r.ret_code, r.message]), [1100, 'InvalidRequestFormat, missing parameter server_certificate_id, a https listener needs a server certificate'])
    assert.deepEqual(await certificatesOf(t, id), [b.server_certificate_id])
  })

  it('answers 1100 naming the field for bad values, and changes nothing', async () => {
    const lb = await insertLoadBalancer(t)
    const tcp = await insertListener(t, lb)
    const cert = await insertCertificate(t)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ balance_mode: 'fastest' }, 'parameter balance_mode value fastest is not supported, it should be one of roundrobin, leastconn, source'],
      [{ session_sticky: 'insert|3600' }, 'parameter session_sticky is only for http and https listeners, this one is tcp'],
      [{ forwardfor: 9 }, 'parameter forwardfor value 9 is out of range, maximum 7'],
      [{ healthy_check_method: 'udp' }, 'parameter healthy_check_method value udp is only for udp listeners, this one is tcp'],
      [{ healthy_check_option: '10|5|2|5|1' }, 'parameter healthy_check_option value 10|5|2|5|1 is not a valid health check option, it should be inter|timeout|fall|rise with inter 2-60, timeout 5-300, fall 2-10, rise 2-10 (like 10|5|2|5)'],
      [{ listener_option: -1 }, 'parameter listener_option value -1 is out of range, minimum 0'],
      [{ timeout: 5 }, 'parameter timeout value 5 is out of range, minimum 10'],
      [{ tunnel_timeout: 100000 }, 'parameter tunnel_timeout value 100000 is out of range, maximum 86400'],
      [{ scene: 10 }, 'parameter scene value 10 is not supported, it should be one of 0, 1, 11'],
      [{ server_certificate_id: cert.server_certificate_id }, 'parameter server_certificate_id is only for https and ssl listeners, this one is tcp'],
      [{}, 'missing parameter loadbalancer_listener'],
    ]
    for (const [bad, message] of cases) {
      const reply = await t.call('ModifyLoadBalancerListenerAttributes', { ...(Object.keys(bad).length > 0 && { loadbalancer_listener: tcp.loadbalancer_listener_id }), balance_mode: 'source', ...bad })
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    }
    assert.deepEqual(await listenerRow(t, tcp.loadbalancer_listener_id), tcp)
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 1)
  })

  it("answers 2100 for an unknown listener or certificate, 1400 for another user's, and 1400 when the load balancer is deleted or busy", async () => {
    assert.deepEqual(await modify('lbl-nothere', { balance_mode: 'source' }).then((r) => [r.ret_code, r.message]), [2100, 'ResourceNotFound, resource [lbl-nothere] not found'])
    const theirs = await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id }))
    assert.deepEqual(await modify(theirs.loadbalancer_listener_id, { balance_mode: 'source' }).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, resource [${theirs.loadbalancer_listener_id}] does not belong to you`])
    const deletedLb = await insertLoadBalancer(t, { status: 'ceased' })
    const orphan = await insertListener(t, deletedLb)
    assert.deepEqual(await modify(orphan.loadbalancer_listener_id, { balance_mode: 'source' }).then((r) => [r.ret_code, r.message]), [
      1400,
      `PermissionDenied, loadbalancer [${deletedLb.loadbalancer_id}] has been ceased, its listeners and backends can not change`,
    ])
    const busyLb = await insertLoadBalancer(t, { transition_status: 'stopping' })
    const busy = await insertListener(t, busyLb)
    assert.deepEqual(await modify(busy.loadbalancer_listener_id, { balance_mode: 'source' }).then((r) => [r.ret_code, r.message]), [1400, `PermissionDenied, loadbalancer [${busyLb.loadbalancer_id}] is [stopping], please try later`])

    const lb = await insertLoadBalancer(t)
    const https = await insertListener(t, lb, { listener_port: 443, listener_protocol: 'https', backend_protocol: 'http' })
    assert.deepEqual(await modify(https.loadbalancer_listener_id, { server_certificate_id: ['sc-nothere'] }).then((r) => [r.ret_code, r.message]), [2100, 'ResourceNotFound, resource [sc-nothere] not found'])
    const other = await insertCertificate(t, { owner: t.admin.user_id })
    assert.deepEqual(await modify(https.loadbalancer_listener_id, { server_certificate_id: [other.server_certificate_id] }).then((r) => [r.ret_code, r.message]), [
      1400,
      `PermissionDenied, resource [${other.server_certificate_id}] does not belong to you`,
    ])
  })
})
