// CreateLoadBalancer: pending + creating at once, active when the job settles; an address held in
// its vxnet (vxnet-0 by default), its EIPs associated at once; leased per type (default prices:
// 5k 0.06, 20k 0.12, … 500k 3.00 yuan an hour).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, chargesOf, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocate, allocateOne, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { createLoadBalancer, describeLoadBalancer } from '../../../../test/support/fixtures-loadbalancers.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createGroup, defaultGroup } from '../../../../test/support/fixtures-security-groups.ts'
import { addressesOf, createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'
import { loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('CreateLoadBalancer', () => {
  it('makes a pending load balancer describable at once and an active one when the job settles, with the defaults (vxnet-0)', async () => {
    const reply = ok(await t.call('CreateLoadBalancer', { loadbalancer_name: 'web', vxnet: 'vxnet-0', cluster_mode: 0, mode: 0, loadbalancer_type: 0 }))
    const id = reply.loadbalancer_id
    assert.match(id, /^lb-[a-z0-9]{8}$/)
    assert.match(reply.job_id, /^j-/)
    const pending = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.deepEqual([pending.status, pending.transition_status], ['pending', 'creating'])
    await t.settle()
    const lb = await describeLoadBalancer(t, id)
    const group = (await defaultGroup(t)).security_group_id
    assert.match(lb.private_ips[0], /^10\.140\.\d+\.\d+$/)
    assert.deepEqual(
      { ...lb, create_time: undefined, status_time: undefined, private_ips: undefined },
      {
        loadbalancer_id: id,
        loadbalancer_name: 'web',
        description: null,
        loadbalancer_type: 0,
        node_count: 1,
        vxnet_id: 'vxnet-0',
        private_ips: undefined,
        eips: [],
        cluster: [],
        security_group_id: group,
        http_header_size: 15,
        mode: 0,
        cluster_mode: 0,
        is_applied: 1,
        status: 'active',
        transition_status: '',
        create_time: undefined,
        status_time: undefined,
        sub_code: 0,
        tags: [],
        owner: t.user.user_id,
        zone_id: 'pek3a',
        listeners: [],
      },
    )
    assert.match(lb.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.ok((await addressesOf(t, 'vxnet-0')).includes(lb.private_ips[0]), 'the address is held in vxnet-0')
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.job_action, job.status, job.resource_ids], ['CreateLoadBalancer', 'successful', id])
  })

  it('takes the type, node count, header size, modes and group asked for, and the fixed address in a managed vxnet', async () => {
    const group = await createGroup(t, 'lb')
    const vxnet = await createVxnet(t)
    const ip = `${await prefixOf(t, vxnet)}20`
    const id = await createLoadBalancer(t, {
      loadbalancer_name: ' ',
      vxnet,
      private_ip: ip,
      loadbalancer_type: 3,
      node_count: 2,
      http_header_size: 64,
      mode: 1,
      cluster_mode: 1,
      security_group: group,
      place_group_id: 'plg-x',
      project_id: 'pjt-x',
      target_user: t.user.user_id,
      owner: t.user.user_id,
    })
    const lb = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.deepEqual(
      [lb.loadbalancer_name, lb.vxnet_id, lb.private_ips, lb.loadbalancer_type, lb.node_count, lb.http_header_size, lb.mode, lb.cluster_mode, lb.security_group_id, lb.listeners],
      ['', vxnet, [ip], 3, 2, 64, 1, 1, group, undefined],
    )
    assert.deepEqual(await addressesOf(t, vxnet), [ip])
    // the next one gets the lowest free address
    const next = await createLoadBalancer(t, { vxnet })
    assert.equal((await loadBalancerOf(t, next)).private_ip, `${await prefixOf(t, vxnet)}2`)
  })

  it('binds up to 4 EIPs at once, listed in eips and cluster; vxnet-0 when no vxnet is given', async () => {
    const eips = await allocate(t, { count: 4, eip_name: 'k8s_lb_allocate_eip' })
    const id = await createLoadBalancer(t, { eips })
    const lb = await describeLoadBalancer(t, id, { verbose: 0 })
    assert.equal(lb.vxnet_id, 'vxnet-0')
    const rows = await Promise.all(eips.map((e) => eipRow(t, e)))
    // bound at the same time: in id order
    const expected = eips.map((eip_id, i) => ({ eip_id, eip_name: 'k8s_lb_allocate_eip', eip_addr: rows[i]!.eip_addr })).sort((a, b) => (a.eip_id < b.eip_id ? -1 : 1))
    assert.deepEqual([lb.eips, lb.cluster], [expected, expected])
    assert.deepEqual(
      rows.map((r) => r.status),
      ['associated', 'associated', 'associated', 'associated'],
    )
    // with a vxnet too (permissive)
    const vxnet = await createVxnet(t)
    const eip = await allocateOne(t)
    const both = await createLoadBalancer(t, { eips: [eip], vxnet })
    assert.deepEqual([(await describeLoadBalancer(t, both)).vxnet_id, (await describeLoadBalancer(t, both)).cluster[0].eip_id], [vxnet, eip])
  })

  it('leases the load balancer at its type’s price and charges the first hour at once', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const small = await createLoadBalancer(t, {}, { key })
    const big = await createLoadBalancer(t, { loadbalancer_type: 5, loadbalancer_name: 'big' }, { key })
    assert.equal(await balance(t, user_id), 100_000 - 600 - 30_000)
    const [lease] = await leasesOf(t, big)
    assert.deepEqual([lease!.resource_type, lease!.resource_name, lease!.hourly_price, lease!.charge_mode, lease!.status], ['loadbalancer', 'big', 30_000, 'elastic', 'active'])
    assert.deepEqual(await chargesOf(t, small).then((c) => c.map(([, fee, remarks]) => [fee, remarks])), [[600, 'first hour, charged in advance']])
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('answers 2400 when the balance does not cover the first hour, and creates nothing (no address held)', async () => {
    const { user_id, key } = await payingUser(t, 0.05)
    const before = (await addressesOf(t, 'vxnet-0')).length
    const reply = await t.call('CreateLoadBalancer', { vxnet: 'vxnet-0' }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, balance 0\.05 does not cover 0\.06 for the first hour of 1 loadbalancer/)
    assert.equal(await balance(t, user_id), 500)
    assert.equal((await t.store.db.selectFrom('loadbalancers').select('loadbalancer_id').where('owner', '=', user_id).execute()).length, 0)
    assert.equal((await addressesOf(t, 'vxnet-0')).length, before)
  })

  it('answers 2500 beyond the loadbalancer quota; deleted load balancers no longer count', async () => {
    const { user_id, key } = await payingUser(t, 10)
    await setQuotas(t, { loadbalancer: 1 }, { user: user_id })
    const first = await createLoadBalancer(t, {}, { key })
    const reply = await t.call('CreateLoadBalancer', { vxnet: 'vxnet-0' }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 0 loadbalancer quota left currently'])
    ok(await t.call('DeleteLoadBalancers', { loadbalancers: [first] }, { key }))
    await t.settle()
    await createLoadBalancer(t, {}, { key })
  })

  it('answers 1100 naming the problem for bad input', async () => {
    const eips = await allocate(t, { count: 5 })
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /^InvalidRequestFormat, one of parameters eips\.N or vxnet is required$/],
      [{ loadbalancer_name: 'x' }, /eips\.N or vxnet/],
      [{ eips }, /^InvalidRequestFormat, parameter eips names 5 EIPs, a load balancer can have at most 4$/],
      [{ eips: [eips[0], eips[0]] }, /parameter eips lists \[eip-[a-z0-9]+\] more than once/],
      [{ vxnet: 'vxnet-0', loadbalancer_type: 6 }, /loadbalancer_type/],
      [{ vxnet: 'vxnet-0', loadbalancer_type: -1 }, /loadbalancer_type/],
      [{ vxnet: 'vxnet-0', node_count: 0 }, /node_count/],
      [{ vxnet: 'vxnet-0', http_header_size: 128 }, /http_header_size/],
      [{ vxnet: 'vxnet-0', http_header_size: 0 }, /http_header_size/],
      [{ vxnet: 'vxnet-0', mode: 2 }, /mode/],
      [{ vxnet: 'vxnet-0', private_ip: '10.140.300.1' }, /^InvalidRequestFormat, parameter private_ip \[10\.140\.300\.1\] is not an IPv4 address$/],
      [{ vxnet: 'vxnet-0', private_ip: '192.168.0.5' }, /address \[192\.168\.0\.5\] is not in vxnet \[vxnet-0\]/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateLoadBalancer', params)
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, message)
    }
    for (const e of eips) assert.equal((await eipRow(t, e)).status, 'available')
  })

  it('answers 2110 for a taken address, 1400 for a self-managed vxnet, a busy or associated EIP, another user', async () => {
    const vxnet = await createVxnet(t)
    const ip = `${await prefixOf(t, vxnet)}30`
    await createLoadBalancer(t, { vxnet, private_ip: ip })
    const taken = await t.call('CreateLoadBalancer', { vxnet, private_ip: ip })
    assert.deepEqual([taken.ret_code, taken.message], [2110, `ResourceAlreadyExisted, address [${ip}] is already used in vxnet [${vxnet}]`])

    const selfManaged = await createVxnet(t, { vxnet_type: 0 })
    const r1 = await t.call('CreateLoadBalancer', { vxnet: selfManaged })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, vxnet [${selfManaged}] is self-managed and hands out no addresses, a load balancer needs a managed vxnet or vxnet-0`])

    const eip = await allocateOne(t)
    await createLoadBalancer(t, { eips: [eip] })
    const r2 = await t.call('CreateLoadBalancer', { eips: [eip] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])

    const other = await payingUser(t, 10)
    const theirEip = await allocateOne(t, {}, { key: other.key })
    const theirNet = await createVxnet(t, {}, { key: other.key })
    const theirGroup = await createGroup(t, 'theirs', { key: other.key })
    const free = await allocateOne(t)
    for (const [params, id] of [
      [{ eips: [free, theirEip] }, theirEip],
      [{ vxnet: theirNet }, theirNet],
      [{ vxnet: 'vxnet-0', security_group: theirGroup }, theirGroup],
    ] as const) {
      const reply = await t.call('CreateLoadBalancer', params)
      assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, resource [${id}] does not belong to you`])
    }
    assert.equal((await eipRow(t, free)).status, 'available', 'nothing half done')
    for (const field of ['target_user', 'owner']) {
      const reply = await t.call('CreateLoadBalancer', { vxnet: 'vxnet-0', [field]: other.user_id })
      assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, parameter ${field} [${other.user_id}] is not you: acting for another user is not supported`])
    }
    for (const params of [{ vxnet: 'vxnet-nothere' }, { eips: ['eip-nothere1'] }, { vxnet: 'vxnet-0', security_group: 'sg-nothere1' }]) {
      const reply = await t.call('CreateLoadBalancer', params)
      assert.equal(reply.ret_code, 2100, JSON.stringify(params))
      assert.match(reply.message, /^ResourceNotFound, resource \[[a-z]+-nothere1?\] not found$/)
    }
  })

  it('refunds everything, frees the address and EIPs and ceases the load balancer when the creating job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const eip = await allocateOne(t, {}, { key })
    const paid = await balance(t, user_id)
    ok(await t.admin_call('ArmJobFault', { job_action: 'CreateLoadBalancer' }))
    const id = ok(await t.call('CreateLoadBalancer', { eips: [eip] }, { key })).loadbalancer_id
    const ip = (await loadBalancerOf(t, id)).private_ip
    await t.settle()
    const row = await loadBalancerOf(t, id)
    assert.deepEqual([row.status, row.transition_status], ['ceased', ''])
    assert.equal(await balance(t, user_id), paid)
    assert.equal((await leasesOf(t, id))[0]!.status, 'ended')
    assert.equal((await eipRow(t, eip)).status, 'available')
    assert.ok(!(await addressesOf(t, 'vxnet-0')).includes(ip))
    assert.equal(ok(await t.call('DescribeLoadBalancers', {}, { key })).total_count, 0)
    const gone = await describeLoadBalancer(t, id, { key })
    assert.deepEqual([gone.status, gone.cluster], ['ceased', []])
  })
})
