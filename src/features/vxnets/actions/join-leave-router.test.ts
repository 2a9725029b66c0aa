// VxNets in a VPC: JoinRouter, LeaveRouter, DescribeRouterVxnets, and what a join changes in
// DescribeVxnets, address allocation and DeleteVxnets. Routers are fixture rows
// (test/support/router-fixtures.ts): CreateRouters is another feature's.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { addressesOf, createVxnet, nicsOf } from '../../../../test/support/fixtures-vxnets.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertRouter } from '../../../../test/support/router-fixtures.ts'
import type { Kysely } from 'kysely'
import * as migration from '../../../store/migrations/0026-vxnet-routers.ts'
import { joinedVxnetsOf, routersWithVxnets } from '../vxnet-repo.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const job = (id: string) => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()
const describeVxnet = async (id: string, params: Record<string, unknown> = {}) => {
  const reply = ok(await t.call('DescribeVxnets', { vxnets: [id], ...params }))
  assert.equal(reply.total_count, 1)
  return reply.vxnet_set[0]
}
const expectError = async (action: string, cases: Array<[Record<string, unknown>, number, string]>) => {
  for (const [params, code, message] of cases) {
    const reply = await t.call(action, params)
    assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
  }
}
/** JoinRouter, its job settled. */
const joined = async (vxnet: string, router: string, ip_network: string, extra: Record<string, unknown> = {}) => {
  const reply = ok(await t.call('JoinRouter', { vxnet, router, ip_network, features: 1, ...extra }))
  await t.settle()
  assert.equal((await job(reply.job_id)).status, 'successful')
  return reply
}

