// DescribePlatformSettings and ModifyPlatformSettings, and that the settings really govern
// Register and Login.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { GOOD_PASSWORD, newEmail } from '../../../../test/support/fixtures-accounts.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ config: { registration: 'invite' } })
})
after(() => t.close())

describe('Describe/ModifyPlatformSettings', () => {
  it('shows the configured values until an admin changes them', async () => {
    assert.deepEqual(await t.admin_call('DescribePlatformSettings'), { action: 'DescribePlatformSettingsResponse', ret_code: 0, registration: 'invite', login_errors: 'generic' })
  })

  it('changes what is given, keeps the rest, and the next request obeys', async () => {
    assert.equal((await t.account('Register', { email: newEmail(), password: GOOD_PASSWORD })).body.ret_code, 1500)
    const opened = await t.admin_call('ModifyPlatformSettings', { registration: 'open' })
    assert.deepEqual(opened, { action: 'ModifyPlatformSettingsResponse', ret_code: 0, registration: 'open', login_errors: 'generic' })
    assert.equal((await t.account('Register', { email: newEmail(), password: GOOD_PASSWORD })).body.ret_code, 0)

    assert.equal((await t.account('Login', { email: 'nobody@example.com', password: GOOD_PASSWORD })).body.ret_code, 1660)
    const detailed = await t.admin_call('ModifyPlatformSettings', { login_errors: 'detailed' })
    assert.deepEqual([detailed.registration, detailed.login_errors], ['open', 'detailed'])
    assert.equal((await t.account('Login', { email: 'nobody@example.com', password: GOOD_PASSWORD })).body.ret_code, 1610)

    const closed = await t.admin_call('ModifyPlatformSettings', { registration: 'closed', login_errors: 'generic' })
    assert.deepEqual([closed.registration, closed.login_errors], ['closed', 'generic'])
    assert.equal((await t.account('Register', { email: newEmail(), password: GOOD_PASSWORD })).body.ret_code, 1500)
    assert.deepEqual(await t.admin_call('DescribePlatformSettings'), { action: 'DescribePlatformSettingsResponse', ret_code: 0, registration: 'closed', login_errors: 'generic' })
  })

  it('with nothing to change, answers the settings as they are', async () => {
    const reply = await t.admin_call('ModifyPlatformSettings')
    assert.deepEqual([reply.ret_code, reply.registration, reply.login_errors], [0, 'closed', 'generic'])
  })

  it('rejects unknown values (1100) and non-admin callers (1400) without changing anything', async () => {
    const bad = await t.admin_call('ModifyPlatformSettings', { registration: 'everyone' })
    assert.equal(bad.ret_code, 1100)
    assert.match(bad.message, /registration/)
    assert.equal((await t.admin_call('ModifyPlatformSettings', { login_errors: 'verbose' })).ret_code, 1100)
    assert.equal((await t.admin_call('ModifyPlatformSettings', { registration: 'open' }, { key: t.user })).ret_code, 1400)
    assert.equal((await t.admin_call('DescribePlatformSettings', {}, { key: t.user })).ret_code, 1400)
    assert.equal((await t.admin_call('DescribePlatformSettings')).registration, 'closed')
  })
})
