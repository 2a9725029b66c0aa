// UpdateRouters: applies pending changes of active routers (is_applied back to 1) in a job.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createRouter, describeRouter, routerJob } from '../../../../test/support/fixtures-routers.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('UpdateRouters', () => {
  it('is active + updating until the job sets is_applied to 1', async () => {
    const id = await createRouter(t)
    ok(await t.call('ModifyRouterAttributes', { router: id, features: 2 }))
    assert.equal((await describeRouter(t, id)).is_applied, 0)
    const reply = ok(await t.call('UpdateRouters', { routers: [id] }))
    assert.match(reply.job_id, /^j-/)
    const busy = await describeRouter(t, id)
    assert.deepEqual([busy.status, busy.transition_status, busy.is_applied], ['active', 'updating', 0])
    await t.settle()
    const done = await describeRouter(t, id)
    assert.deepEqual([done.status, done.transition_status, done.is_applied], ['active', '', 1])
    // an applied router may be updated again
    await routerJob(t, 'UpdateRouters', [id])
  })

  it('answers 1400 for a router that is not active or is busy, 2100 for an unknown one and 1100 for none or a repeated id', async () => {
    const id = await createRouter(t)
    const pending = ok(await t.call('CreateRouters', {})).routers[0]
    const r1 = await t.call('UpdateRouters', { routers: [pending] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, router [${pending}] is [creating], please try later`])
    await t.settle()
    await routerJob(t, 'PowerOffRouters', [id])
    const r2 = await t.call('UpdateRouters', { routers: [pending, id] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, router [${id}] is not active, can not be updated`])
    assert.equal((await describeRouter(t, pending)).transition_status, '', 'nothing changed')
    const r3 = await t.call('UpdateRouters', { routers: ['rtr-nothere1'] })
    assert.deepEqual([r3.ret_code, r3.message], [2100, 'ResourceNotFound, resource [rtr-nothere1] not found'])
    const other = await payingUser(t, 10)
    const theirs = await createRouter(t, {}, { key: other.key })
    const r4 = await t.call('UpdateRouters', { routers: [theirs] })
    assert.deepEqual([r4.ret_code, r4.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r5 = await t.call('UpdateRouters', {})
    assert.equal(r5.ret_code, 1100)
    assert.match(r5.message, /routers/)
    const r6 = await t.call('UpdateRouters', { routers: [pending, pending] })
    assert.deepEqual([r6.ret_code, r6.message], [1100, `InvalidRequestFormat, parameter routers lists [${pending}] more than once`])
  })
})
