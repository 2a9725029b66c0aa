// JoinVxnet, LeaveVxnet and DescribeVxnetInstances: instances' interfaces in vxnets.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { addressesOf, createVxnet, nicsOf, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const job = (id: string) => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()

describe('JoinVxnet', () => {
  it('gives each instance the lowest free address at once (joining), settled by the job', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const running = await insertInstance(t)
    const stopped = await insertInstance(t, { status: 'stopped' })
    const reply = await t.call('JoinVxnet', { vxnet: vx, instances: [running.instance_id, stopped.instance_id] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await nicsOf(t, running.instance_id), [`${vx} ${p}2 joining`])
    assert.deepEqual(await nicsOf(t, stopped.instance_id), [`${vx} ${p}3 joining`])
    const shown = await describeOne(t, running.instance_id)
    assert.equal(shown.vxnets[0].private_ip, `${p}2`)
    assert.match(shown.vxnets[0].nic_id, /^52:54:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.deepEqual(await nicsOf(t, running.instance_id), [`${vx} ${p}2`])
    assert.equal((await describeOne(t, stopped.instance_id)).status, 'stopped')
  })

  it('takes a fixed address (id|ip) and the next one skips it; the base network vxnet-0 hands out 10.140.x.x', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const [a, b] = [await insertInstance(t), await insertInstance(t)]
    ok(await t.call('JoinVxnet', { vxnet: `${vx}|${p}2`, instances: [a.instance_id] }))
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [b.instance_id] }))
    assert.deepEqual(await addressesOf(t, vx), [`${p}2`, `${p}3`])
    const c = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: 'vxnet-0', instances: [c.instance_id] }))
    assert.match((await nicsOf(t, c.instance_id))[0]!, /^vxnet-0 10\.140\.\d+\.\d+ joining$/)
    await t.settle()
  })

  it('adds any number of self-managed vxnets (no address), but one managed vxnet per instance, vxnet-0 included (1400)', async () => {
    const [managed, other, selfA, selfB] = [await createVxnet(t), await createVxnet(t), await createVxnet(t, { vxnet_type: 0 }), await createVxnet(t, { vxnet_type: 0 })]
    const p = await prefixOf(t, managed)
    const vm = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: selfA, instances: [vm.instance_id] }))
    ok(await t.call('JoinVxnet', { vxnet: selfB, instances: [vm.instance_id] }))
    ok(await t.call('JoinVxnet', { vxnet: managed, instances: [vm.instance_id] }))
    await t.settle()
    assert.deepEqual(await nicsOf(t, vm.instance_id), [`${managed} ${p}2`, selfA, selfB].sort())
    // two members of one self-managed network both have no address
    const vm2 = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: selfA, instances: [vm2.instance_id] }))
    for (const vxnet of [other, 'vxnet-0']) {
      const reply = await t.call('JoinVxnet', { vxnet, instances: [vm.instance_id] })
      assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${vm.instance_id}] is already in managed vxnet [${managed}], an instance can be in one managed vxnet only: leave it first`])
    }
    const again = await t.call('JoinVxnet', { vxnet: selfA, instances: [vm.instance_id] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, instance [${vm.instance_id}] is already in vxnet [${selfA}], it can not join it again`])
    await t.settle()
  })

  it('refuses taken (2110), outside (1100) and self-managed fixed addresses, and a fixed address for several instances (1100)', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const self = await createVxnet(t, { vxnet_type: 0 })
    const [a, b] = [await insertInstance(t), await insertInstance(t)]
    ok(await t.call('JoinVxnet', { vxnet: `${vx}|${p}9`, instances: [a.instance_id] }))
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ vxnet: `${vx}|${p}9`, instances: [b.instance_id] }, 2110, `ResourceAlreadyExisted, address [${p}9] is already used in vxnet [${vx}]`],
      [{ vxnet: `${vx}|10.0.0.9`, instances: [b.instance_id] }, 1100, `InvalidRequestFormat, address [10.0.0.9] is not in vxnet [${vx}], whose addresses are ${p}2 to ${p}254 (${p}0/24)`],
      [{ vxnet: `${vx}|${p}1`, instances: [b.instance_id] }, 1100, `InvalidRequestFormat, address [${p}1] is not in vxnet [${vx}], whose addresses are ${p}2 to ${p}254 (${p}0/24)`],
      [{ vxnet: 'vxnet-0|192.168.0.5', instances: [b.instance_id] }, 1100, 'InvalidRequestFormat, address [192.168.0.5] is not in vxnet [vxnet-0], whose addresses are 10.140.0.2 to 10.140.255.254 (10.140.0.0/16)'],
      [{ vxnet: `${self}|10.0.0.5`, instances: [b.instance_id] }, 1100, `InvalidRequestFormat, vxnet [${self}] is self-managed and hands out no addresses, [10.0.0.5] can not be asked for`],
      [{ vxnet: `${vx}|${p}300`, instances: [b.instance_id] }, 1100, `InvalidRequestFormat, parameter vxnet names [${p}300], which is not an IPv4 address`],
      [{ vxnet: `${vx}|1|2`, instances: [b.instance_id] }, 1100, `InvalidRequestFormat, parameter vxnet value [${vx}|1|2] is not of the form vxnet-id or vxnet-id|ip`],
      [{ vxnet: `${vx}|${p}20`, instances: [b.instance_id, a.instance_id] }, 1100, 'InvalidRequestFormat, parameter vxnet can only name a fixed address for one instance'],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('JoinVxnet', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.deepEqual(await nicsOf(t, b.instance_id), [])
    await t.settle()
  })

  it('refuses unknown / other users’ vxnets and instances, instances not running or stopped, busy ones, and bad lists', async () => {
    const other = await payingUser(t, 0)
    const vx = await createVxnet(t)
    const theirVx = await createVxnet(t, {}, { key: other.key })
    const vm = await insertInstance(t)
    const theirVm = await insertInstance(t, { owner: other.user_id })
    const pending = await insertInstance(t, { status: 'pending', transition_status: 'creating' })
    const suspended = await insertInstance(t, { status: 'suspended' })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ vxnet: 'vxnet-nothere', instances: [vm.instance_id] }, 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [{ vxnet: theirVx, instances: [vm.instance_id] }, 1400, `PermissionDenied, resource [${theirVx}] does not belong to you`],
      [{ vxnet: vx, instances: ['i-nothere1'] }, 2100, 'ResourceNotFound, resource [i-nothere1] not found'],
      [{ vxnet: vx, instances: [vm.instance_id, theirVm.instance_id] }, 1400, `PermissionDenied, resource [${theirVm.instance_id}] does not belong to you`],
      [{ vxnet: vx, instances: [pending.instance_id] }, 1400, `PermissionDenied, instance [${pending.instance_id}] is [creating], please try later`],
      [{ vxnet: vx, instances: [suspended.instance_id] }, 1400, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not join a vxnet`],
      [{ vxnet: vx, instances: [vm.instance_id, vm.instance_id] }, 1100, `InvalidRequestFormat, parameter instances lists [${vm.instance_id}] more than once`],
      [{ vxnet: vx, instances: [''] }, 1100, 'InvalidRequestFormat, missing parameter instances'],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('JoinVxnet', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.deepEqual(await nicsOf(t, vm.instance_id), [])
  })

  it('a failed job removes the interface and frees the address', async () => {
    const vx = await createVxnet(t)
    const vm = await insertInstance(t)
    await t.settle()
    ok(await t.admin_call('ArmJobFault', { job_action: 'JoinVxnet' }))
    const reply = await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] })
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
    assert.deepEqual(await nicsOf(t, vm.instance_id), [])
  })
})

describe('LeaveVxnet', () => {
  it('marks the interface leaving at once and removes it with the job; the address is free again', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const vm = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] }))
    // still joining: leaving must wait
    const early = await t.call('LeaveVxnet', { vxnet: vx, instances: [vm.instance_id] })
    assert.deepEqual([early.ret_code, early.message], [1400, `PermissionDenied, instance [${vm.instance_id}] is [joining] vxnet [${vx}], please try later`])
    await t.settle()
    const reply = await t.call('LeaveVxnet', { vxnet: vx, instances: [vm.instance_id] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(await nicsOf(t, vm.instance_id), [`${vx} ${p}2 leaving`])
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.deepEqual(await nicsOf(t, vm.instance_id), [])
    assert.deepEqual((await describeOne(t, vm.instance_id)).vxnets, [])
    // the instance may now enter vxnet-0
    ok(await t.call('JoinVxnet', { vxnet: 'vxnet-0', instances: [vm.instance_id] }))
    await t.settle()
  })

  it('a failed job puts the interface back', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const vm = await insertInstance(t)
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] }))
    await t.settle()
    await t.settle()
    ok(await t.admin_call('ArmJobFault', { job_action: 'LeaveVxnet' }))
    const reply = await t.call('LeaveVxnet', { vxnet: vx, instances: [vm.instance_id] })
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
    assert.deepEqual(await nicsOf(t, vm.instance_id), [`${vx} ${p}2`])
  })

  it('refuses instances not in the vxnet, other users’ and unknown ids, and instances not running or stopped', async () => {
    const vx = await createVxnet(t)
    const theirVx = await createVxnet(t, {}, { key: (await payingUser(t, 0)).key })
    const vm = await insertInstance(t)
    const suspended = await insertInstance(t, { status: 'suspended' })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ vxnet: vx, instances: [vm.instance_id] }, 1400, `PermissionDenied, instance [${vm.instance_id}] is not in vxnet [${vx}], can not leave it`],
      [{ vxnet: vx, instances: [suspended.instance_id] }, 1400, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not leave a vxnet`],
      [{ vxnet: 'vxnet-nothere', instances: [vm.instance_id] }, 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [{ vxnet: theirVx, instances: [vm.instance_id] }, 1400, `PermissionDenied, resource [${theirVx}] does not belong to you`],
      [{ vxnet: vx, instances: ['i-nothere1'] }, 2100, 'ResourceNotFound, resource [i-nothere1] not found'],
      [{ vxnet: vx, instances: [''] }, 1100, 'InvalidRequestFormat, missing parameter instances'],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('LeaveVxnet', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
  })
})

