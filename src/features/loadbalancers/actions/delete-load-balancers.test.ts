// DeleteLoadBalancers: deleting → deleted (describable by id), the lease ended with the rest of the
// hour refunded, EIPs available again, the address, listeners, backends, certificate bindings and
// tags gone; 2100 for one already deleted (the CCM's "already gone").
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocate, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { createLoadBalancer, describeLoadBalancer, lbJob } from '../../../../test/support/fixtures-loadbalancers.ts'
import { addressesOf, createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { insertListener, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const count = async (table: 'loadbalancer_listeners' | 'loadbalancer_backends' | 'loadbalancer_listener_certificates' | 'loadbalancer_eips', column: string, value: string) =>
  (
    await t.store.db
      .selectFrom(table)
      .selectAll()
      .where(column as never, '=', value as never)
      .execute()
  ).length

describe('DeleteLoadBalancers', () => {
  it('deletes active and stopped load balancers through deleting, answering the job and the load balancers', async () => {
    const a = await createLoadBalancer(t)
    const b = await createLoadBalancer(t)
    await lbJob(t, 'StopLoadBalancers', [b])
    const reply = ok(await t.call('DeleteLoadBalancers', { loadbalancers: [a, b] }))
    assert.deepEqual(reply.loadbalancers, [a, b])
    assert.match(reply.job_id, /^j-/)
    assert.equal((await describeLoadBalancer(t, a, { verbose: 0 })).transition_status, 'deleting')
    await t.settle()
    for (const id of [a, b]) {
      const lb = await describeLoadBalancer(t, id, { verbose: 0 })
      assert.deepEqual([lb.status, lb.transition_status], ['deleted', ''])
    }
  })

  it('ends the lease (rest of the hour refunded), frees the EIPs (still billed), the address, listeners, backends and tags', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const eips = await allocate(t, { count: 2 }, { key })
    const vxnet = await createVxnet(t, {}, { key })
    const id = await createLoadBalancer(t, { eips, vxnet }, { key })
    const lb = await loadBalancerOf(t, id)
    const listener = await insertListener(t, lb)
    await t.store.db.insertInto('loadbalancer_listener_certificates').values({ loadbalancer_listener_id: listener.loadbalancer_listener_id, server_certificate_id: 'sc-kept', position: 0 }).execute()
    await t.store.db
      .insertInto('loadbalancer_backends')
      .values({
        loadbalancer_backend_id: 'lbb-del00001',
        loadbalancer_listener_id: listener.loadbalancer_listener_id,
        loadbalancer_id: id,
        zone_id: 'pek3a',
        owner: user_id,
        loadbalancer_backend_name: '',
        resource_id: '192.168.9.9',
        port: 80,
        weight: 1,
        disabled: 0,
        loadbalancer_policy_id: '',
        create_time: lb.create_time,
      })
      .execute()
    const tag = ok(await t.call('CreateTag', { tag_name: 'k8s' }, { key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'loadbalancer', resource_id: id }] }, { key }))
    const before = await balance(t, user_id)
    t.clock.advance(15 * 60_000)

    ok(await t.call('DeleteLoadBalancers', { loadbalancers: [id] }, { key }))
    // EIPs are free in the request
    for (const e of eips) assert.equal((await eipRow(t, e)).status, 'available')
    assert.deepEqual(await addressesOf(t, vxnet), [lb.private_ip], 'the address is held until the job settles')
    await t.settle()
    // 5k at 0.06 an hour: the unused three quarters (0.045) come back
    assert.equal(await balance(t, user_id), before + 450)
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => l.status),
      ['ended'],
    )
    for (const e of eips) assert.equal((await leasesOf(t, e))[0]!.status, 'active')
    assert.deepEqual(await addressesOf(t, vxnet), [])
    assert.deepEqual(
      [
        await count('loadbalancer_listeners', 'loadbalancer_id', id),
        await count('loadbalancer_backends', 'loadbalancer_id', id),
        await count('loadbalancer_listener_certificates', 'loadbalancer_listener_id', listener.loadbalancer_listener_id),
        await count('loadbalancer_eips', 'loadbalancer_id', id),
      ],
      [0, 0, 0, 0],
    )
    const gone = await describeLoadBalancer(t, id, { key })
    assert.deepEqual([gone.tags, gone.eips, gone.cluster, gone.listeners], [[], [], [], []])
    assert.equal(ok(await t.call('DescribeTags', { tags: [tag] }, { key })).tag_set[0].resource_count, 0)
    assert.equal(await ledgerGap(t, user_id), 0)
    // the freed EIPs serve a new load balancer
    await createLoadBalancer(t, { eips }, { key })
  })

  it('answers 2100 for one already deleted or ceased (the CCM’s already gone) and for an unknown id', async () => {
    const id = await createLoadBalancer(t)
    await lbJob(t, 'DeleteLoadBalancers', [id])
    const again = await t.call('DeleteLoadBalancers', { loadbalancers: [id] })
    assert.deepEqual([again.ret_code, again.message], [2100, `ResourceNotFound, loadbalancer [${id}] has already been deleted`])
    // the recycle bin ceases it two hours later
    t.clock.advance(2 * 3_600_000 - 60_000)
    await t.jobs.sweep()
    assert.equal((await loadBalancerOf(t, id)).status, 'deleted')
    t.clock.advance(60_000)
    await t.jobs.sweep()
    assert.equal((await loadBalancerOf(t, id)).status, 'ceased')
    assert.equal((await t.call('DeleteLoadBalancers', { loadbalancers: [id] })).ret_code, 2100)
    const unknown = await t.call('DeleteLoadBalancers', { loadbalancers: ['lb-nothere1'] })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [lb-nothere1] not found'])
  })

  it('answers 1400 while pending or busy and for another user’s, 1100 for none or a repeated id; nothing changes', async () => {
    const pending = ok(await t.call('CreateLoadBalancer', { vxnet: 'vxnet-0' })).loadbalancer_id
    const r1 = await t.call('DeleteLoadBalancers', { loadbalancers: [pending] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, loadbalancer [${pending}] is [creating], please try later`])
    await t.settle()
    await t.store.db.updateTable('loadbalancers').set({ status: 'pending' }).where('loadbalancer_id', '=', pending).execute()
    const r2 = await t.call('DeleteLoadBalancers', { loadbalancers: [pending] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, loadbalancer [${pending}] is pending, can not be deleted before it is active`])
    await t.store.db.updateTable('loadbalancers').set({ status: 'active' }).where('loadbalancer_id', '=', pending).execute()
    const other = await payingUser(t, 10)
    const theirs = await createLoadBalancer(t, {}, { key: other.key })
    const r3 = await t.call('DeleteLoadBalancers', { loadbalancers: [pending, theirs] })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await loadBalancerOf(t, pending)).transition_status, '', 'nothing changed')
    assert.equal((await leasesOf(t, pending))[0]!.status, 'active')
    const r4 = await t.call('DeleteLoadBalancers', {})
    assert.equal(r4.ret_code, 1100)
    assert.match(r4.message, /loadbalancers/)
    const r5 = await t.call('DeleteLoadBalancers', { loadbalancers: [pending, pending] })
    assert.deepEqual([r5.ret_code, r5.message], [1100, `InvalidRequestFormat, parameter loadbalancers lists [${pending}] more than once`])
  })
})
