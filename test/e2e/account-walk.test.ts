// A person's way in, over real HTTP against the real server (serve(), system clock, SQLite file
// store): Register → the verification token read from the outbox by an admin (DescribeOutbox, as
// an operator without SMTP would) → VerifyEmail → Login (session cookie) → CreateAccessKey with the
// bearer token → a signed DescribeZones with the new key → the admin bans them (through
// `qinglocal call --module admin`) → key and session answer 1662 → UnbanUsers → both work again.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import { callApi, type ClientOptions } from '../../src/cli/client.ts'
import { readCredentials, type Credentials } from '../../src/cli/credentials.ts'
import type { Server } from '../../src/main.ts'
import { recordCode } from '../support/codes.ts'
import { serveQuietly } from '../support/serve-quietly.ts'
import { qinglocalSource } from '../support/source-bin.ts'

const run = promisify(execFile)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>

describe('account walk: register → verify → login → access key → ban → unban', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-walk-'))
  const dataDir = join(dir, 'data')
  const adminFile = join(dataDir, 'admin.yaml')
  let server: Server
  let admin: Credentials
  before(async () => {
    server = await serveQuietly({ dataDir })
    admin = readCredentials(adminFile)
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** An unsigned POST to /account/, with a bearer token when given; every reply's code is recorded. */
  const account = async (action: string, params: Record<string, string>, token?: string) => {
    const response = await fetch(`${server.url}/account/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token && { authorization: `Bearer ${token}` }) },
      body: new URLSearchParams({ action, ...params }).toString(),
    })
    const body = (await response.json()) as Body
    recordCode(body.ret_code)
    return { response, body }
  }
  const signed = async (options: ClientOptions, action: string, params: Record<string, unknown> = {}) => {
    const body = (await callApi(options, action, params)) as Body
    recordCode(body.ret_code)
    return body
  }
  const asAdmin = (action: string, params: Record<string, unknown> = {}) => signed({ ...admin, uri: '/admin/' }, action, params)

  it('walks the whole way, and a ban stops both the key and the session until it is lifted', { timeout: 30_000 }, async () => {
    const email = 'walker@example.com'
    const password = 'a long walk 2026'

    const registered = await account('Register', { email, password, user_name: 'Walker' })
    assert.equal(registered.body.ret_code, 0, registered.body.message)
    const userId = registered.body.user_id as string
    assert.equal((await account('Login', { email, password })).body.ret_code, 1661)

    const outbox = await asAdmin('DescribeOutbox', { to_address: email })
    assert.equal(outbox.ret_code, 0, outbox.message)
    const mail = (outbox.mail_set as Body[]).find((m) => /verify/i.test(m.subject))
    assert.ok(mail, 'a verification mail is in the outbox')
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1]
    assert.ok(token, 'the mail carries a token')
    const verified = await account('VerifyEmail', { token })
    assert.equal(verified.body.ret_code, 0, verified.body.message)

    const login = await account('Login', { email, password })
    assert.equal(login.body.ret_code, 0, login.body.message)
    const session = login.body.session_token as string
    assert.match(session, /^[A-Za-z0-9_-]{43}$/)
    const cookie = login.response.headers.getSetCookie().find((c) => c.startsWith('qinglocal_session='))
    assert.ok(cookie, 'Login sets the session cookie')
    assert.equal(cookie.split(';')[0], `qinglocal_session=${session}`)
    assert.match(cookie, /;\s*HttpOnly/i)
    assert.match(cookie, /;\s*SameSite=Strict/i)

    const created = await account('CreateAccessKey', { access_key_name: 'walker laptop' }, session)
    assert.equal(created.body.ret_code, 0, created.body.message)
    const key: ClientOptions = { baseUrl: server.url, accessKeyId: created.body.access_key_id, secretAccessKey: created.body.secret_access_key }
    const zones = await signed(key, 'DescribeZones')
    assert.equal(zones.ret_code, 0, zones.message)
    assert.ok(zones.zone_set.length > 0)
    assert.equal((await account('DescribeAccessKeys', {}, session)).body.access_key_set[0].access_key_id, key.accessKeyId)

    // the operator bans from the command line, signing for the admin module with data/admin.yaml
    const cli = await run(process.execPath, [...qinglocalSource, 'call', '--module', 'admin', '-f', adminFile, 'BanUsers', `users.1=${userId}`], { env: { PATH: process.env.PATH ?? '' } })
    const banned = JSON.parse(cli.stdout) as Body
    recordCode(banned.ret_code)
    assert.deepEqual(banned, { action: 'BanUsersResponse', ret_code: 0, users: [userId] })

    const refusedKey = await signed(key, 'DescribeZones')
    assert.equal(refusedKey.ret_code, 1662)
    assert.match(refusedKey.message, /^AccessDenied, /)
    const refusedSession = await account('DescribeAccessKeys', {}, session)
    assert.equal(refusedSession.body.ret_code, 1662)
    assert.equal((await account('Login', { email, password })).body.ret_code, 1662)
    const seen = await asAdmin('DescribeUsers', { users: [userId] })
    assert.equal(seen.user_set[0].status, 'banned')

    assert.equal((await asAdmin('UnbanUsers', { users: [userId] })).ret_code, 0)
    assert.equal((await signed(key, 'DescribeZones')).ret_code, 0)
    assert.equal((await account('DescribeAccessKeys', {}, session)).body.ret_code, 0)
  })
})