describe('JoinRouter', () => {
  it('gives the vxnet its ip_network, .1 as the router address and .2–.254 as the DHCP range; shown at once, settled by the job', async () => {
    const router = await insertRouter(t, { router_name: 'vpc one' })
    const vx = await createVxnet(t, { vxnet_name: 'web' })
    const reply = ok(await t.call('JoinRouter', { vxnet: vx, router: router.router_id, ip_network: '192.168.7.0/24', features: 1 }))
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual([reply.action, reply.router_id, reply.vxnet_id], ['JoinRouterResponse', router.router_id, vx])
    const expected = { router_id: router.router_id, router_name: 'vpc one', manager_ip: '192.168.7.1', ip_network: '192.168.7.0/24', dyn_ip_start: '192.168.7.2', dyn_ip_end: '192.168.7.254', mode: 0 }
    const joining = await describeVxnet(vx)
    assert.deepEqual([joining.vpc_router_id, joining.router, joining.ip_network], [router.router_id, expected, '192.168.7.0/24'])
    // nobody enters while the join settles
    const vm = await insertInstance(t)
    const early = await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] })
    assert.deepEqual([early.ret_code, early.message], [1400, `PermissionDenied, vxnet [${vx}] is [joining] router [${router.router_id}], please try later`])
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.equal((await job(reply.job_id)).resource_ids, `${vx} ${router.router_id}`)
    const settled = await describeVxnet(vx)
    assert.deepEqual([settled.vpc_router_id, settled.router, settled.available_ip_count], [router.router_id, expected, 253])
    // features defaults to 1
    const other = await createVxnet(t)
    ok(await t.call('JoinRouter', { vxnet: other, router: router.router_id, ip_network: '192.168.8.0/24' }))
    await t.settle()
    const [entry] = (await t.call('DescribeRouterVxnets', { router: router.router_id, vxnet: other })).router_vxnet_set
    assert.equal(entry.features, 1)
  })

  it('hands the members addresses from the DHCP range it was given; fixed addresses must be in it', async () => {
    const router = await insertRouter(t, { vpc_network: '172.16.0.0/16' })
    const vx = await createVxnet(t)
    await joined(vx, router.router_id, '172.16.30.0/24', { manager_ip: '172.16.30.254', dyn_ip_start: '172.16.30.100', dyn_ip_end: '172.16.30.102' })
    const shown = await describeVxnet(vx)
    assert.deepEqual([shown.router.manager_ip, shown.router.dyn_ip_start, shown.router.dyn_ip_end, shown.available_ip_count], ['172.16.30.254', '172.16.30.100', '172.16.30.102', 3])
    const vm = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] }))
    await t.settle()
    assert.deepEqual(await nicsOf(t, vm.instance_id), [`${vx} 172.16.30.100`])
    const launched = await launchOne(t, 'running', { vxnets: [vx] })
    assert.equal((await describeOne(t, launched)).vxnets[0].private_ip, '172.16.30.101')
    const outside = await insertInstance(t)
    await expectError('JoinVxnet', [
      [{ vxnet: `${vx}|172.16.30.5`, instances: [outside.instance_id] }, 1100, `InvalidRequestFormat, address [172.16.30.5] is not in vxnet [${vx}], whose addresses are 172.16.30.100 to 172.16.30.102 (172.16.30.0/24)`],
      [{ vxnet: `${vx}|172.16.30.254`, instances: [outside.instance_id] }, 1100, `InvalidRequestFormat, address [172.16.30.254] is not in vxnet [${vx}], whose addresses are 172.16.30.100 to 172.16.30.102 (172.16.30.0/24)`],
    ])
    ok(await t.call('JoinVxnet', { vxnet: `${vx}|172.16.30.102`, instances: [outside.instance_id] }))
    await t.settle()
    assert.deepEqual(await addressesOf(t, vx), ['172.16.30.100', '172.16.30.101', '172.16.30.102'])
    assert.equal((await describeVxnet(vx)).available_ip_count, 0)
    // the range is full: 5200, as any full network
    const fourth = await insertInstance(t)
    const full = await t.call('JoinVxnet', { vxnet: vx, instances: [fourth.instance_id] })
    assert.deepEqual([full.ret_code, full.message], [5200, `InsufficientResources, vxnet [${vx}] has no free address left (172.16.30.0/24)`])
  })

  it('accepts a poweroffed router, and networks inside a 172.16.0.0/16 VPC only', async () => {
    const off = await insertRouter(t, { status: 'poweroffed' })
    await joined(await createVxnet(t), off.router_id, '192.168.40.0/25')
    const other = await insertRouter(t, { vpc_network: '172.16.0.0/16' })
    await joined(await createVxnet(t), other.router_id, '172.16.5.0/24')
    const vx = await createVxnet(t)
    await expectError('JoinRouter', [
      [{ vxnet: vx, router: other.router_id, ip_network: '10.0.0.0/24' }, 1100, `InvalidRequestFormat, ip_network [10.0.0.0/24] is not inside the VPC network [172.16.0.0/16] of router [${other.router_id}]`],
      [{ vxnet: vx, router: other.router_id, ip_network: '192.168.5.0/24' }, 1100, `InvalidRequestFormat, ip_network [192.168.5.0/24] is not inside the VPC network [172.16.0.0/16] of router [${other.router_id}]`],
    ])
    // a /25's defaults: .1, .2 to .126
    const [entry] = (await t.call('DescribeRouterVxnets', { router: off.router_id })).router_vxnet_set
    assert.deepEqual([entry.manager_ip, entry.dyn_ip_start, entry.dyn_ip_end], ['192.168.40.1', '192.168.40.2', '192.168.40.126'])
  })

  it('refuses bad networks and addresses with 1100 naming the value, and networks outside the VPC or overlapping another vxnet of the router naming both ranges', async () => {
    const router = await insertRouter(t)
    const taken = await createVxnet(t)
    await joined(taken, router.router_id, '192.168.10.0/24')
    const vx = await createVxnet(t)
    const r = router.router_id
    const join = (extra: Record<string, unknown>) => ({ vxnet: vx, router: r, ip_network: '192.168.11.0/24', ...extra })
    await expectError('JoinRouter', [
      [{ router: r, ip_network: '192.168.11.0/24' }, 1100, 'InvalidRequestFormat, missing parameter vxnet'],
      [{ vxnet: vx, ip_network: '192.168.11.0/24' }, 1100, 'InvalidRequestFormat, missing parameter router'],
      [{ vxnet: vx, router: r }, 1100, 'InvalidRequestFormat, missing parameter ip_network'],
      ...['192.168.11.0', '192.168.11.5/24', '192.168.11.0/31', '192.168.11.0/33', '192.168.300.0/24', 'abc'].map((ip_network): [Record<string, unknown>, number, string] => [
        join({ ip_network }),
        1100,
        `InvalidRequestFormat, parameter ip_network value [${ip_network}] is not a CIDR network such as 192.168.1.0/24 (a.b.c.d/n, n at most 30, no host bits set)`,
      ]),
      [join({ features: 2 }), 1100, 'InvalidRequestFormat, parameter features value [2] is not supported, only 1 (DHCP) is'],
      [join({ features: 0 }), 1100, 'InvalidRequestFormat, parameter features value [0] is not supported, only 1 (DHCP) is'],
      [join({ features: 'x' }), 1100, 'InvalidRequestFormat, parameter features should be integer'],
      [join({ manager_ip: '192.168.11.x' }), 1100, 'InvalidRequestFormat, parameter manager_ip value [192.168.11.x] is not an IPv4 address'],
      [join({ manager_ip: '192.168.12.1' }), 1100, 'InvalidRequestFormat, parameter manager_ip value [192.168.12.1] is not a host address of ip_network [192.168.11.0/24] (192.168.11.1 to 192.168.11.254)'],
      [join({ dyn_ip_end: '192.168.11.255' }), 1100, 'InvalidRequestFormat, parameter dyn_ip_end value [192.168.11.255] is not a host address of ip_network [192.168.11.0/24] (192.168.11.1 to 192.168.11.254)'],
      [join({ dyn_ip_start: '192.168.11.0' }), 1100, 'InvalidRequestFormat, parameter dyn_ip_start value [192.168.11.0] is not a host address of ip_network [192.168.11.0/24] (192.168.11.1 to 192.168.11.254)'],
      [join({ dyn_ip_start: '192.168.11.50', dyn_ip_end: '192.168.11.40' }), 1100, 'InvalidRequestFormat, parameter dyn_ip_start [192.168.11.50] is after dyn_ip_end [192.168.11.40]'],
      [join({ manager_ip: '192.168.11.9' }), 1100, "InvalidRequestFormat, parameter manager_ip [192.168.11.9] is inside the DHCP range 192.168.11.2 to 192.168.11.254, the router's address must be outside it"],
      [join({ ip_network: '172.16.1.0/24' }), 1100, `InvalidRequestFormat, ip_network [172.16.1.0/24] is not inside the VPC network [192.168.0.0/16] of router [${r}]`],
      [join({ ip_network: '192.0.0.0/8' }), 1100, `InvalidRequestFormat, ip_network [192.0.0.0/8] is not inside the VPC network [192.168.0.0/16] of router [${r}]`],
      [join({ ip_network: '192.168.10.0/24' }), 1100, `InvalidRequestFormat, ip_network [192.168.10.0/24] overlaps [192.168.10.0/24] of vxnet [${taken}] in router [${r}]`],
      [join({ ip_network: '192.168.10.128/25' }), 1100, `InvalidRequestFormat, ip_network [192.168.10.128/25] overlaps [192.168.10.0/24] of vxnet [${taken}] in router [${r}]`],
      [join({ ip_network: '192.168.8.0/22' }), 1100, `InvalidRequestFormat, ip_network [192.168.8.0/22] overlaps [192.168.10.0/24] of vxnet [${taken}] in router [${r}]`],
    ])
    assert.equal((await describeVxnet(vx)).vpc_router_id, '')
    // the same network in another router is fine: VPCs are separate
    await joined(vx, (await insertRouter(t)).router_id, '192.168.10.0/24')
  })

  it('refuses routers that are unknown, another user’s, busy or not active/poweroffed, and vxnets that are unknown, another user’s, vxnet-0, self-managed, joined or with members', async () => {
    const other = await payingUser(t, 0)
    const router = await insertRouter(t)
    const theirRouter = await insertRouter(t, { owner: other.user_id })
    const busy = await insertRouter(t, { status: 'pending', transition_status: 'creating' })
    const suspended = await insertRouter(t, { status: 'suspended' })
    const deleted = await insertRouter(t, { status: 'deleted' })
    const vx = await createVxnet(t)
    const theirVx = await createVxnet(t, {}, { key: other.key })
    const selfManaged = await createVxnet(t, { vxnet_type: 0 })
    const already = await createVxnet(t)
    await joined(already, router.router_id, '192.168.20.0/24')
    const withMember = await createVxnet(t)
    const member = await launchOne(t, 'running', { vxnets: [withMember] })
    const r = router.router_id
    const net = '192.168.21.0/24'
    await expectError('JoinRouter', [
      [{ vxnet: vx, router: 'rtr-nothere1', ip_network: net }, 2100, 'ResourceNotFound, resource [rtr-nothere1] not found'],
      [{ vxnet: vx, router: theirRouter.router_id, ip_network: net }, 1400, `PermissionDenied, resource [${theirRouter.router_id}] does not belong to you`],
      [{ vxnet: vx, router: busy.router_id, ip_network: net }, 1400, `PermissionDenied, router [${busy.router_id}] is [creating], please try later`],
      [{ vxnet: vx, router: suspended.router_id, ip_network: net }, 1400, `PermissionDenied, router [${suspended.router_id}] is [suspended], vxnets can join only an active or poweroffed router`],
      [{ vxnet: vx, router: deleted.router_id, ip_network: net }, 1400, `PermissionDenied, router [${deleted.router_id}] is [deleted], vxnets can join only an active or poweroffed router`],
      [{ vxnet: 'vxnet-nothere', router: r, ip_network: net }, 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [{ vxnet: theirVx, router: r, ip_network: net }, 1400, `PermissionDenied, resource [${theirVx}] does not belong to you`],
      [{ vxnet: 'vxnet-0', router: r, ip_network: net }, 1400, 'PermissionDenied, vxnet [vxnet-0] is the base network, can not join a router'],
      [{ vxnet: selfManaged, router: r, ip_network: net }, 1400, `PermissionDenied, vxnet [${selfManaged}] is self-managed (vxnet_type 0), only managed vxnets (vxnet_type 1) can join a router`],
      [{ vxnet: already, router: r, ip_network: net }, 1400, `PermissionDenied, vxnet [${already}] is already joined to router [${r}], a vxnet joins one router: leave it first`],
      [{ vxnet: already, router: (await insertRouter(t)).router_id, ip_network: net }, 1400, `PermissionDenied, vxnet [${already}] is already joined to router [${r}], a vxnet joins one router: leave it first`],
      [
        { vxnet: withMember, router: r, ip_network: net },
        5400,
        `ResourceDependence, vxnet [${withMember}] still has instance [${member}], whose address would leave the vxnet's network: it must leave (or be deleted) before the vxnet joins a router`,
      ],
    ])
    assert.equal((await describeVxnet(vx)).router, null)
  })

  it('a failed job gives the vxnet back the network it had', async () => {
    const router = await insertRouter(t)
    const vx = await createVxnet(t)
    const before = (await describeVxnet(vx)).ip_network
    ok(await t.admin_call('ArmJobFault', { job_action: 'JoinRouter' }))
    const reply = ok(await t.call('JoinRouter', { vxnet: vx, router: router.router_id, ip_network: '192.168.99.0/24' }))
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
    const shown = await describeVxnet(vx)
    assert.deepEqual([shown.ip_network, shown.vpc_router_id, shown.router], [before, '', null])
    assert.deepEqual(Object.fromEntries(await joinedVxnetsOf(t.store.db, [router.router_id])), { [router.router_id]: [] })
    // and it may join again
    await joined(vx, router.router_id, '192.168.99.0/24')
  })

  it('two joins of one router with overlapping networks at once: exactly one succeeds (the router row is locked first)', async () => {
    const router = await insertRouter(t)
    const [a, b] = [await createVxnet(t), await createVxnet(t)]
    const replies = await Promise.all([t.call('JoinRouter', { vxnet: a, router: router.router_id, ip_network: '192.168.50.0/24' }), t.call('JoinRouter', { vxnet: b, router: router.router_id, ip_network: '192.168.50.0/25' })])
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 1100])
    await t.settle()
    assert.equal((await joinedVxnetsOf(t.store.db, [router.router_id])).get(router.router_id)!.length, 1)
  })
})

