// UpdateLoadBalancers (pending changes applied: is_applied back to 1) and ResizeLoadBalancers (the
// type changed and the lease repriced at once), both `updating` until their job settles, on active
// or stopped load balancers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, billHourly, chargesOf, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createLoadBalancer, describeLoadBalancer, lbJob } from '../../../../test/support/fixtures-loadbalancers.ts'
import { insertListener, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('UpdateLoadBalancers', () => {
  it('is updating until the job sets is_applied 1, on active and stopped load balancers; an applied one may be updated again', async () => {
    const a = await createLoadBalancer(t)
    const b = await createLoadBalancer(t)
    await lbJob(t, 'StopLoadBalancers', [b])
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: a, node_count: 3 }))
    ok(await t.call('ModifyLoadBalancerAttributes', { loadbalancer: b, http_header_size: 30 }))
    assert.deepEqual([(await describeLoadBalancer(t, a)).is_applied, (await describeLoadBalancer(t, b)).is_applied], [0, 0])
    const reply = ok(await t.call('UpdateLoadBalancers', { loadbalancers: [a, b], target_user: t.user.user_id }))
    assert.match(reply.job_id, /^j-/)
    const busy = await describeLoadBalancer(t, a, { verbose: 0 })
    assert.deepEqual([busy.status, busy.transition_status, busy.is_applied], ['active', 'updating', 0])
    await t.settle()
    for (const [id, status] of [
      [a, 'active'],
      [b, 'stopped'],
    ] as const) {
      const lb = await describeLoadBalancer(t, id, { verbose: 0 })
      assert.deepEqual([lb.status, lb.transition_status, lb.is_applied], [status, '', 1])
    }
    await lbJob(t, 'UpdateLoadBalancers', [a])
  })

  it('answers 2100 for an id that is not a load balancer (a listener’s lbl-…), 1400 for busy, deleted, suspended or another user’s, 1100 for none', async () => {
    const id = await createLoadBalancer(t)
    const listener = await insertListener(t, await loadBalancerOf(t, id))
    const r1 = await t.call('UpdateLoadBalancers', { loadbalancers: [listener.loadbalancer_listener_id] })
    assert.deepEqual([r1.ret_code, r1.message], [2100, `ResourceNotFound, resource [${listener.loadbalancer_listener_id}] not found`])
    const pending = ok(await t.call('CreateLoadBalancer', { vxnet: 'vxnet-0' })).loadbalancer_id
    const r2 = await t.call('UpdateLoadBalancers', { loadbalancers: [id, pending] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, loadbalancer [${pending}] is [creating], please try later`])
    assert.equal((await loadBalancerOf(t, id)).transition_status, '', 'nothing changed')
    await t.settle()
    await t.store.db.updateTable('loadbalancers').set({ status: 'suspended' }).where('loadbalancer_id', '=', pending).execute()
    const r3 = await t.call('UpdateLoadBalancers', { loadbalancers: [pending] })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, loadbalancer [${pending}] is [suspended], can not be updated`])
    await lbJob(t, 'DeleteLoadBalancers', [id])
    const r4 = await t.call('UpdateLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([r4.ret_code, r4.message], [1400, `PermissionDenied, loadbalancer [${id}] has already been deleted, can not be updated`])
    const other = await payingUser(t, 10)
    const theirs = await createLoadBalancer(t, {}, { key: other.key })
    const r5 = await t.call('UpdateLoadBalancers', { loadbalancers: [theirs] })
    assert.deepEqual([r5.ret_code, r5.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r6 = await t.call('UpdateLoadBalancers', { loadbalancers: [theirs], target_user: other.user_id })
    assert.equal(r6.ret_code, 1400)
    const r7 = await t.call('UpdateLoadBalancers', {})
    assert.equal(r7.ret_code, 1100)
    assert.match(r7.message, /loadbalancers/)
  })
})

describe('ResizeLoadBalancers', () => {
  it('changes the type of an active load balancer at once, repricing its lease (old hour settled, new hour charged), updating until the job settles', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const id = await createLoadBalancer(t, {}, { key })
    t.clock.advance(30 * 60_000)
    const reply = ok(await t.call('ResizeLoadBalancers', { loadbalancers: [id], loadbalancer_type: 3 }, { key }))
    assert.match(reply.job_id, /^j-/)
    const busy = await describeLoadBalancer(t, id, { key, verbose: 0 })
    assert.deepEqual([busy.loadbalancer_type, busy.status, busy.transition_status], [3, 'active', 'updating'])
    await t.settle()
    const lb = await describeLoadBalancer(t, id, { key, verbose: 0 })
    assert.deepEqual([lb.loadbalancer_type, lb.transition_status], [3, ''])
    const [lease] = await leasesOf(t, id)
    assert.deepEqual([lease!.hourly_price, lease!.status], [6000, 'active'])
    // 5k 0.06: half the hour back; 100k 0.60 for the first hour at the new size
    assert.equal(await balance(t, user_id), 100_000 - 600 + 300 - 6000)
    await billHourly(t, 1)
    assert.equal((await chargesOf(t, id)).at(-1)![1], 6000)
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('resizes a stopped load balancer without charging; it starts at the new price', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const id = await createLoadBalancer(t, {}, { key })
    await lbJob(t, 'StopLoadBalancers', [id], { key })
    const before = await balance(t, user_id)
    await lbJob(t, 'ResizeLoadBalancers', [id], { key, params: { loadbalancer_type: 2 } })
    assert.equal(await balance(t, user_id), before)
    assert.deepEqual([(await loadBalancerOf(t, id)).loadbalancer_type, (await loadBalancerOf(t, id)).status], [2, 'stopped'])
    await lbJob(t, 'StartLoadBalancers', [id], { key })
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => [l.status, l.hourly_price]),
      [
        ['ended', 600],
        ['active', 2400],
      ],
    )
  })

  it('answers 2400 when the new hour cannot be paid (nothing changes), 1100 for a bad or missing type, 1400/2100 as the others', async () => {
    const { user_id, key } = await payingUser(t, 0.1)
    const id = await createLoadBalancer(t, {}, { key })
    const r1 = await t.call('ResizeLoadBalancers', { loadbalancers: [id], loadbalancer_type: 5 }, { key })
    assert.equal(r1.ret_code, 2400)
    assert.match(r1.message, /^InsufficientBalance, /)
    assert.deepEqual([(await loadBalancerOf(t, id)).loadbalancer_type, (await loadBalancerOf(t, id)).transition_status, (await leasesOf(t, id))[0]!.hourly_price], [0, '', 600])
    assert.equal(await balance(t, user_id), 1000 - 600)
    for (const params of [{ loadbalancers: [id] }, { loadbalancers: [id], loadbalancer_type: 6 }, { loadbalancers: [id], loadbalancer_type: -1 }]) {
      const reply = await t.call('ResizeLoadBalancers', params, { key })
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, /loadbalancer_type/)
    }
    ok(await t.call('UpdateLoadBalancers', { loadbalancers: [id] }, { key }))
    const busy = await t.call('ResizeLoadBalancers', { loadbalancers: [id], loadbalancer_type: 0 }, { key })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, loadbalancer [${id}] is [updating], please try later`])
    const unknown = await t.call('ResizeLoadBalancers', { loadbalancers: ['lb-nothere1'], loadbalancer_type: 1 }, { key })
    assert.equal(unknown.ret_code, 2100)
    const mine = await createLoadBalancer(t)
    const foreign = await t.call('ResizeLoadBalancers', { loadbalancers: [mine], loadbalancer_type: 1 }, { key })
    assert.deepEqual([foreign.ret_code, foreign.message], [1400, `PermissionDenied, resource [${mine}] does not belong to you`])
  })
})
