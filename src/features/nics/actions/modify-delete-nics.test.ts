// ModifyNicAttributes (name; address only while detached: 1100 outside the network, 2110 taken,
// 1400 attached) and DeleteNics (detached only: 1400; tags and address go with the NIC).
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

const expectError = async (action: string, params: Record<string, unknown>, code: number, message: string) => {
  const reply = await t.call(action, params)
  assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
}

describe('ModifyNicAttributes', () => {
  it('renames a NIC (an empty name changes nothing) and moves a detached NIC to a free address', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const nic = await createNic(t, vx)
    const reply = await t.call('ModifyNicAttributes', { nic, nic_name: 'eth1' })
    assert.deepEqual(reply, { action: 'ModifyNicAttributesResponse', ret_code: 0 })
    ok(await t.call('ModifyNicAttributes', { nic, nic_name: '' }))
    assert.equal((await describeNic(t, nic)).nic_name, 'eth1')
    ok(await t.call('ModifyNicAttributes', { nic, private_ip: `${p}100`, nic_name: 'moved' }))
    const row = await describeNic(t, nic)
    assert.deepEqual([row.private_ip, row.nic_name], [`${p}100`, 'moved'])
    // its old address is free again; the same address again is fine
    assert.equal((await createNics(t, { vxnet: vx }))[0]!.private_ip, `${p}2`)
    ok(await t.call('ModifyNicAttributes', { nic, private_ip: `${p}100` }))
    // an attached NIC keeps its address but may be renamed
    await attachNics(t, [nic], await launchOne(t))
    ok(await t.call('ModifyNicAttributes', { nic, nic_name: 'attached' }))
    await expectError('ModifyNicAttributes', { nic, private_ip: `${p}101` }, 1400, `PermissionDenied, nic [${nic}] is [in-use], its address can only change while it is not attached`)
    assert.deepEqual([(await describeNic(t, nic)).private_ip, (await describeNic(t, nic)).nic_name], [`${p}100`, 'attached'])
  })

  it('answers 2110 for a taken address, 1100 for one outside the network or not an address', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const [a, b] = await createNics(t, { vxnet: vx, count: 2 })
    await expectError('ModifyNicAttributes', { nic: a!.nic_id, private_ip: b!.private_ip }, 2110, `ResourceAlreadyExisted, address [${b!.private_ip}] is already used in vxnet [${vx}]`)
    await expectError('ModifyNicAttributes', { nic: a!.nic_id, private_ip: '10.1.1.1' }, 1100, `InvalidRequestFormat, address [10.1.1.1] is not in vxnet [${vx}], whose addresses are ${p}2 to ${p}254 (${p}0/24)`)
    await expectError('ModifyNicAttributes', { nic: a!.nic_id, private_ip: 'ten' }, 1100, 'InvalidRequestFormat, parameter private_ip value [ten] is not an IPv4 address')
    await expectError('ModifyNicAttributes', {}, 1100, 'InvalidRequestFormat, missing parameter nic')
    const self = await createNic(t, await createVxnet(t, { vxnet_type: 0 }))
    const refused = await t.call('ModifyNicAttributes', { nic: self, private_ip: '192.168.0.9' })
    assert.equal(refused.ret_code, 1100)
    assert.match(refused.message, /is self-managed and hands out no addresses/)
    assert.equal((await describeNic(t, a!.nic_id)).private_ip, a!.private_ip)
  })

  it('refuses unknown (2100), other users’ (1400) and busy (1400) NICs', async () => {
    const stranger = await payingUser(t, 0)
    const theirs = await createNic(t, await createVxnet(t, {}, { key: stranger.key }), { key: stranger.key })
    await expectError('ModifyNicAttributes', { nic: theirs, nic_name: 'x' }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    await expectError('ModifyNicAttributes', { nic: theirs, private_ip: '192.168.0.9' }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    await expectError('ModifyNicAttributes', { nic: '52:54:00:00:00:97', nic_name: 'x' }, 2100, 'ResourceNotFound, resource [52:54:00:00:00:97] not found')
    const nic = await createNic(t, await createVxnet(t))
    ok(await t.call('AttachNics', { nics: [nic], instance: await launchOne(t) }))
    await expectError('ModifyNicAttributes', { nic, nic_name: 'x' }, 1400, `PermissionDenied, nic [${nic}] is [attaching], please try later`)
    await t.settle()
    assert.equal((await describeNic(t, theirs, { key: stranger.key })).nic_name, '')
  })
})