describe('LeaveRouter', () => {
  it('terraform’s sequence: JoinRouter features=1, LeaveRouter, then DescribeVxnets until vpc_router_id is ""', async () => {
    const router = await insertRouter(t)
    const vx = await createVxnet(t, { vxnet_name: 'tf' })
    await joined(vx, router.router_id, '192.168.0.0/24')
    const reply = ok(await t.call('LeaveRouter', { vxnets: [vx], router: router.router_id }))
    assert.deepEqual([reply.action, reply.router_id, reply.vxnets], ['LeaveRouterResponse', router.router_id, [vx]])
    assert.match(reply.job_id, /^j-/)
    // still joined while the job runs: terraform keeps polling
    const leaving = (await t.call('DescribeVxnets', { vxnets: [vx], verbose: 0 })).vxnet_set[0]
    assert.equal(leaving.vpc_router_id, router.router_id)
    const again = await t.call('LeaveRouter', { vxnets: [vx], router: router.router_id })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, vxnet [${vx}] is [leaving] router [${router.router_id}], please try later`])
    const del = await t.call('DeleteVxnets', { vxnets: [vx] })
    assert.equal(del.ret_code, 5400)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    const left = (await t.call('DescribeVxnets', { vxnets: [vx], verbose: 0 })).vxnet_set[0]
    assert.deepEqual([left.vpc_router_id, left.router, left.ip_network], ['', null, '192.168.0.0/24'])
    assert.equal((await t.call('DescribeRouterVxnets', { router: router.router_id })).total_count, 0)
    // then terraform deletes it
    ok(await t.call('DeleteVxnets', { vxnets: [vx] }))
  })

  it('refuses vxnets with members (5400), not joined to the router, still joining, and bad routers and lists', async () => {
    const other = await payingUser(t, 0)
    const router = await insertRouter(t)
    const r = router.router_id
    const otherRouter = await insertRouter(t)
    const theirRouter = await insertRouter(t, { owner: other.user_id })
    const busy = await insertRouter(t, { transition_status: 'poweroffing' })
    const withMember = await createVxnet(t)
    await joined(withMember, r, '192.168.60.0/24')
    const member = await launchOne(t, 'running', { vxnets: [withMember] })
    const elsewhere = await createVxnet(t)
    await joined(elsewhere, otherRouter.router_id, '192.168.60.0/24')
    const notJoined = await createVxnet(t)
    const joining = await createVxnet(t)
    ok(await t.call('JoinRouter', { vxnet: joining, router: r, ip_network: '192.168.61.0/24' }))
    const theirVx = await createVxnet(t, {}, { key: other.key })
    await expectError('LeaveRouter', [
      [{ router: r }, 1100, 'InvalidRequestFormat, missing parameter vxnets'],
      [{ vxnets: [''], router: r }, 1100, 'InvalidRequestFormat, missing parameter vxnets'],
      [{ vxnets: [withMember] }, 1100, 'InvalidRequestFormat, missing parameter router'],
      [{ vxnets: [withMember, withMember], router: r }, 1100, `InvalidRequestFormat, parameter vxnets lists [${withMember}] more than once`],
      [{ vxnets: [withMember], router: 'rtr-nothere1' }, 2100, 'ResourceNotFound, resource [rtr-nothere1] not found'],
      [{ vxnets: [withMember], router: theirRouter.router_id }, 1400, `PermissionDenied, resource [${theirRouter.router_id}] does not belong to you`],
      [{ vxnets: [withMember], router: busy.router_id }, 1400, `PermissionDenied, router [${busy.router_id}] is [poweroffing], please try later`],
      [{ vxnets: ['vxnet-0'], router: r }, 1400, 'PermissionDenied, vxnet [vxnet-0] is the base network, it is in no router'],
      [{ vxnets: ['vxnet-nothere'], router: r }, 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [{ vxnets: [theirVx], router: r }, 1400, `PermissionDenied, resource [${theirVx}] does not belong to you`],
      [{ vxnets: [notJoined], router: r }, 1400, `PermissionDenied, vxnet [${notJoined}] is not joined to router [${r}], can not leave it`],
      [{ vxnets: [elsewhere], router: r }, 1400, `PermissionDenied, vxnet [${elsewhere}] is not joined to router [${r}], can not leave it`],
      [{ vxnets: [joining], router: r }, 1400, `PermissionDenied, vxnet [${joining}] is [joining] router [${r}], please try later`],
      [{ vxnets: [withMember], router: r }, 5400, `ResourceDependence, vxnet [${withMember}] still has instance [${member}], it must leave the vxnet (or be deleted) before the vxnet leaves router [${r}]`],
    ])
    await t.settle()
    // once the member has left, the vxnet may leave
    ok(await t.call('LeaveVxnet', { vxnet: withMember, instances: [member] }))
    await t.settle()
    ok(await t.call('LeaveRouter', { vxnets: [withMember, joining], router: r }))
    await t.settle()
    assert.deepEqual(Object.fromEntries(await joinedVxnetsOf(t.store.db, [r])), { [r]: [] })
  })

  it('LeaveRouter and an instance joining the vxnet at once: one of them is refused, never both let through', async () => {
    for (let round = 0; round < 3; round++) {
      const router = await insertRouter(t)
      const vx = await createVxnet(t)
      await joined(vx, router.router_id, '192.168.80.0/24')
      const vm = await insertInstance(t)
      const [leave, enter] = await Promise.all([t.call('LeaveRouter', { vxnets: [vx], router: router.router_id }), t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] })])
      const codes = [leave.ret_code, enter.ret_code]
      assert.ok((codes[0] === 0 && codes[1] === 1400) || (codes[0] === 5400 && codes[1] === 0), JSON.stringify([leave.message, enter.message]))
      await t.settle()
      const shown = await describeVxnet(vx)
      // left with nobody in it, or still joined with the member inside the DHCP range
      if (codes[0] === 0) assert.deepEqual([shown.vpc_router_id, await nicsOf(t, vm.instance_id)], ['', []])
      else assert.deepEqual([shown.vpc_router_id, await nicsOf(t, vm.instance_id)], [router.router_id, [`${vx} 192.168.80.2`]])
    }
  })

  it('a failed job leaves the vxnet joined', async () => {
    const router = await insertRouter(t)
    const vx = await createVxnet(t)
    await joined(vx, router.router_id, '192.168.70.0/24')
    ok(await t.admin_call('ArmJobFault', { job_action: 'LeaveRouter' }))
    const reply = ok(await t.call('LeaveRouter', { vxnets: [vx], router: router.router_id }))
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
    const shown = await describeVxnet(vx)
    assert.deepEqual([shown.vpc_router_id, shown.router.ip_network], [router.router_id, '192.168.70.0/24'])
    // and members may enter again (the join is settled)
    const vm = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] }))
    await t.settle()
    assert.deepEqual(await nicsOf(t, vm.instance_id), [`${vx} 192.168.70.2`])
  })
})

describe('DescribeRouterVxnets', () => {
  it('lists the caller’s joined vxnets: one router, every router (`*` or none), one vxnet, paged; others see nothing', async () => {
    const other = await payingUser(t, 0)
    const [r1, r2] = [await insertRouter(t), await insertRouter(t)]
    const [a, b, c] = [await createVxnet(t, { vxnet_name: 'a' }), await createVxnet(t, { vxnet_name: 'b' }), await createVxnet(t, { vxnet_name: 'c' })]
    await joined(a, r1.router_id, '192.168.1.0/24')
    t.clock.advance(1000)
    await joined(b, r1.router_id, '192.168.2.0/24')
    t.clock.advance(1000)
    await joined(c, r2.router_id, '192.168.1.0/24')
    const one = ok(await t.call('DescribeRouterVxnets', { router: r1.router_id, verbose: 0, offset: 0, limit: 20 }))
    assert.equal(one.action, 'DescribeRouterVxnetsResponse')
    assert.equal(one.total_count, 2)
    const [first] = one.router_vxnet_set
    assert.deepEqual(first, {
      router_id: r1.router_id,
      vxnet_id: a,
      vxnet_name: 'a',
      manager_ip: '192.168.1.1',
      ip_network: '192.168.1.0/24',
      dyn_ip_start: '192.168.1.2',
      dyn_ip_end: '192.168.1.254',
      features: 1,
      owner: t.user.user_id,
      create_time: first.create_time,
    })
    assert.match(first.create_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    assert.deepEqual(
      one.router_vxnet_set.map((v: { vxnet_id: string }) => v.vxnet_id),
      [a, b],
    )
    const ids = (reply: Record<string, any>) => (reply.router_vxnet_set as Array<{ vxnet_id: string }>).map((v) => v.vxnet_id) // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const params of [{ router: '*' }, {}]) {
      const all = ok(await t.call('DescribeRouterVxnets', { ...params, limit: 100 }))
      for (const id of [a, b, c]) assert.ok(ids(all).includes(id), JSON.stringify(params))
    }
    assert.deepEqual(ids(await t.call('DescribeRouterVxnets', { router: r1.router_id, vxnet: b })), [b])
    assert.deepEqual(ids(await t.call('DescribeRouterVxnets', { router: r2.router_id, vxnet: b })), [])
    const paged = await t.call('DescribeRouterVxnets', { router: r1.router_id, offset: 1, limit: 1 })
    assert.deepEqual([paged.total_count, ids(paged)], [2, [b]])
    assert.equal((await t.call('DescribeRouterVxnets', { router: 'rtr-nothere1' })).total_count, 0)
    assert.equal((await t.call('DescribeRouterVxnets', { router: r1.router_id }, { key: other.key })).total_count, 0)
    const bad = await t.call('DescribeRouterVxnets', { router: r1.router_id, limit: 'x' })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, parameter limit should be integer'])
  })
})

describe('DescribeVxnets for terraform (qingcloud_vxnet Read)', () => {
  it('carries vxnet_name, vxnet_type, description, router.ip_network, vpc_router_id and tags with their JSON types, joined or not', async () => {
    const router = await insertRouter(t)
    const vx = await createVxnet(t, { vxnet_name: 'tf-read', description: 'read me' })
    const plain = await createVxnet(t)
    await joined(vx, router.router_id, '192.168.3.0/24')
    const tag = ok(await t.call('CreateTag', { tag_name: 'vpc' })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'vxnet', resource_id: vx }] }))
    const reply = ok(await t.call('DescribeVxnets', { vxnets: [vx, plain], verbose: 1 }))
    const byId = new Map(reply.vxnet_set.map((v: { vxnet_id: string }) => [v.vxnet_id, v]))
    const j = byId.get(vx) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual([typeof j.vxnet_name, typeof j.vxnet_type, typeof j.description, typeof j.router.ip_network, typeof j.vpc_router_id, Array.isArray(j.tags)], ['string', 'number', 'string', 'string', 'string', true])
    assert.deepEqual([j.vxnet_name, j.vxnet_type, j.description, j.router.ip_network, j.vpc_router_id, j.tags[0].tag_id], ['tf-read', 1, 'read me', '192.168.3.0/24', router.router_id, tag])
    assert.equal(typeof j.router.mode, 'number')
    const p = byId.get(plain) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual([p.vpc_router_id, p.router], ['', null])
    // vxnet-0 too: a string, never missing
    const base = (await t.call('DescribeVxnets', { vxnets: ['vxnet-0'] })).vxnet_set[0]
    assert.deepEqual([base.vpc_router_id, base.router], ['', null])
  })
})

describe('DeleteVxnets of a joined vxnet', () => {
  it('answers 5400 until it leaves the router; members still answer 5400 as before', async () => {
    const router = await insertRouter(t)
    const vx = await createVxnet(t)
    await joined(vx, router.router_id, '192.168.4.0/24')
    const refused = await t.call('DeleteVxnets', { vxnets: [vx] })
    assert.deepEqual([refused.ret_code, refused.message], [5400, `ResourceDependence, vxnet [${vx}] is still joined to router [${router.router_id}], it must leave the router first (LeaveRouter)`])
    const member = await launchOne(t, 'running', { vxnets: [vx] })
    const withMember = await t.call('DeleteVxnets', { vxnets: [vx] })
    assert.deepEqual([withMember.ret_code, withMember.message], [5400, `ResourceDependence, vxnet [${vx}] still has instance [${member}], it must leave the vxnet first`])
    ok(await t.call('LeaveVxnet', { vxnet: vx, instances: [member] }))
    await t.settle()
    ok(await t.call('LeaveRouter', { vxnets: [vx], router: router.router_id }))
    await t.settle()
    ok(await t.call('DeleteVxnets', { vxnets: [vx] }))
  })
})

describe('joinedVxnetsOf and routersWithVxnets (for DescribeRouters verbose=1 and DeleteRouters)', () => {
  it('list each router’s vxnets with the router’s MAC-like nic_id, joining and leaving ones included', async () => {
    const [r1, r2, empty] = [await insertRouter(t), await insertRouter(t), await insertRouter(t)]
    const [a, b, c] = [await createVxnet(t), await createVxnet(t), await createVxnet(t)]
    await joined(a, r1.router_id, '192.168.1.0/24')
    t.clock.advance(1000)
    await joined(b, r1.router_id, '192.168.2.0/24')
    ok(await t.call('JoinRouter', { vxnet: c, router: r2.router_id, ip_network: '192.168.1.0/24' }))
    const map = await joinedVxnetsOf(t.store.db, [r1.router_id, r2.router_id, empty.router_id, 'rtr-nothere1'])
    assert.deepEqual([...map.keys()], [r1.router_id, r2.router_id, empty.router_id, 'rtr-nothere1'])
    assert.deepEqual(
      map.get(r1.router_id)!.map((v) => v.vxnet_id),
      [a, b],
    )
    assert.deepEqual(
      map.get(r2.router_id)!.map((v) => v.vxnet_id),
      [c],
    )
    assert.deepEqual([map.get(empty.router_id), map.get('rtr-nothere1')], [[], []])
    for (const v of [...map.get(r1.router_id)!, ...map.get(r2.router_id)!]) assert.match(v.nic_id, /^52:54:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/)
    assert.notEqual(map.get(r1.router_id)![0]!.nic_id, map.get(r1.router_id)![1]!.nic_id)
    assert.deepEqual(Object.fromEntries(await routersWithVxnets(t.store.db, [r1.router_id, r2.router_id, empty.router_id])), { [r1.router_id]: [a, b], [r2.router_id]: [c] })
    assert.deepEqual(await joinedVxnetsOf(t.store.db, []), new Map())
    await t.settle()
    // leaving still counts until the job settles
    ok(await t.call('LeaveRouter', { vxnets: [c], router: r2.router_id }))
    assert.deepEqual(Object.fromEntries(await routersWithVxnets(t.store.db, [r2.router_id])), { [r2.router_id]: [c] })
    await t.settle()
    assert.deepEqual(Object.fromEntries(await routersWithVxnets(t.store.db, [r2.router_id])), {})
  })
})

describe('migration 0026', () => {
  it('goes down (the join columns and their index go) and up again (every vxnet joined to no router)', async () => {
    const t2 = await startTestApp()
    try {
      const router = await insertRouter(t2)
      const vx = await createVxnet(t2)
      ok(await t2.call('JoinRouter', { vxnet: vx, router: router.router_id, ip_network: '192.168.9.0/24' }))
      await t2.settle()
      await migration.down(t2.store.db as Kysely<unknown>)
      await assert.rejects(t2.store.db.selectFrom('vxnets').select('router_id').execute())
      await migration.up(t2.store.db as Kysely<unknown>)
      const row = await t2.store.db.selectFrom('vxnets').selectAll().where('vxnet_id', '=', vx).executeTakeFirstOrThrow()
      assert.deepEqual([row.router_id, row.router_transition, row.manager_ip, row.features, row.join_time, row.router_nic_id, row.ip_network], ['', '', '', 0, '', '', '192.168.9.0/24'])
    } finally {
      await t2.close()
    }
  })
})
