// A router and the vxnets joined to it (the vxnets feature's JoinRouter/LeaveRouter): DescribeRouters
// verbose=1 lists them with the router's interface in each and filters by `vxnet`, DeleteRouters
// refuses a router with vxnets joined (5400) and drops a deleted router's statics, and
// ModifyRouterAttributes features=1 sets a joined vxnet's DHCP range.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createRouter, describeRouter, routerJob } from '../../../../test/support/fixtures-routers.ts'
import { entriesOf, staticsOf } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { router: 100 })
})
after(() => t.close())

const MAC = /^52:54(:[0-9a-f]{2}){4}$/

async function managedVxnet(name: string): Promise<string> {
  return ok(await t.call('CreateVxnets', { vxnet_type: 1, vxnet_name: name })).vxnets[0] as string
}
async function join(router: string, vxnet: string, ip_network: string, extra: Record<string, unknown> = {}) {
  ok(await t.call('JoinRouter', { router, vxnet, ip_network, features: 1, ...extra }))
  await t.settle()
}
async function leave(router: string, vxnets: string[]) {
  ok(await t.call('LeaveRouter', { router, vxnets }))
  await t.settle()
}

describe('a router and its vxnets', () => {
  it('DescribeRouters verbose=1 lists the joined vxnets with a MAC nic_id, none without verbose; `vxnet` finds the router', async () => {
    const router = await createRouter(t, { router_name: 'vpc-a' })
    const other = await createRouter(t, { router_name: 'vpc-b' })
    const [a, b] = [await managedVxnet('a'), await managedVxnet('b')]
    await join(router, a, '192.168.10.0/24')
    await join(router, b, '192.168.11.0/24')
    const verbose = await describeRouter(t, router, { verbose: 1 })
    assert.deepEqual(
      verbose.vxnets.map((v: { vxnet_id: string }) => v.vxnet_id),
      [a, b],
    )
    for (const v of verbose.vxnets) assert.match(v.nic_id, MAC)
    assert.equal((await describeRouter(t, router, { verbose: 0 })).vxnets, undefined)
    assert.deepEqual((await describeRouter(t, other, { verbose: 1 })).vxnets, [])

    const byVxnet = ok(await t.call('DescribeRouters', { vxnet: b }))
    assert.deepEqual([byVxnet.total_count, byVxnet.router_set.map((r: { router_id: string }) => r.router_id)], [1, [router]])
    assert.equal(ok(await t.call('DescribeRouters', { vxnet: b, routers: [other] })).total_count, 0)
    const loose = await managedVxnet('loose')
    assert.equal(ok(await t.call('DescribeRouters', { vxnet: loose })).total_count, 0)
    await leave(router, [a, b])
    assert.deepEqual((await describeRouter(t, router, { verbose: 1 })).vxnets, [])
  })

  it('DeleteRouters answers 5400 while a vxnet is joined, and deletes once it has left (its statics and their entries go)', async () => {
    const router = await createRouter(t)
    const vx = await managedVxnet('in the vpc')
    await join(router, vx, '192.168.20.0/24')
    const statics = ok(
      await t.call('AddRouterStatics', {
        router,
        statics: [
          { static_type: 1, val1: '80', val2: '192.168.20.5', val3: '80' },
          { static_type: 2, val1: 'pptp' },
        ],
      }),
    ).router_statics as string[]
    ok(await t.call('AddRouterStaticEntries', { router_static: statics[1], entries: [{ val1: 'alice', val2: 'secret-1' }] }))

    const refused = await t.call('DeleteRouters', { routers: [router] })
    assert.deepEqual([refused.ret_code, refused.message], [5400, `ResourceDependence, router [${router}] still has vxnet [${vx}], it must leave the router first (LeaveRouter)`])
    assert.equal((await describeRouter(t, router)).status, 'active')

    await leave(router, [vx])
    await routerJob(t, 'DeleteRouters', [router])
    assert.equal((await describeRouter(t, router)).status, 'deleted')
    assert.deepEqual(await staticsOf(t, router), [])
    assert.deepEqual(await entriesOf(t, statics[1]!), [])
    ok(await t.call('DeleteVxnets', { vxnets: [vx] }))
  })

  it('ModifyRouterAttributes features=1 sets the DHCP range of a joined vxnet (is_applied 0), checked against its network', async () => {
    const router = await createRouter(t)
    const vx = await managedVxnet('dhcp')
    await join(router, vx, '192.168.30.0/24')
    ok(await t.call('ModifyRouterAttributes', { router, features: 1, vxnet: vx, dyn_ip_start: '192.168.30.100', dyn_ip_end: '192.168.30.150' }))
    const [entry] = ok(await t.call('DescribeRouterVxnets', { router, vxnet: vx })).router_vxnet_set
    assert.deepEqual([entry.manager_ip, entry.dyn_ip_start, entry.dyn_ip_end], ['192.168.30.1', '192.168.30.100', '192.168.30.150'])
    assert.equal((await describeRouter(t, router)).is_applied, 0)

    // new members get addresses from the new range
    const instance = await describeOne(t, await launchOne(t, 'running', { vxnets: [vx] }))
    assert.equal(instance.vxnets.find((v: { vxnet_id: string }) => v.vxnet_id === vx).private_ip, '192.168.30.100')

    const refuse = async (params: Record<string, unknown>, code: number, message: string) => {
      const reply = await t.call('ModifyRouterAttributes', { router, features: 1, vxnet: vx, ...params })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    await refuse({ dyn_ip_start: '192.168.31.2', dyn_ip_end: '192.168.30.9' }, 1100, 'InvalidRequestFormat, parameter dyn_ip_start value [192.168.31.2] is not a host address of ip_network [192.168.30.0/24] (192.168.30.1 to 192.168.30.254)')
    await refuse({ dyn_ip_start: '192.168.30.9', dyn_ip_end: '192.168.30.2' }, 1100, 'InvalidRequestFormat, parameter dyn_ip_start [192.168.30.9] is after dyn_ip_end [192.168.30.2]')
    await refuse({ dyn_ip_start: '192.168.30.1', dyn_ip_end: '192.168.30.9' }, 1100, "InvalidRequestFormat, parameter manager_ip [192.168.30.1] is inside the DHCP range 192.168.30.1 to 192.168.30.9, the router's address must be outside it")
  })
})
