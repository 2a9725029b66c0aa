import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { allocateOne, associate, eipRow, setEipStatus } from '../../../../test/support/fixtures-eips.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const dissociate = (params: Record<string, unknown>, options?: { key: Key }) => t.call('DissociateEips', params, options)

describe('DissociateEips', () => {
  it('dissociates: dissociating while the job runs, then available with no instance', async () => {
    const instance = await launchOne(t)
    const eip = await allocateOne(t)
    await associate(t, eip, instance)
    const reply = ok(await dissociate({ eips: [eip] }))
    assert.match(reply.job_id, /^j-/)
    const during = await eipRow(t, eip)
    assert.deepEqual([during.status, during.transition_status], ['associated', 'dissociating'])
    await t.settle()
    const row = await eipRow(t, eip)
    assert.deepEqual([row.status, row.transition_status, row.instance_id], ['available', '', ''])
    assert.equal((await describeOne(t, instance)).eip.eip_id, '')
    // the instance may take an EIP again
    await associate(t, eip, instance)
    assert.equal((await describeOne(t, instance)).eip.eip_id, eip)
  })

  it('answers 1400 for an EIP that is not associated or busy, and changes nothing', async () => {
    const instance = await launchOne(t)
    const associated = await allocateOne(t)
    await associate(t, associated, instance)
    const free = await allocateOne(t)
    const r1 = await dissociate({ eips: [associated, free] })
    assert.deepEqual([r1.ret_code, r1.message], [1400, `PermissionDenied, eip [${free}] is not associated, can not be dissociated`])
    assert.equal((await eipRow(t, associated)).transition_status, '')
    ok(await dissociate({ eips: [associated] }))
    const r2 = await dissociate({ eips: [associated] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, eip [${associated}] is [dissociating], please try later`])
    await t.settle()
    const suspended = await allocateOne(t)
    await setEipStatus(t, suspended, 'suspended')
    assert.equal((await dissociate({ eips: [suspended] })).message, `PermissionDenied, eip [${suspended}] is not associated, can not be dissociated`)
  })

  it('answers 2100 for unknown ids, 1400 for another user’s, 1100 for a repeated or missing id', async () => {
    const eip = await allocateOne(t)
    const theirs = await allocateOne(t, {}, { key: t.admin })
    const r1 = await dissociate({ eips: ['eip-nonexist'] })
    assert.deepEqual([r1.ret_code, r1.message], [2100, 'ResourceNotFound, resource [eip-nonexist] not found'])
    const r2 = await dissociate({ eips: [theirs] })
    assert.deepEqual([r2.ret_code, r2.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const r3 = await dissociate({ eips: [eip, eip] })
    assert.deepEqual([r3.ret_code, r3.message], [1100, `InvalidRequestFormat, parameter eips lists [${eip}] more than once`])
    assert.equal((await dissociate({})).ret_code, 1100)
  })
})
