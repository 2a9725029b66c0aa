// DeleteRouters: deleting → deleted (describable by id), the lease ended and the rest of the hour
// refunded, the EIP available again, tags dropped, ceased two hours later by the recycle bin.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne, eipRow } from '../../../../test/support/fixtures-eips.ts'
import { createRouter, createRouters, describeRouter, routerJob, routerRow } from '../../../../test/support/fixtures-routers.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('DeleteRouters', () => {
  it('deletes active and powered-off routers through deleting, answering the job and the routers', async () => {
    const [a, b] = await createRouters(t, { count: 2 })
    await routerJob(t, 'PowerOffRouters', [b!])
    const reply = ok(await t.call('DeleteRouters', { routers: [a, b] }))
    assert.deepEqual(reply.routers, [a, b])
    assert.match(reply.job_id, /^j-/)
    assert.equal((await describeRouter(t, a!)).transition_status, 'deleting')
    await t.settle()
    for (const id of [a!, b!]) {
      const r = await describeRouter(t, id)
      assert.deepEqual([r.status, r.transition_status], ['deleted', ''])
    }
  })

  it('ends the lease with the rest of the hour refunded, frees the router’s EIP (still billed) and drops its tags', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const id = await createRouter(t, {}, { key })
    const eip = await allocateOne(t, {}, { key })
    ok(await t.call('ModifyRouterAttributes', { router: id, eip }, { key }))
    const tag = ok(await t.call('CreateTag', { tag_name: 'vpc' }, { key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'router', resource_id: id }] }, { key }))
    t.clock.advance(15 * 60_000)
    await routerJob(t, 'DeleteRouters', [id], { key })
    // router 0.05, of which the unused three quarters (0.0375) come back; EIP 0.04 for its first hour
    assert.equal(await balance(t, user_id), 10_000 - 500 + 375 - 400)
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => l.status),
      ['ended'],
    )
    assert.equal((await leasesOf(t, eip))[0]!.status, 'active')
    assert.deepEqual([(await eipRow(t, eip)).status, (await routerRow(t, id)).eip_id], ['available', ''])
    const gone = await describeRouter(t, id, { key })
    assert.deepEqual([gone.tags, gone.eip.eip_id], [[], ''])
    assert.equal(ok(await t.call('DescribeTags', { tags: [tag] }, { key })).tag_set[0].resource_count, 0)
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('keeps a deleted router two hours in the recycle bin, then ceases it', async () => {
    const id = await createRouter(t)
    await routerJob(t, 'DeleteRouters', [id])
    t.clock.advance(2 * 60 * 60 * 1000 - 60_000)
    await t.jobs.sweep()
    assert.equal((await routerRow(t, id)).status, 'deleted')
    t.clock.advance(60_000)
    await t.jobs.sweep()
    assert.equal((await describeRouter(t, id)).status, 'ceased')
  })

  it('answers 1400 for a pending, busy or deleted router, another user’s; 2100 for an unknown one', async () => {
    const pending = ok(await t.call('CreateRouters', {})).routers[0]
    // the job runner has not run: still pending, but idle once the transition is taken off by hand
    await t.store.db.updateTable('routers').set({ transition_status: '' }).where('router_id', '=', pending).execute()
    const r1 = await t.call('DeleteRouters', { routers: [pending] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, router [${pending}] is pending, can not be deleted before it is active`])
    const creating = ok(await t.call('CreateRouters', {})).routers[0]
    const r2 = await t.call('DeleteRouters', { routers: [creating] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, router [${creating}] is [creating], please try later`])
    await t.settle()
    await t.store.db.updateTable('routers').set({ status: 'active' }).where('router_id', '=', pending).execute()
    await routerJob(t, 'DeleteRouters', [pending])
    const r3 = await t.call('DeleteRouters', { routers: [pending] })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, router [${pending}] has already been deleted, can not be deleted`])
    const r4 = await t.call('DeleteRouters', { routers: ['rtr-nothere1'] })
    assert.deepEqual([r4.ret_code, r4.message], [2100, 'ResourceNotFound, resource [rtr-nothere1] not found'])
    const other = await payingUser(t, 10)
    const theirs = await createRouter(t, {}, { key: other.key })
    const r5 = await t.call('DeleteRouters', { routers: [theirs] })
    assert.deepEqual([r5.ret_code, r5.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    assert.equal((await routerRow(t, theirs)).status, 'active')
  })
})
