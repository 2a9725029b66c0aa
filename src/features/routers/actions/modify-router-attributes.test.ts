// ModifyRouterAttributes: name, description, EIP (bound at once, shown by DescribeEips; UpdateRouters
// needed: is_applied 0), security group, features; terraform's single space clears a field.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { allocateOne, associate, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { createRouter, createRouters, describeRouter, routerJob, routerRow } from '../../../../test/support/fixtures-routers.ts'
import { createGroup } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  // the cases here make more routers than the default quota of 10
  await setQuotas(t, { router: 100 })
})
after(() => t.close())

const eipResource = async (eip: string) => ok(await t.call('DescribeEips', { eips: [eip] })).eip_set[0]

describe('ModifyRouterAttributes', () => {
  it('renames (the lease too), describes, and clears both with a single space as terraform does', async () => {
    const id = await createRouter(t, { router_name: 'old' })
    ok(await t.call('ModifyRouterAttributes', { router: id, router_name: 'new', description: 'the vpc' }))
    let r = await describeRouter(t, id)
    assert.deepEqual([r.router_name, r.description, r.is_applied], ['new', 'the vpc', 1])
    assert.equal((await leasesOf(t, id))[0]!.resource_name, 'new')
    ok(await t.call('ModifyRouterAttributes', { router: id, router_name: ' ', description: ' ' }))
    r = await describeRouter(t, id)
    assert.deepEqual([r.router_name, r.description], ['', null])
    ok(await t.call('ModifyRouterAttributes', { router: id, description: 'again' }))
    ok(await t.call('ModifyRouterAttributes', { router: id, description: '' }))
    assert.equal((await describeRouter(t, id)).description, null)
  })

  it('binds an EIP (associated with the router in DescribeEips, is_applied 0), swaps it, and unbinds with a space', async () => {
    const id = await createRouter(t, { router_name: 'gw' })
    const [a, b] = [await allocateOne(t, { eip_name: 'a' }), await allocateOne(t, { eip_name: 'b' })]
    ok(await t.call('ModifyRouterAttributes', { router: id, eip: a }))
    let r = await describeRouter(t, id)
    assert.deepEqual([r.eip.eip_id, r.eip.eip_name, r.eip.eip_addr, r.is_applied], [a, 'a', (await eipRow(t, a!)).eip_addr, 0])
    const shown = await eipResource(a!)
    assert.deepEqual([shown.status, shown.resource], ['associated', { resource_id: id, resource_name: 'gw', resource_type: 'router' }])

    await routerJob(t, 'UpdateRouters', [id])
    assert.equal((await describeRouter(t, id)).is_applied, 1)
    ok(await t.call('ModifyRouterAttributes', { router: id, eip: b }))
    assert.deepEqual([(await eipRow(t, a!)).status, (await eipRow(t, b!)).status], ['available', 'associated'])
    assert.equal((await describeRouter(t, id)).eip.eip_id, b)

    ok(await t.call('ModifyRouterAttributes', { router: id, eip: ' ' }))
    r = await describeRouter(t, id)
    assert.deepEqual(r.eip, { eip_id: '', eip_name: '', eip_addr: '' })
    assert.deepEqual([(await eipResource(b!)).status, (await eipResource(b!)).resource.resource_id], ['available', ''])
    // the same EIP again changes nothing; eip= unbinds too
    ok(await t.call('ModifyRouterAttributes', { router: id, eip: a }))
    ok(await t.call('ModifyRouterAttributes', { router: id, eip: '' }))
    assert.equal((await eipRow(t, a!)).status, 'available')
  })

  it('binds one EIP to exactly one of several routers asking at once', async () => {
    const routers = await createRouters(t, { count: 4 })
    const eip = await allocateOne(t)
    const replies = await Promise.all(routers.map((router) => t.call('ModifyRouterAttributes', { router, eip })))
    assert.equal(replies.filter((r) => r.ret_code === 0).length, 1)
    for (const r of replies.filter((r) => r.ret_code !== 0)) assert.deepEqual([r.ret_code, r.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])
    const holders = (await Promise.all(routers.map((id) => routerRow(t, id)))).filter((r) => r.eip_id === eip)
    assert.equal(holders.length, 1)
    assert.equal((await eipResource(eip)).resource.resource_id, holders[0]!.router_id)
  })

  it('keeps a router’s EIP out of AssociateEip, DissociateEips and ReleaseEips; an instance’s EIP is not bindable', async () => {
    const id = await createRouter(t)
    const eip = await allocateOne(t)
    ok(await t.call('ModifyRouterAttributes', { router: id, eip }))
    const instance = await launchOne(t)
    const assoc = await t.call('AssociateEip', { eip, instance })
    assert.deepEqual([assoc.ret_code, assoc.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])
    const dissoc = await t.call('DissociateEips', { eips: [eip] })
    assert.deepEqual([dissoc.ret_code, dissoc.message], [1400, `PermissionDenied, eip [${eip}] is bound to router [${id}], unbind it with ModifyRouterAttributes`])
    const release = await t.call('ReleaseEips', { eips: [eip] })
    assert.deepEqual([release.ret_code, release.message], [1400, `PermissionDenied, eip [${eip}] is associated with [${id}], can not be released`])

    const held = await allocateOne(t)
    await associate(t, held, instance)
    const other = await createRouter(t)
    const bind = await t.call('ModifyRouterAttributes', { router: other, eip: held })
    assert.deepEqual([bind.ret_code, bind.message], [1400, `PermissionDenied, eip [${held}] is not available, can not be associated`])
    const taken = await t.call('ModifyRouterAttributes', { router: other, eip })
    assert.deepEqual([taken.ret_code, taken.message], [1400, `PermissionDenied, eip [${eip}] is not available, can not be associated`])
    assert.equal((await routerRow(t, other)).eip_id, '')
  })

  it('moves the router to another of the caller’s security groups, and turns private DNS on (is_applied 0)', async () => {
    const id = await createRouter(t)
    const group = await createGroup(t, 'router sg')
    ok(await t.call('ModifyRouterAttributes', { router: id, security_group: group }))
    let r = await describeRouter(t, id)
    assert.deepEqual([r.security_group_id, r.is_applied], [group, 1])
    ok(await t.call('ModifyRouterAttributes', { router: id, features: 2 }))
    r = await describeRouter(t, id)
    assert.deepEqual([r.features, r.is_applied], [3, 0])
  })

  it('keeps the router’s security group from DeleteSecurityGroups (5400) until the router moves or is deleted', async () => {
    const group = await createGroup(t, 'vpc sg')
    const [a, b] = await createRouters(t, { count: 2, security_group: group })
    const refused = await t.call('DeleteSecurityGroups', { security_groups: [group] })
    assert.deepEqual([refused.ret_code, refused.message], [5400, `ResourceDependence, security group [${group}] is still used by router(s) [${[a, b].sort().join(', ')}], move them to another group (ModifyRouterAttributes) first`])
    ok(await t.call('ModifyRouterAttributes', { router: a, security_group: (await routerRow(t, await createRouter(t))).security_group_id }))
    await routerJob(t, 'DeleteRouters', [b!])
    ok(await t.call('DeleteSecurityGroups', { security_groups: [group] }))
  })

  it('answers 1100 naming the field, 2100 for unknown ids and 1400 for another user’s router, EIP or group', async () => {
    const id = await createRouter(t)
    const other = await payingUser(t, 10)
    const theirRouter = await createRouter(t, {}, { key: other.key })
    const theirEip = await allocateOne(t, {}, { key: other.key })
    const theirGroup = await createGroup(t, 'theirs', { key: other.key })
    const expect = async (params: Record<string, unknown>, code: number, message: string | RegExp) => {
      const reply = await t.call('ModifyRouterAttributes', params)
      assert.equal(reply.ret_code, code, JSON.stringify(params))
      if (typeof message === 'string') assert.equal(reply.message, message)
      else assert.match(reply.message, message)
    }
    await expect({}, 1100, /^InvalidRequestFormat, .*router/)
    await expect({ router: id, features: 3 }, 1100, /features/)
    await expect({ router: id, features: 1 }, 1100, 'InvalidRequestFormat, parameter vxnet is required with features 1 (DHCP)')
    await expect({ router: id, features: 1, vxnet: 'vxnet-abc1234', dyn_ip_start: '192.168.1.2' }, 1100, 'InvalidRequestFormat, parameter dyn_ip_end is required with features 1 (DHCP)')
    await expect({ router: id, features: 1, vxnet: 'vxnet-abc1234', dyn_ip_start: '192.168.1.300', dyn_ip_end: '192.168.1.9' }, 1100, 'InvalidRequestFormat, parameter dyn_ip_start [192.168.1.300] is not an IPv4 address')
    await expect({ router: id, features: 1, vxnet: 'vxnet-abc1234', dyn_ip_start: '192.168.1.2', dyn_ip_end: '192.168.1.9' }, 2100, 'ResourceNotFound, resource [vxnet-abc1234] not found')
    const loose = ok(await t.call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'not in a vpc' })).vxnets[0] as string
    await expect({ router: id, features: 1, vxnet: loose, dyn_ip_start: '192.168.1.2', dyn_ip_end: '192.168.1.9' }, 1400, `PermissionDenied, vxnet [${loose}] is not joined to router [${id}], can not set its DHCP range`)
    await expect({ router: 'rtr-nothere1', router_name: 'x' }, 2100, 'ResourceNotFound, resource [rtr-nothere1] not found')
    await expect({ router: theirRouter, router_name: 'x' }, 1400, `PermissionDenied, resource [${theirRouter}] does not belong to you`)
    await expect({ router: id, eip: 'eip-nothere1' }, 2100, 'ResourceNotFound, resource [eip-nothere1] not found')
    await expect({ router: id, eip: theirEip }, 1400, `PermissionDenied, resource [${theirEip}] does not belong to you`)
    await expect({ router: id, security_group: theirGroup }, 1400, `PermissionDenied, resource [${theirGroup}] does not belong to you`)
    await expect({ router: id, security_group: 'sg-nothere1' }, 2100, 'ResourceNotFound, resource [sg-nothere1] not found')
    // nothing was changed by any of them
    const r = await routerRow(t, id)
    assert.deepEqual([r.eip_id, r.features, r.is_applied], ['', 1, 1])
  })

  it('answers 1400 for a busy or deleted router', async () => {
    const id = await createRouter(t)
    ok(await t.call('PowerOffRouters', { routers: [id] }))
    const busy = await t.call('ModifyRouterAttributes', { router: id, router_name: 'x' })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, router [${id}] is [poweroffing], please try later`])
    await t.settle()
    await routerJob(t, 'DeleteRouters', [id])
    const gone = await t.call('ModifyRouterAttributes', { router: id, description: 'x' })
    assert.deepEqual([gone.ret_code, gone.message], [1400, `PermissionDenied, router [${id}] has already been deleted, can not be modified`])
  })
})
