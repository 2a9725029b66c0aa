import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createGroup, defaultGroup, groupRow } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('ModifySecurityGroupAttributes', () => {
  it('renames a group and sets its description; what is not given stays', async () => {
    const id = await createGroup(t, 'old')
    const reply = await t.call('ModifySecurityGroupAttributes', { security_group: id, security_group_name: 'new', description: 'front end' })
    assert.deepEqual(reply, { action: 'ModifySecurityGroupAttributesResponse', security_group_id: id, ret_code: 0 })
    assert.deepEqual([(await groupRow(t, id))?.security_group_name, (await groupRow(t, id))?.description], ['new', 'front end'])
    assert.equal((await t.call('ModifySecurityGroupAttributes', { security_group: id, description: 'only this' })).ret_code, 0)
    assert.deepEqual([(await groupRow(t, id))?.security_group_name, (await groupRow(t, id))?.description], ['new', 'only this'])
  })

  it('renames the default group, which stays the default', async () => {
    const group = await defaultGroup(t)
    assert.equal((await t.call('ModifySecurityGroupAttributes', { security_group: group.security_group_id, security_group_name: 'mine' })).ret_code, 0)
    const row = await groupRow(t, group.security_group_id)
    assert.deepEqual([row?.security_group_name, row?.is_default], ['mine', 1])
  })

  it('answers 2100 for an unknown group (or one in another zone), 1400 for another user’s, 1100 for a missing id', async () => {
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const elsewhere = await createGroup(t, 'elsewhere', { zone: 'sh1a' })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ security_group: 'sg-nonexist', security_group_name: 'x' }, 2100, 'ResourceNotFound, resource [sg-nonexist] not found'],
      [{ security_group: elsewhere, security_group_name: 'x' }, 2100, `ResourceNotFound, resource [${elsewhere}] not found`],
      [{ security_group: theirs, security_group_name: 'x' }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
      [{ security_group_name: 'x' }, 1100, 'InvalidRequestFormat, missing parameter security_group'],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('ModifySecurityGroupAttributes', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.equal((await groupRow(t, theirs))?.security_group_name, 'theirs')
  })
})