describe('DescribeVxnetInstances', () => {
  it('lists the caller’s members with address and interface, filtered and paged; other users’ vxnets answer an empty set', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const a = await launchOne(t, 'running', { vxnets: [vx] })
    const b = await launchOne(t, 'stopped', { vxnets: [vx] })
    const all = await t.call('DescribeVxnetInstances', { vxnet: vx })
    assert.equal(all.total_count, 2)
    const first = all.instance_set[0]
    assert.deepEqual([first.instance_id, first.vxnet_id, first.private_ip, first.status, first.transition_status, first.nic_transition_status, first.instance_type], [a, vx, `${p}2`, 'running', '', '', 'c1m1'])
    assert.match(first.nic_id, /^52:54:/)
    assert.deepEqual(
      (await t.call('DescribeVxnetInstances', { vxnet: vx, status: 'stopped' })).instance_set.map((i: { instance_id: string }) => i.instance_id),
      [b],
    )
    assert.deepEqual((await t.call('DescribeVxnetInstances', { vxnet: vx, instances: [b] })).total_count, 1)
    const paged = await t.call('DescribeVxnetInstances', { vxnet: vx, offset: 1, limit: 1 })
    assert.deepEqual([paged.total_count, paged.instance_set.map((i: { instance_id: string }) => i.instance_id)], [2, [b]])
    const other = await payingUser(t, 0)
    assert.equal((await t.call('DescribeVxnetInstances', { vxnet: vx }, { key: other.key })).total_count, 0)
    assert.equal((await t.call('DescribeVxnetInstances', { vxnet: 'vxnet-nothere' })).total_count, 0)
    // vxnet-0: every user sees their own members only
    const mine = await launchOne(t)
    assert.ok((await t.call('DescribeVxnetInstances', { vxnet: 'vxnet-0', limit: 100 })).instance_set.some((i: { instance_id: string }) => i.instance_id === mine))
    assert.equal((await t.call('DescribeVxnetInstances', { vxnet: 'vxnet-0' }, { key: other.key })).total_count, 0)
    // the documented fields: description, sub_code, dhcp_options (an object), sequence (the interface's place on its instance)
    assert.deepEqual([first.description, first.sub_code, first.dhcp_options, first.sequence], [null, 0, {}, 0])
    const selfManaged = await createVxnet(t, { vxnet_type: 0 })
    ok(await t.call('ModifyInstanceAttributes', { instance: mine, description: 'second nic' }))
    t.clock.advance(60_000)
    ok(await t.call('JoinVxnet', { vxnet: selfManaged, instances: [mine] }))
    await t.settle()
    const [second] = (await t.call('DescribeVxnetInstances', { vxnet: selfManaged })).instance_set
    assert.deepEqual([second.instance_id, second.description, second.sequence], [mine, 'second nic', 1])
    const missing = await t.call('DescribeVxnetInstances', {})
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /missing parameter vxnet/)
    assert.match(missing.message, /vxnet/)
  })
})
