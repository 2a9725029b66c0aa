// PowerOffRouters / PowerOnRouters: active ⇄ poweroffed through jobs; billing stops while off (the
// lease ends, the rest of the hour refunded) and starts again on power-on (a new lease, 2400 when
// it cannot be paid). Default price of a small router: 0.05 yuan an hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, billHourly, chargesOf, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createRouter, describeRouter, routerJob } from '../../../../test/support/fixtures-routers.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('PowerOffRouters and PowerOnRouters', () => {
  it('powers a router off and on through poweroffing and poweroning, answering the job and the routers', async () => {
    const id = await createRouter(t)
    const off = ok(await t.call('PowerOffRouters', { routers: [id] }))
    assert.deepEqual(off.routers, [id])
    assert.match(off.job_id, /^j-/)
    assert.deepEqual([(await describeRouter(t, id)).status, (await describeRouter(t, id)).transition_status], ['active', 'poweroffing'])
    await t.settle()
    assert.deepEqual([(await describeRouter(t, id)).status, (await describeRouter(t, id)).transition_status], ['poweroffed', ''])
    ok(await t.call('PowerOnRouters', { routers: [id] }))
    assert.equal((await describeRouter(t, id)).transition_status, 'poweroning')
    await t.settle()
    assert.deepEqual([(await describeRouter(t, id)).status, (await describeRouter(t, id)).transition_status], ['active', ''])
  })

  it('stops billing while off and leases again on power-on', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const id = await createRouter(t, {}, { key })
    t.clock.advance(30 * 60_000)
    await routerJob(t, 'PowerOffRouters', [id], { key })
    // half the first hour back
    assert.equal(await balance(t, user_id), 10_000 - 250)
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => l.status),
      ['ended'],
    )
    await billHourly(t, 3)
    assert.equal(await balance(t, user_id), 10_000 - 250, 'nothing charged while off')
    await routerJob(t, 'PowerOnRouters', [id], { key })
    assert.equal(await balance(t, user_id), 10_000 - 250 - 500)
    assert.deepEqual(
      (await leasesOf(t, id)).map((l) => [l.status, l.hourly_price]),
      [
        ['ended', 500],
        ['active', 500],
      ],
    )
    assert.deepEqual(
      (await chargesOf(t, id)).map(([, fee]) => fee),
      [500, -250, 500],
    )
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('answers 2400 at power-on when the balance cannot pay the first hour, and leaves the router off', async () => {
    const { user_id, key } = await payingUser(t, 0.06)
    const id = await createRouter(t, {}, { key })
    await routerJob(t, 'PowerOffRouters', [id], { key })
    await t.store.db.updateTable('wallets').set({ balance: 100 }).where('user_id', '=', user_id).execute()
    const reply = await t.call('PowerOnRouters', { routers: [id] }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, balance 0\.01 does not cover 0\.05 for the first hour of 1 router/)
    assert.deepEqual([(await describeRouter(t, id, { key })).status, (await describeRouter(t, id, { key })).transition_status], ['poweroffed', ''])
  })

  it('refunds the new lease and leaves the router off when the power-on job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    const id = await createRouter(t, {}, { key })
    await routerJob(t, 'PowerOffRouters', [id], { key })
    const before = await balance(t, user_id)
    ok(await t.admin_call('ArmJobFault', { job_action: 'PowerOnRouters' }))
    ok(await t.call('PowerOnRouters', { routers: [id] }, { key }))
    await t.settle()
    assert.deepEqual([(await describeRouter(t, id, { key })).status, (await describeRouter(t, id, { key })).transition_status], ['poweroffed', ''])
    assert.equal(await balance(t, user_id), before)
    assert.ok((await leasesOf(t, id)).every((l) => l.status === 'ended'))
  })

  it('answers 1400 for the wrong state or a busy router, 2100 for an unknown one', async () => {
    const id = await createRouter(t)
    const on = await t.call('PowerOnRouters', { routers: [id] })
    assert.deepEqual([on.ret_code, on.message], [1400, `PermissionDenied, router [${id}] is not powered off, can not be powered on`])
    ok(await t.call('PowerOffRouters', { routers: [id] }))
    const busy = await t.call('PowerOffRouters', { routers: [id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, router [${id}] is [poweroffing], please try later`])
    await t.settle()
    const off = await t.call('PowerOffRouters', { routers: [id] })
    assert.deepEqual([off.ret_code, off.message], [1400, `PermissionDenied, router [${id}] is not active, can not be powered off`])
    for (const action of ['PowerOnRouters', 'PowerOffRouters']) {
      const unknown = await t.call(action, { routers: ['rtr-nothere1'] })
      assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [rtr-nothere1] not found'])
    }
    const other = await payingUser(t, 10)
    const theirs = await createRouter(t, {}, { key: other.key })
    const foreign = await t.call('PowerOffRouters', { routers: [theirs] })
    assert.deepEqual([foreign.ret_code, foreign.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
  })
})
