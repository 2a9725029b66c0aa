// DescribeNics: the caller's NICs, instances' interfaces included, with the Go SDK's NIC fields and
// types; every filter; tags through AttachTags with resource_type nic; bad filters 1100.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { attachNics, createNic, createNics, describeNic } from '../../../../test/support/fixtures-nics.ts'
import { createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('DescribeNics', () => {
  it('lists instances’ interfaces as in-use NICs (the first primary) and created ones, with the reference’s fields', async () => {
    const user = await payingUser(t, 100)
    const vx = await createVxnet(t, { vxnet_type: 0 }, { key: user.key })
    const reply = await t.call('RunInstances', { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1', vxnets: ['vxnet-0', vx] }, { key: user.key })
    assert.equal(reply.ret_code, 0, reply.message)
    await t.settle()
    const [id] = reply.instances
    t.clock.advance(1000)
    const [extra] = await createNics(t, { vxnet: vx, nic_name: 'spare' }, { key: user.key })
    const all = await t.call('DescribeNics', {}, { key: user.key })
    assert.equal(all.ret_code, 0)
    assert.equal(all.total_count, 3)
    assert.equal(all.nic_set[0].nic_id, extra!.nic_id)
    const instance = (await t.call('DescribeInstances', { instances: [id] }, { key: user.key })).instance_set[0]
    const [primary, second] = instance.vxnets
    assert.deepEqual([primary.vxnet_id, primary.role, second.vxnet_id, second.role], ['vxnet-0', 1, vx, 0])
    const nic = (await describeNic(t, primary.nic_id, { key: user.key })) as Record<string, unknown>
    assert.deepEqual(nic, {
      nic_id: primary.nic_id,
      nic_name: '',
      status: 'in-use',
      transition_status: '',
      instance_id: id,
      vxnet_id: 'vxnet-0',
      private_ip: primary.private_ip,
      security_group: instance.security_group?.security_group_id ?? nic.security_group,
      sequence: 0,
      role: 1,
      eip: { eip_id: '', eip_addr: '', bandwidth: 0 },
      tags: [],
      owner: user.user_id,
      zone_id: 'pek3a',
      create_time: '2026-01-15T08:00:00Z',
      status_time: '2026-01-15T08:00:00Z',
    })
    assert.match(String(nic.security_group), /^sg-/)
    assert.deepEqual([(await describeNic(t, second.nic_id, { key: user.key })).sequence, (await describeNic(t, second.nic_id, { key: user.key })).role], [1, 0])
    // the primary NIC carries the instance's EIP
    const eip = ok(await t.call('AllocateEips', { bandwidth: 2 }, { key: user.key })).eips[0]
    ok(await t.call('AssociateEip', { eip, instance: id }, { key: user.key }))
    await t.settle()
    assert.equal((await describeNic(t, primary.nic_id, { key: user.key })).eip.eip_id, eip)
    assert.equal((await describeNic(t, second.nic_id, { key: user.key })).eip.eip_id, '')
  })

  it('filters by nics, nic_name, status, vxnets, instances, vxnet_type (both spellings), search_word and tags', async () => {
    const user = await payingUser(t, 0)
    const managed = await createVxnet(t, {}, { key: user.key })
    const self = await createVxnet(t, { vxnet_type: 0 }, { key: user.key })
    const a = await createNic(t, managed, { key: user.key })
    const [b] = await createNics(t, { vxnet: self, nic_name: 'bravo' }, { key: user.key })
    const [c] = await createNics(t, { vxnet: 'vxnet-0', nic_name: 'charlie' }, { key: user.key })
    const ids = async (params: Record<string, unknown>) => {
      const reply = await t.call('DescribeNics', params, { key: user.key })
      assert.equal(reply.ret_code, 0, reply.message)
      assert.equal(reply.total_count, reply.nic_set.length)
      return reply.nic_set.map((n: { nic_id: string }) => n.nic_id).sort()
    }
    const sorted = (...xs: string[]) => xs.sort()
    assert.deepEqual(await ids({ nics: [a, b!.nic_id, 'ff:ff:ff:ff:ff:ff'] }), sorted(a, b!.nic_id))
    assert.deepEqual(await ids({ nic_name: 'bravo' }), [b!.nic_id])
    assert.deepEqual(await ids({ nic_name: 'brav' }), [])
    assert.deepEqual(await ids({ search_word: 'harl' }), [c!.nic_id])
    assert.deepEqual(await ids({ search_word: a.slice(0, 11) }), [a])
    assert.deepEqual(await ids({ vxnets: [managed, self] }), sorted(a, b!.nic_id))
    assert.deepEqual(await ids({ vxnet_type: 0 }), [b!.nic_id])
    assert.deepEqual(await ids({ vxnet_type: [1] }), [a])
    assert.deepEqual(await ids({ vxnet_type: [2, 0] }), sorted(b!.nic_id, c!.nic_id))
    assert.deepEqual(await ids({ vxnet_type: 1, vxnets: [self] }), [])
    const id = await launchOne(t)
    assert.deepEqual(await ids({ status: 'available' }), sorted(a, b!.nic_id, c!.nic_id))
    assert.deepEqual(await ids({ status: 'in-use' }), [])
    // the test user's instance is not this user's
    assert.deepEqual(await ids({ instances: [id] }), [])
    const tag = ok(await t.call('CreateTag', { tag_name: 'nic' }, { key: user.key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'nic', resource_id: a }] }, { key: user.key }))
    assert.deepEqual(await ids({ tags: [tag] }), [a])
    assert.deepEqual(
      (await describeNic(t, a, { key: user.key })).tags.map((x: { tag_id: string }) => x.tag_id),
      [tag],
    )
    // GetLeaseInfo finds the NIC by its MAC id: free (2100), another user's 1400
    const lease = await t.call('GetLeaseInfo', { resource: a }, { key: user.key })
    assert.equal(lease.ret_code, 2100, lease.message)
    assert.equal((await t.call('GetLeaseInfo', { resource: a })).ret_code, 1400)
    // paging
    const page = await t.call('DescribeNics', { limit: 2, offset: 1 }, { key: user.key })
    assert.deepEqual([page.total_count, page.nic_set.length], [3, 2])
    // another user sees none of them; asking for another owner gives nothing
    assert.equal((await t.call('DescribeNics', { nics: [a] })).total_count, 0)
    assert.equal((await t.call('DescribeNics', { owner: user.user_id })).total_count, 0)
  })

  it('lists an attached NIC under its instance', async () => {
    const vx = await createVxnet(t)
    const id = await launchOne(t)
    t.clock.advance(1000)
    const nic = await createNic(t, vx)
    await attachNics(t, [nic], id)
    assert.deepEqual(
      (await t.call('DescribeNics', { instances: [id] })).nic_set.map((n: { nic_id: string; role: number }) => [n.nic_id === nic, n.role]),
      [
        [true, 0],
        [false, 1],
      ],
    )
    assert.equal((await t.call('DescribeNics', { instances: [id], status: 'in-use' })).total_count, 2)
    assert.equal(`${await prefixOf(t, vx)}2`, (await describeNic(t, nic)).private_ip)
  })

  it('answers 1100 for an unknown status or vxnet_type', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: 'busy' }, 'InvalidRequestFormat, parameter status value [busy] is not one of available, in-use'],
      [{ vxnet_type: 3 }, 'InvalidRequestFormat, parameter vxnet_type value [3] is not one of 0, 1, 2'],
      [{ vxnet_type: [1, 'x'] }, 'InvalidRequestFormat, parameter vxnet_type value [x] is not one of 0, 1, 2'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('DescribeNics', params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, message])
    }
    const bad = await t.call('DescribeNics', { offset: -1 })
    assert.equal(bad.ret_code, 1100)
    assert.match(bad.message, /offset/)
  })
})