describe('DeleteNics', () => {
  it('deletes detached NICs for good, with their tags, freeing their addresses', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const [a, b] = await createNics(t, { vxnet: vx, count: 2 })
    const tag = ok(await t.call('CreateTag', { tag_name: 'gone' })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'nic', resource_id: a!.nic_id }] }))
    const reply = await t.call('DeleteNics', { nics: [a!.nic_id, b!.nic_id] })
    assert.deepEqual(reply, { action: 'DeleteNicsResponse', ret_code: 0 })
    assert.equal((await t.call('DescribeNics', { nics: [a!.nic_id, b!.nic_id] })).total_count, 0)
    assert.deepEqual(await t.store.db.selectFrom('resource_tags').selectAll().where('resource_id', '=', a!.nic_id).execute(), [])
    assert.equal((await createNics(t, { vxnet: vx }))[0]!.private_ip, `${p}2`)
  })

  it('refuses attached NICs (1400) and deletes nothing; after DetachNics they go', async () => {
    const vx = await createVxnet(t)
    const free = await createNic(t, vx)
    const used = await createNic(t, await createVxnet(t))
    const id = await launchOne(t)
    await attachNics(t, [used], id)
    await expectError('DeleteNics', { nics: [free, used] }, 1400, `PermissionDenied, nic [${used}] is attached to instance [${id}], can not be deleted: detach it first`)
    assert.equal((await describeNic(t, free)).status, 'available')
    ok(await t.call('DetachNics', { nics: [used] }))
    await expectError('DeleteNics', { nics: [used] }, 1400, `PermissionDenied, nic [${used}] is [detaching], please try later`)
    await t.settle()
    ok(await t.call('DeleteNics', { nics: [free, used] }))
    // an instance's primary NIC is attached too
    const primary = (await t.call('DescribeInstances', { instances: [id] })).instance_set[0].vxnets[0].nic_id
    await expectError('DeleteNics', { nics: [primary] }, 1400, `PermissionDenied, nic [${primary}] is attached to instance [${id}], can not be deleted: detach it first`)
  })

  it('refuses unknown (2100) and other users’ (1400) NICs, and bad lists (1100)', async () => {
    const stranger = await payingUser(t, 0)
    const theirs = await createNic(t, await createVxnet(t, {}, { key: stranger.key }), { key: stranger.key })
    const mine = await createNic(t, await createVxnet(t))
    await expectError('DeleteNics', { nics: [mine, theirs] }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`)
    await expectError('DeleteNics', { nics: [mine, '52:54:00:00:00:96'] }, 2100, 'ResourceNotFound, resource [52:54:00:00:00:96] not found')
    await expectError('DeleteNics', { nics: [mine, mine] }, 1100, `InvalidRequestFormat, parameter nics lists [${mine}] more than once`)
    await expectError('DeleteNics', {}, 1100, 'InvalidRequestFormat, missing parameter nics')
    assert.equal((await describeNic(t, mine)).status, 'available')
  })

  it('a vxnet with a NIC left can not be deleted (5400) until the NIC is', async () => {
    const vx = await createVxnet(t)
    const nic = await createNic(t, vx)
    await expectError('DeleteVxnets', { vxnets: [vx] }, 5400, `ResourceDependence, vxnet [${vx}] still has NIC [${nic}], delete it first`)
    ok(await t.call('DeleteNics', { nics: [nic] }))
    ok(await t.call('DeleteVxnets', { vxnets: [vx] }))
  })
})
