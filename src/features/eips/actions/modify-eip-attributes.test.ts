import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { leasesOf } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne } from '../../../../test/support/fixtures-eips.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeEip = async (id: string) => ok(await t.call('DescribeEips', { eips: [id] })).eip_set[0]

describe('ModifyEipAttributes', () => {
  it('renames (the lease too) and sets or clears the description', async () => {
    const eip = await allocateOne(t, { eip_name: 'old' })
    const reply = ok(await t.call('ModifyEipAttributes', { eip, eip_name: 'new', description: 'front door' }))
    assert.equal(reply.eip_id, eip)
    const item = await describeEip(eip)
    assert.deepEqual([item.eip_name, item.description], ['new', 'front door'])
    assert.equal((await leasesOf(t, eip))[0]!.resource_name, 'new')
    ok(await t.call('ModifyEipAttributes', { eip, description: '' }))
    const cleared = await describeEip(eip)
    assert.deepEqual([cleared.eip_name, cleared.description], ['new', null])
  })

  it('answers 1400 for a released EIP or another user’s, 2100 for an unknown one, 1100 without eip', async () => {
    const eip = await allocateOne(t)
    ok(await t.call('ReleaseEips', { eips: [eip] }))
    await t.settle()
    const r1 = await t.call('ModifyEipAttributes', { eip, eip_name: 'x' })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, eip [${eip}] has already been released, can not be modified`])
    const theirs = await allocateOne(t, {}, { key: t.admin })
    const r2 = await t.call('ModifyEipAttributes', { eip: theirs, eip_name: 'x' })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r3 = await t.call('ModifyEipAttributes', { eip: 'eip-nonexist', eip_name: 'x' })
    assert.deepEqual([r3.ret_code, r3.message], [2100, 'ResourceNotFound, resource [eip-nonexist] not found'])
    const r4 = await t.call('ModifyEipAttributes', { eip_name: 'x' })
    assert.equal(r4.ret_code, 1100)
    assert.match(r4.message, /^InvalidRequestFormat, .*eip/)
  })
})
