// Routers and arrears: an active router whose hour cannot be paid is suspended (and its quota
// still counts), refuses power-off and updates while suspended, may be deleted, and comes back
// active after a recharge. Default price of a small router: 0.05 yuan an hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { billHourly, chargesOf, leasesOf, payingUser } from '../../../test/support/fixtures-billing.ts'
import { createRouter, describeRouter, routerJob } from '../../../test/support/fixtures-routers.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('Routers in arrears', () => {
  it('charges each hour, suspends an unpaid router, and resumes it active after a recharge', async () => {
    const { user_id, key } = await payingUser(t, 0.12)
    const id = await createRouter(t, {}, { key })
    await billHourly(t, 1)
    assert.equal((await describeRouter(t, id, { key })).status, 'active')
    await billHourly(t, 1)
    assert.deepEqual(
      (await chargesOf(t, id)).map(([, fee]) => fee),
      [500, 500],
    )
    await billHourly(t, 1)
    assert.equal((await describeRouter(t, id, { key })).status, 'suspended')
    assert.equal((await leasesOf(t, id))[0]!.status, 'suspended')
    assert.deepEqual(ok(await t.call('DescribeRouters', { status: ['suspended'] }, { key })).total_count, 1)

    const off = await t.call('PowerOffRouters', { routers: [id] }, { key })
    assert.deepEqual([off.ret_code, off.message], [1400, `PermissionDenied, router [${id}] is not active, can not be powered off`])
    const update = await t.call('UpdateRouters', { routers: [id] }, { key })
    assert.deepEqual([update.ret_code, update.message], [1400, `PermissionDenied, router [${id}] is not active, can not be updated`])

    await t.fund(user_id, 1)
    assert.equal((await describeRouter(t, id, { key })).status, 'active')
    assert.equal((await leasesOf(t, id))[0]!.status, 'active')
  })

  it('deletes a suspended router', async () => {
    const { key } = await payingUser(t, 0.05)
    const id = await createRouter(t, {}, { key })
    await billHourly(t, 1)
    assert.equal((await describeRouter(t, id, { key })).status, 'suspended')
    await routerJob(t, 'DeleteRouters', [id], { key })
    assert.equal((await describeRouter(t, id, { key })).status, 'deleted')
    assert.equal((await leasesOf(t, id))[0]!.status, 'ended')
  })
})
