// ChangeEipsBandwidth: repriced at once (0.04 yuan = 400 minor units per Mbps-hour), new bandwidth
// shown when the job settles.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne, associate, eipRow, setEipStatus } from '../../../../test/support/fixtures-eips.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const change = (params: Record<string, unknown>, options?: { key: Key }) => t.call('ChangeEipsBandwidth', params, options)

describe('ChangeEipsBandwidth', () => {
  it('reprices the lease now: the rest of the old hour back, a first hour at the new bandwidth charged', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const eip = await allocateOne(t, { bandwidth: 1 }, { key })
    t.clock.advance(30 * 60_000)
    const reply = ok(await change({ eips: [eip], bandwidth: 10 }, { key }))
    assert.match(reply.job_id, /^j-/)
    assert.equal(await balance(t, user_id), 100_000 - 400 + 200 - 4000)
    assert.deepEqual(
      (await chargesOf(t, eip)).map(([, fee]) => fee),
      [400, -200, 4000],
    )
    assert.deepEqual(
      (await leasesOf(t, eip)).map((l) => l.hourly_price),
      [4000],
    )
    const during = await eipRow(t, eip)
    assert.deepEqual([during.bandwidth, during.transition_status], [1, 'updating'])
    await t.settle()
    const after = await eipRow(t, eip)
    assert.deepEqual([after.bandwidth, after.transition_status, after.status], [10, '', 'available'])
  })

  it('changes an associated EIP too, and DescribeInstances shows the new bandwidth', async () => {
    const instance = await launchOne(t)
    const eip = await allocateOne(t, { bandwidth: 2 })
    await associate(t, eip, instance)
    ok(await change({ eips: [eip], bandwidth: 8 }))
    await t.settle()
    assert.equal((await describeOne(t, instance)).eip.bandwidth, 8)
    assert.equal((await eipRow(t, eip)).status, 'associated')
  })

  it('answers 2400 when the balance does not cover the new hour, and changes nothing', async () => {
    const { user_id, key } = await payingUser(t, 0.1)
    const eip = await allocateOne(t, { bandwidth: 1 }, { key })
    const reply = await change({ eips: [eip], bandwidth: 100 }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, /)
    assert.equal(await balance(t, user_id), 1000 - 400)
    assert.deepEqual([(await eipRow(t, eip)).bandwidth, (await eipRow(t, eip)).transition_status], [1, ''])
  })

  it('answers 1400 for a suspended, busy or released EIP', async () => {
    const suspended = await allocateOne(t)
    await setEipStatus(t, suspended, 'suspended')
    const r1 = await change({ eips: [suspended], bandwidth: 2 })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, eip [${suspended}] is not available or associated, can not change bandwidth`])
    const busy = await allocateOne(t)
    ok(await change({ eips: [busy], bandwidth: 2 }))
    const r2 = await change({ eips: [busy], bandwidth: 3 })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, eip [${busy}] is [updating], please try later`])
    await t.settle()
    ok(await t.call('ReleaseEips', { eips: [busy] }))
    await t.settle()
    const r3 = await change({ eips: [busy], bandwidth: 3 })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, eip [${busy}] is not available or associated, can not change bandwidth`])
  })

  it('answers 1100 for a bandwidth out of range or missing, 2100 for unknown ids, 1400 for another user’s', async () => {
    const eip = await allocateOne(t)
    for (const params of [{ eips: [eip], bandwidth: 0 }, { eips: [eip], bandwidth: 1001 }, { eips: [eip] }]) {
      const reply = await change(params)
      assert.equal(reply.ret_code, 1100)
      assert.match(reply.message, /^InvalidRequestFormat, .*bandwidth/)
    }
    const r1 = await change({ eips: ['eip-nonexist'], bandwidth: 2 })
    assert.deepEqual([r1.ret_code, r1.message], [2100, 'ResourceNotFound, resource [eip-nonexist] not found'])
    const theirs = await allocateOne(t, {}, { key: t.admin })
    const r2 = await change({ eips: [theirs], bandwidth: 2 })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
  })
})
