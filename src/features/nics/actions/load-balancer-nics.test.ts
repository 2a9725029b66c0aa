// A load balancer's address in its vxnet is a NIC it holds (LoadBalancerJoinVxnet): the NIC actions
// refuse it with 1400 naming the load balancer, so it only changes through the load balancer.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { lbNics, loadBalancerIn } from '../../../../test/support/lb-network-fixtures.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
  await setQuotas(t, { vxnet: 100 })
})
after(() => t.close())

describe('NIC actions on a load balancer’s NIC', () => {
  it('DetachNics, DeleteNics, AttachNics and ModifyNicAttributes answer 1400 naming the load balancer, and change nothing', async () => {
    const vxnet = await createVxnet(t)
    const { lb, nic, ip } = await loadBalancerIn(t, vxnet)
    const instance = await launchOne(t)
    const refused = `PermissionDenied, nic [${nic}] is held by load balancer [${lb}], it can only change through the load balancer`
    for (const [action, params] of [
      ['DetachNics', { nics: [nic] }],
      ['DeleteNics', { nics: [nic] }],
      ['AttachNics', { nics: [nic], instance }],
      ['ModifyNicAttributes', { nic, nic_name: 'mine now' }],
      ['ModifyNicAttributes', { nic, private_ip: ip.replace(/\d+$/, '200') }],
    ] as const) {
      const reply = await t.call(action, params)
      assert.deepEqual([reply.ret_code, reply.message], [1400, refused], `${action} ${JSON.stringify(params)}`)
    }
    await t.settle()
    assert.deepEqual(await lbNics(t, lb), [`${vxnet} ${ip}`])
    const row = await t.store.db.selectFrom('nics').select(['nic_name', 'status', 'instance_id']).where('nic_id', '=', nic).executeTakeFirstOrThrow()
    assert.deepEqual(row, { nic_name: '', status: 'in-use', instance_id: lb })
    // another user's NIC is still 1400 for ownership first
    const theirVxnet = await createVxnet(t, {}, { key: t.admin })
    const theirs = await loadBalancerIn(t, theirVxnet, { owner: t.admin.user_id }, t.admin)
    const other = await t.call('DeleteNics', { nics: [theirs.nic] })
    assert.deepEqual([other.ret_code, other.message], [1400, `PermissionDenied, resource [${theirs.nic}] does not belong to you`])
    ok(await t.call('DescribeNics', { nics: [nic] }))
  })
})
