// ReleaseEips: the lease ends in the request (unused part of the hour refunded), the address goes
// back to the pool when the job settles. Default price: 0.04 yuan (400 minor units) per Mbps-hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne, associate, eipRow, poolHolders, setEipStatus } from '../../../../test/support/fixtures-eips.ts'
import { bindTag } from '../../../../test/support/fixtures-images.ts'

let t: TestApp
before(async () => (t = await startTestApp({ eipPoolSize: 3 })))
after(() => t.close())

const release = (params: Record<string, unknown>, options?: { key: Key }) => t.call('ReleaseEips', params, options)

describe('ReleaseEips', () => {
  it('releases: releasing, then released (describable by id only), untagged, address back in the pool, ceased two hours later', async () => {
    const eip = await allocateOne(t)
    const { eip_addr } = await eipRow(t, eip)
    await bindTag(t, eip, 'eip')
    const reply = ok(await release({ eips: [eip] }))
    assert.match(reply.job_id, /^j-/)
    const during = await eipRow(t, eip)
    assert.deepEqual([during.status, during.transition_status], ['available', 'releasing'])
    assert.equal((await poolHolders(t)).get(eip_addr), eip, 'the address is held until the job settles')
    await t.settle()
    assert.deepEqual([(await eipRow(t, eip)).status, (await eipRow(t, eip)).transition_status], ['released', ''])
    assert.equal((await poolHolders(t)).has(eip_addr), false)
    const [item] = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set
    assert.deepEqual([item.status, item.tags], ['released', []])
    assert.equal(
      ok(await t.call('DescribeEips')).eip_set.some((e: { eip_id: string }) => e.eip_id === eip),
      false,
    )
    // the next allocation gets the address again
    const again = await allocateOne(t)
    assert.equal((await eipRow(t, again)).eip_addr, eip_addr)
    t.clock.advance(2 * 60 * 60 * 1000)
    await t.jobs.sweep()
    assert.equal((await eipRow(t, eip)).status, 'ceased')
    ok(await release({ eips: [again] }))
    await t.settle()
  })

  it('ends the lease and refunds the unused part of the hour', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const eip = await allocateOne(t, { bandwidth: 2 }, { key })
    assert.equal(await balance(t, user_id), 100_000 - 800)
    t.clock.advance(15 * 60_000)
    ok(await release({ eips: [eip] }, { key }))
    assert.equal(await balance(t, user_id), 100_000 - 800 + 600)
    assert.deepEqual(
      (await chargesOf(t, eip)).map(([, fee, remarks]) => [fee, remarks]),
      [
        [800, 'first hour, charged in advance'],
        [-600, 'unused time of the hour refunded'],
      ],
    )
    assert.deepEqual(
      (await leasesOf(t, eip)).map((l) => l.status),
      ['ended'],
    )
    await t.settle()
  })

  it('answers 2300 while a prepaid term runs, and releases nothing', async () => {
    const eip = await allocateOne(t, { charge_mode: 'monthly', duration: '1m' })
    const reply = await release({ eips: [eip] })
    assert.equal(reply.ret_code, 2300)
    assert.match(reply.message, new RegExp(`^UnleaseFailed, eip \\[${eip}\\] is prepaid until .* and can not be deleted before then$`))
    assert.equal((await eipRow(t, eip)).transition_status, '')
    ok(await t.admin_call('UnleaseResources', { resources: [eip], zone: 'pek3a' }))
    ok(await release({ eips: [eip] }))
    await t.settle()
  })

  it('answers 1400 for an associated, suspended or busy EIP, and changes nothing', async () => {
    const instance = await launchOne(t)
    const associated = await allocateOne(t)
    await associate(t, associated, instance)
    const free = await allocateOne(t)
    const r1 = await release({ eips: [free, associated] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, eip [${associated}] is associated with [${instance}], can not be released`])
    assert.equal((await eipRow(t, free)).transition_status, '')
    assert.equal((await leasesOf(t, free))[0]!.status, 'active', 'a refused request ends no lease')
    await setEipStatus(t, free, 'suspended')
    const r2 = await release({ eips: [free] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, eip [${free}] is not available, can not be released`])
    await setEipStatus(t, free, 'available')
    ok(await t.call('DissociateEips', { eips: [associated] }))
    const r3 = await release({ eips: [associated] })
    assert.deepEqual([r3.ret_code, r3.message], [1400, `PermissionDenied, eip [${associated}] is [dissociating], please try later`])
    await t.settle()
    ok(await release({ eips: [associated, free] }))
    await t.settle()
  })

  it('answers 2100 for unknown ids, 1400 for another user’s, 1100 for a repeated id', async () => {
    const theirs = await allocateOne(t, {}, { key: t.admin })
    const r1 = await release({ eips: ['eip-nonexist'] })
    assert.deepEqual([r1.ret_code, r1.message], [2100, 'ResourceNotFound, resource [eip-nonexist] not found'])
    const r2 = await release({ eips: [theirs] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r3 = await release({ eips: [theirs, theirs] })
    assert.deepEqual([r3.ret_code, r3.message], [1100, `InvalidRequestFormat, parameter eips lists [${theirs}] more than once`])
  })
})
