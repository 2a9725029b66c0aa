import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertUser } from '../../../../test/support/fixtures-admin.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const roleOf = async (userId: string) => (await t.store.db.selectFrom('users').select('role').where('user_id', '=', userId).executeTakeFirstOrThrow()).role

describe('SetUserRole', () => {
  it('promotes a user, whose key then reaches the admin module, and demotes them again', async () => {
    assert.equal((await t.admin_call('DescribeUsers', {}, { key: t.user })).ret_code, 1400)
    const reply = await t.admin_call('SetUserRole', { user: t.user.user_id, role: 'admin' })
    assert.deepEqual(reply, { action: 'SetUserRoleResponse', ret_code: 0, user_id: t.user.user_id, role: 'admin' })
    assert.equal((await t.admin_call('DescribeUsers', {}, { key: t.user })).ret_code, 0)
    // the new admin may demote the one who promoted them: it is not themself
    assert.equal((await t.admin_call('SetUserRole', { user: t.admin.user_id, role: 'user' }, { key: t.user })).ret_code, 0)
    assert.equal((await t.admin_call('DescribeUsers', {}, { key: t.admin })).ret_code, 1400)
    assert.equal((await t.admin_call('SetUserRole', { user: t.admin.user_id, role: 'admin' }, { key: t.user })).ret_code, 0)
    assert.equal((await t.admin_call('SetUserRole', { user: t.user.user_id, role: 'user' })).ret_code, 0)
    assert.deepEqual([await roleOf(t.user.user_id), await roleOf(t.admin.user_id)], ['user', 'admin'])
  })

  it('refuses to let an administrator demote themself (1400), so an admin always remains', async () => {
    const reply = await t.admin_call('SetUserRole', { user: t.admin.user_id, role: 'user' })
    assert.equal(reply.ret_code, 1400)
    assert.match(reply.message, /^PermissionDenied, user \[usr-\w+\] is you, an administrator cannot demote themself/)
    assert.equal(await roleOf(t.admin.user_id), 'admin')
    assert.equal((await t.admin_call('SetUserRole', { user: t.admin.user_id, role: 'admin' })).ret_code, 0)
  })

  it('answers 2100 for an unknown user, 1100 for an unknown role, 1400 for a non-admin', async () => {
    const member = await insertUser(t)
    const unknown = await t.admin_call('SetUserRole', { user: 'usr-NotThere', role: 'admin' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, user [usr-NotThere] not found'])
    const badRole = await t.admin_call('SetUserRole', { user: member.user_id, role: 'root' })
    assert.equal(badRole.ret_code, 1100)
    assert.match(badRole.message, /role/)
    assert.equal((await t.admin_call('SetUserRole', { user: member.user_id, role: 'admin' }, { key: t.user })).ret_code, 1400)
    assert.equal(await roleOf(member.user_id), 'user')
  })

  it('two admins demoting each other at once leave one admin standing', async () => {
    assert.equal((await t.admin_call('SetUserRole', { user: t.user.user_id, role: 'admin' })).ret_code, 0)
    const replies = await Promise.all([t.admin_call('SetUserRole', { user: t.user.user_id, role: 'user' }, { key: t.admin }), t.admin_call('SetUserRole', { user: t.admin.user_id, role: 'user' }, { key: t.user })])
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 1400])
    assert.deepEqual([await roleOf(t.user.user_id), await roleOf(t.admin.user_id)].sort(), ['admin', 'user'])
  })
})
