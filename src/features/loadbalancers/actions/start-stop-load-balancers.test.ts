// StartLoadBalancers / StopLoadBalancers: stopping → stopped with the lease ended (rest of the hour
// refunded), starting → active with a new lease at the type's price today and its first hour
// charged (2400 when it cannot be paid); a failed start refunds that lease.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, billHourly, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createLoadBalancer, describeLoadBalancer, lbJob } from '../../../../test/support/fixtures-loadbalancers.ts'
import { loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('StopLoadBalancers and StartLoadBalancers', () => {
  it('stops through stopping and starts through starting, the address and EIPs kept', async () => {
    const id = await createLoadBalancer(t)
    const ip = (await loadBalancerOf(t, id)).private_ip
    const stop = ok(await t.call('StopLoadBalancers', { loadbalancers: [id] }))
    assert.match(stop.job_id, /^j-/)
    assert.deepEqual([(await describeLoadBalancer(t, id)).status, (await describeLoadBalancer(t, id)).transition_status], ['active', 'stopping'])
    await t.settle()
    assert.deepEqual([(await describeLoadBalancer(t, id)).status, (await describeLoadBalancer(t, id)).transition_status], ['stopped', ''])
    ok(await t.call('StartLoadBalancers', { loadbalancers: [id] }))
    assert.deepEqual([(await describeLoadBalancer(t, id)).status, (await describeLoadBalancer(t, id)).transition_status], ['stopped', 'starting'])
    await t.settle()
    const lb = await describeLoadBalancer(t, id)
    assert.deepEqual([lb.status, lb.transition_status, lb.private_ips], ['active', '', [ip]])
  })

  it('bills nothing while stopped: the lease ends on stop and a new one opens on start at the type’s price', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const id = await createLoadBalancer(t, { loadbalancer_type: 1 }, { key })
    t.clock.advance(30 * 60_000)
    await lbJob(t, 'StopLoadBalancers', [id], { key })
    // 20k at 0.12 an hour: half of it comes back
    assert.equal(await balance(t, user_id), 100_000 - 1200 + 600)
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => l.status),
      ['ended'],
    )
    await billHourly(t, 3)
    assert.equal(await balance(t, user_id), 100_000 - 600, 'nothing charged while stopped')
    await lbJob(t, 'StartLoadBalancers', [id], { key })
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => [l.status, l.hourly_price]),
      [
        ['ended', 1200],
        ['active', 1200],
      ],
    )
    assert.equal(await balance(t, user_id), 100_000 - 600 - 1200)
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('answers 2400 when the first hour after a start cannot be paid, and the load balancer stays stopped', async () => {
    const { user_id, key } = await payingUser(t, 0.1)
    const id = await createLoadBalancer(t, {}, { key })
    await lbJob(t, 'StopLoadBalancers', [id], { key })
    await t.store.db.updateTable('wallets').set({ balance: 100 }).where('user_id', '=', user_id).execute()
    const reply = await t.call('StartLoadBalancers', { loadbalancers: [id] }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, /)
    assert.deepEqual([(await loadBalancerOf(t, id)).status, (await loadBalancerOf(t, id)).transition_status], ['stopped', ''])
  })

  it('refunds the new lease and leaves it stopped when the starting job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const id = await createLoadBalancer(t, {}, { key })
    await lbJob(t, 'StopLoadBalancers', [id], { key })
    const before = await balance(t, user_id)
    ok(await t.admin_call('ArmJobFault', { job_action: 'StartLoadBalancers' }))
    ok(await t.call('StartLoadBalancers', { loadbalancers: [id] }, { key }))
    await t.settle()
    assert.deepEqual([(await loadBalancerOf(t, id)).status, (await loadBalancerOf(t, id)).transition_status], ['stopped', ''])
    assert.equal(await balance(t, user_id), before)
    assert.ok((await leasesOf(t, id)).every((l) => l.status === 'ended'))
  })

  it('answers 1400 for the wrong state, a busy or deleted one and another user’s, 2100 for an unknown one', async () => {
    const id = await createLoadBalancer(t)
    const r1 = await t.call('StartLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, loadbalancer [${id}] is [active], can not be started`])
    ok(await t.call('StopLoadBalancers', { loadbalancers: [id] }))
    const r2 = await t.call('StopLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, loadbalancer [${id}] is [stopping], please try later`])
    await t.settle()
    const r3 = await t.call('StopLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, loadbalancer [${id}] is [stopped], can not be stopped`])
    await lbJob(t, 'DeleteLoadBalancers', [id])
    const r4 = await t.call('StartLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([r4.ret_code, r4.message], [1400, `PermissionDenied, loadbalancer [${id}] has already been deleted, can not be started`])
    const other = await payingUser(t, 10)
    const theirs = await createLoadBalancer(t, {}, { key: other.key })
    const r5 = await t.call('StopLoadBalancers', { loadbalancers: [theirs] })
    assert.deepEqual([r5.ret_code, r5.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    for (const action of ['StartLoadBalancers', 'StopLoadBalancers']) {
      const reply = await t.call(action, { loadbalancers: ['lb-nothere1'] })
      assert.deepEqual([reply.ret_code, reply.message], [2100, 'ResourceNotFound, resource [lb-nothere1] not found'])
    }
  })
})
