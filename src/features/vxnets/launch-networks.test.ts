// RunInstances' vxnets.N, the release of addresses when instances go, and parallel requests that
// must never share an address.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { payingUser } from '../../../test/support/fixtures-billing.ts'
import { insertInstance } from '../../../test/support/fixtures.ts'
import { describeOne, LINUX } from '../../../test/support/fixtures-instances.ts'
import { addressesOf, createVxnet, nicsOf, prefixOf } from '../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

const run = (params: Record<string, unknown>) => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', ...params })

describe('RunInstances vxnets.N', () => {
  it('without vxnets.N joins vxnet-0; the address is in DescribeInstances as soon as RunInstances returns', async () => {
    const reply = await run({})
    assert.equal(reply.ret_code, 0, reply.message)
    const shown = await describeOne(t, reply.instances[0])
    assert.equal(shown.status, 'pending')
    assert.deepEqual([shown.vxnets.length, shown.vxnets[0].vxnet_id, shown.vxnets[0].vxnet_name], [1, 'vxnet-0', 'base network'])
    assert.match(shown.vxnets[0].private_ip, /^10\.140\.\d+\.\d+$/)
    await t.settle()
  })

  it('puts each instance in the networks named, a managed one and self-managed ones, lowest addresses first', async () => {
    const vx = await createVxnet(t)
    const self = await createVxnet(t, { vxnet_type: 0 })
    const p = await prefixOf(t, vx)
    const reply = await run({ count: 2, vxnets: [vx, self] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(await nicsOf(t, reply.instances[0]), [`${vx} ${p}2`, self].sort())
    assert.deepEqual(await nicsOf(t, reply.instances[1]), [`${vx} ${p}3`, self].sort())
    const fixed = await run({ vxnets: [`${vx}|${p}200`] })
    assert.deepEqual(await nicsOf(t, fixed.instances[0]), [`${vx} ${p}200`])
    await t.settle()
  })

  it('applies JoinVxnet’s rules: 2100, 1400, 2110, 1100, one managed network, a fixed address only with count 1; nothing is created', async () => {
    const other = await payingUser(t, 0)
    const [vx, vx2] = [await createVxnet(t), await createVxnet(t)]
    const p = await prefixOf(t, vx)
    const theirs = await createVxnet(t, {}, { key: other.key })
    ok(await run({ vxnets: [`${vx}|${p}7`] }))
    const before = Number(
      (
        await t.store.db
          .selectFrom('instances')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ vxnets: ['vxnet-nothere'] }, 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [{ vxnets: [theirs] }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
      [{ vxnets: [`${vx}|${p}7`] }, 2110, `ResourceAlreadyExisted, address [${p}7] is already used in vxnet [${vx}]`],
      [{ vxnets: [`${vx}|10.0.0.1`] }, 1100, `InvalidRequestFormat, address [10.0.0.1] is not in vxnet [${vx}], whose addresses are ${p}2 to ${p}254 (${p}0/24)`],
      [{ vxnets: [`${vx}|${p}8`], count: 2 }, 1100, 'InvalidRequestFormat, parameter vxnets can only name a fixed address with count 1'],
      [{ vxnets: [vx, vx2] }, 1400, `PermissionDenied, vxnets [${vx}] and [${vx2}] are both managed, an instance can be in one managed vxnet only`],
      [{ vxnets: ['vxnet-0', vx] }, 1400, `PermissionDenied, vxnets [vxnet-0] and [${vx}] are both managed, an instance can be in one managed vxnet only`],
      [{ vxnets: [vx, `${vx}|${p}9`] }, 1100, `InvalidRequestFormat, parameter vxnets lists [${vx}] more than once`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await run(params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    const after = Number(
      (
        await t.store.db
          .selectFrom('instances')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    assert.equal(after, before)
    await t.settle()
  })

  it('a terminated instance releases its addresses when the job settles; a failed launch too', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const reply = await run({ vxnets: [vx] })
    await t.settle()
    assert.deepEqual(await addressesOf(t, vx), [`${p}2`])
    ok(await t.call('TerminateInstances', { instances: reply.instances }))
    assert.deepEqual(await addressesOf(t, vx), [`${p}2`])
    await t.settle()
    assert.deepEqual(await addressesOf(t, vx), [])
    assert.deepEqual(await nicsOf(t, reply.instances[0]), [])

    ok(await t.admin_call('ArmJobFault', { job_action: 'RunInstances' }))
    const failed = await run({ vxnets: [vx] })
    assert.deepEqual(await addressesOf(t, vx), [`${p}2`])
    await t.settle()
    assert.equal((await describeOne(t, failed.instances[0])).status, 'ceased')
    assert.deepEqual(await addressesOf(t, vx), [])
  })
})

describe('parallel requests', () => {
  it('never hand out one address twice: RunInstances and JoinVxnet in parallel, in a vxnet and in vxnet-0', async () => {
    const vx = await createVxnet(t)
    const members = await Promise.all(Array.from({ length: 4 }, () => insertInstance(t)))
    const replies = await Promise.all([...Array.from({ length: 4 }, () => run({ vxnets: [vx] })), ...members.map((m) => t.call('JoinVxnet', { vxnet: vx, instances: [m.instance_id] })), ...Array.from({ length: 4 }, () => run({}))])
    // every request succeeded, or was refused cleanly as retryable (5100), never 5000
    for (const r of replies) assert.ok(r.ret_code === 0 || r.ret_code === 5100, `${r.ret_code} ${r.message}`)
    assert.ok(replies.filter((r) => r.ret_code === 0).length >= 1)
    await t.settle()
    const inVx = await addressesOf(t, vx)
    assert.equal(new Set(inVx).size, inVx.length)
    assert.equal(inVx.length, replies.slice(0, 8).filter((r) => r.ret_code === 0).length)
    const inBase = await addressesOf(t, 'vxnet-0')
    assert.equal(new Set(inBase).size, inBase.length)
  })

  it('skips an address another interface holds, however it got there', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const intruder = await insertInstance(t)
    const vm = await insertInstance(t)
    await t.store.db
      .insertInto('nics')
      .values({
        nic_id: '52:54:00:00:00:01',
        owner: intruder.owner,
        instance_id: intruder.instance_id,
        vxnet_id: vx,
        zone_id: 'pek3a',
        nic_name: '',
        private_ip: `${p}2`,
        status: 'in-use',
        transition_status: '',
        sequence: 1,
        role: 0,
        standalone: 0,
        status_time: '2026-01-15T08:00:00Z',
        create_time: '2026-01-15T08:00:00Z',
      })
      .execute()
    // a duplicate interface row for the same (instance, vxnet) is refused by the rules before the index: 1400
    const again = await t.call('JoinVxnet', { vxnet: vx, instances: [intruder.instance_id] })
    assert.equal(again.ret_code, 1400)
    // the allocator skips the taken address
    ok(await t.call('JoinVxnet', { vxnet: vx, instances: [vm.instance_id] }))
    assert.deepEqual(await addressesOf(t, vx), [`${p}2`, `${p}3`])
    await t.settle()
  })
})
