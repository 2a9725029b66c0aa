// Nothing secret reaches a log line: passwords, session tokens, mailed tokens, invite codes and
// secret keys, sent or answered, across the account flows, with the server's own logger at its
// most talkative level (trace) and an unexpected error (5000) logged on the way.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { VERIFY_SUBJECT } from '../../src/features/accounts/account.ts'
import { RESET_SUBJECT } from '../../src/features/accounts/password-reset/reset-mail.ts'
import { createLogger } from '../../src/main.ts'
import { GOOD_PASSWORD, login, mailedToken, newEmail, register, verify } from '../support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

let t: TestApp
let output = ''
const sink = new Writable({
  write(chunk, _encoding, done) {
    output += String(chunk)
    done()
  },
})

before(async () => (t = await startTestApp({ logger: createLogger('trace', sink) })))
after(() => t.close())

describe('log lines', () => {
  it('carry no password, token, invite code or secret key', async () => {
    const secrets: string[] = [GOOD_PASSWORD]
    const invite = await t.admin_call('CreateInvite', {})
    secrets.push(invite.invite_code)
    const email = newEmail('logs')
    await register(t, email)
    secrets.push(await mailedToken(t, email, VERIFY_SUBJECT))
    await verify(t, email)
    const token = await login(t, email)
    secrets.push(token)
    await t.account('Login', { email, password: 'wrong password 1' })
    const key = (await t.account('CreateAccessKey', { access_key_name: 'logs' }, { token })).body
    secrets.push(key.secret_access_key)
    const changed = 'another secret 77'
    assert.equal((await t.account('ChangePassword', { old_password: GOOD_PASSWORD, new_password: changed }, { token })).body.ret_code, 0)
    secrets.push(changed)
    await t.account('RequestPasswordReset', { email })
    const reset = await mailedToken(t, email, RESET_SUBJECT)
    secrets.push(reset)
    const final = 'final secret 99'
    assert.equal((await t.account('ResetPassword', { token: reset, new_password: final })).body.ret_code, 0)
    secrets.push(final)
    await t.send({ params: { action: 'RunInstances', zone: 'pek3a', image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'VmPassw0rd9' } })
    secrets.push('VmPassw0rd9')

    assert.ok(output.includes('"request"'), 'the logger did write the access log')
    for (const secret of secrets) assert.ok(!output.includes(secret), `a log line contains a secret (${secret.slice(0, 4)}…)`)
  })
})
