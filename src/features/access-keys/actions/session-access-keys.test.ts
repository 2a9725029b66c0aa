// Access keys managed by a signed-in user over /account/, and the signed API honouring their state.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { newAccessKey, sessionUser } from '../../../../test/support/fixtures-access-keys.ts'
import { startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { findKey } from '../access-key-repo.ts'

let t: TestApp
let me: { user_id: string; token: string }
let other: { user_id: string; token: string }
before(async () => {
  t = await startTestApp()
  me = await sessionUser(t)
  other = await sessionUser(t)
})
after(() => t.close())

const zones = (key: Key) => t.call('DescribeZones', {}, { key })

describe('CreateAccessKey', () => {
  it('answers the secret once, stores it sealed, and the key signs /iaas/ requests as its owner', async () => {
    const { body } = await t.account('CreateAccessKey', { access_key_name: 'ci runner', description: 'for the build farm' }, { token: me.token })
    assert.equal(body.ret_code, 0, body.message)
    assert.equal(body.action, 'CreateAccessKeyResponse')
    assert.match(body.access_key_id, /^[A-Z]{20}$/)
    assert.match(body.secret_access_key, /^[A-Za-z0-9]{40}$/)
    assert.equal(body.owner, me.user_id)

    const row = await findKey(t.store.db, body.access_key_id)
    assert.ok(row)
    assert.equal(row.owner, me.user_id)
    assert.equal(row.status, 'active')
    assert.equal(row.description, 'for the build farm')
    assert.ok(!row.secret_sealed.includes(body.secret_access_key), 'the secret is stored sealed')
    assert.equal(t.box.open(row.secret_sealed), body.secret_access_key)

    const key = { access_key_id: body.access_key_id, secret_access_key: body.secret_access_key }
    assert.equal((await zones(key)).ret_code, 0)
    const described = await t.call('DescribeAccessKeys', { access_keys: [key.access_key_id] }, { key })
    assert.equal(described.access_key_set[0].owner, me.user_id)
  })

  it('needs a session (2000) and a name (1100)', async () => {
    assert.equal((await t.account('CreateAccessKey', { access_key_name: 'x' })).body.ret_code, 2000)
    assert.equal((await t.account('CreateAccessKey', { access_key_name: 'x' }, { token: 'not-a-session' })).body.ret_code, 2000)
    const missing = (await t.account('CreateAccessKey', {}, { token: me.token })).body
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /access_key_name/)
    assert.equal((await t.account('CreateAccessKey', { access_key_name: 'x'.repeat(65) }, { token: me.token })).body.ret_code, 1100)
  })

  it('is not an action of the signed API: keys do not mint keys', async () => {
    const reply = await t.call('CreateAccessKey', { access_key_name: 'x' })
    assert.equal(reply.ret_code, 1101)
    assert.match(reply.message, /not supported by module \[iaas\]/)
  })
})

describe('DescribeAccessKeys over /account/', () => {
  it('lists the signed-in user’s keys only, never a secret', async () => {
    const a = await newAccessKey(t, other.token, 'one')
    t.clock.advance(1000)
    const b = await newAccessKey(t, other.token, 'two')
    const { body } = await t.account('DescribeAccessKeys', {}, { token: other.token })
    assert.equal(body.ret_code, 0)
    assert.equal(body.total_count, 2)
    assert.deepEqual(
      body.access_key_set.map((k: { access_key_id: string }) => k.access_key_id),
      [b.access_key_id, a.access_key_id],
    )
    const text = JSON.stringify(body)
    assert.ok(!text.includes(a.secret_access_key) && !text.includes(b.secret_access_key))
    assert.ok(!('secret_sealed' in body.access_key_set[0]))
    // filters, paging, and another user's key id simply absent
    assert.equal((await t.account('DescribeAccessKeys', { access_keys: [a.access_key_id, t.user.access_key_id] }, { token: other.token })).body.total_count, 1)
    assert.equal((await t.account('DescribeAccessKeys', { status: ['disabled'] }, { token: other.token })).body.total_count, 0)
    const page = (await t.account('DescribeAccessKeys', { limit: 1, offset: 1 }, { token: other.token })).body
    assert.equal(page.total_count, 2)
    assert.deepEqual(
      page.access_key_set.map((k: { access_key_id: string }) => k.access_key_id),
      [a.access_key_id],
    )
  })
})

describe('DisableAccessKeys / EnableAccessKeys / DeleteAccessKeys', () => {
  it('a disabled key gets 1200 on /iaas/, an enabled one works again, a deleted one gets 1200 for good', async () => {
    const key = await newAccessKey(t, me.token)
    assert.equal((await zones(key)).ret_code, 0)

    t.clock.advance(5000)
    const disabled = (await t.account('DisableAccessKeys', { access_keys: [key.access_key_id] }, { token: me.token })).body
    assert.equal(disabled.ret_code, 0, disabled.message)
    assert.deepEqual(disabled.access_keys, [key.access_key_id])
    const row = await findKey(t.store.db, key.access_key_id)
    assert.equal(row?.status, 'disabled')
    assert.equal(row?.status_time, '2026-01-15T08:00:06Z')
    const refused = await zones(key)
    assert.equal(refused.ret_code, 1200)
    assert.match(refused.message, /not active/)
    const listed = (await t.account('DescribeAccessKeys', { status: ['disabled'] }, { token: me.token })).body
    assert.deepEqual(
      listed.access_key_set.map((k: { access_key_id: string }) => k.access_key_id),
      [key.access_key_id],
    )

    // disabling again changes nothing, not even the status time
    t.clock.advance(5000)
    assert.equal((await t.account('DisableAccessKeys', { access_keys: [key.access_key_id] }, { token: me.token })).body.ret_code, 0)
    assert.equal((await findKey(t.store.db, key.access_key_id))?.status_time, '2026-01-15T08:00:06Z')

    assert.equal((await t.account('EnableAccessKeys', { access_keys: [key.access_key_id] }, { token: me.token })).body.ret_code, 0)
    assert.equal((await findKey(t.store.db, key.access_key_id))?.status, 'active')
    assert.equal((await zones(key)).ret_code, 0)

    const deleted = (await t.account('DeleteAccessKeys', { access_keys: [key.access_key_id] }, { token: me.token })).body
    assert.equal(deleted.ret_code, 0, deleted.message)
    assert.deepEqual(deleted.access_keys, [key.access_key_id])
    assert.equal(await findKey(t.store.db, key.access_key_id), undefined, 'the row and its sealed secret are gone')
    assert.equal((await zones(key)).ret_code, 1200)
    // gone for the account module too: it cannot be enabled back
    assert.equal((await t.account('EnableAccessKeys', { access_keys: [key.access_key_id] }, { token: me.token })).body.ret_code, 2100)
  })

  it('another user’s key → 1400, an unknown key → 2100, and nothing changes for the others in the list', async () => {
    const mine = await newAccessKey(t, me.token)
    const theirs = await newAccessKey(t, other.token)
    for (const action of ['DisableAccessKeys', 'EnableAccessKeys', 'DeleteAccessKeys']) {
      const foreign = (await t.account(action, { access_keys: [mine.access_key_id, theirs.access_key_id] }, { token: me.token })).body
      assert.equal(foreign.ret_code, 1400, `${action}: ${foreign.message}`)
      assert.match(foreign.message, new RegExp(theirs.access_key_id))
      const unknown = (await t.account(action, { access_keys: [mine.access_key_id, 'QYNOSUCHKEYXXXXXXXXX'] }, { token: me.token })).body
      assert.equal(unknown.ret_code, 2100, `${action}: ${unknown.message}`)
      assert.match(unknown.message, /QYNOSUCHKEYXXXXXXXXX/)
    }
    // the failed requests wrote nothing: both keys still exist and sign
    assert.equal((await zones(mine)).ret_code, 0)
    assert.equal((await zones(theirs)).ret_code, 0)
  })

  it('an admin signed in to the console manages only their own keys here too (1400)', async () => {
    const admin = await sessionUser(t, 'admin')
    const theirs = await newAccessKey(t, other.token)
    assert.equal((await t.account('DisableAccessKeys', { access_keys: [theirs.access_key_id] }, { token: admin.token })).body.ret_code, 1400)
  })

  it('rejects a missing or repeated access_keys list (1100) and needs a session (2000)', async () => {
    const key = await newAccessKey(t, me.token)
    const missing = (await t.account('DisableAccessKeys', {}, { token: me.token })).body
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /access_keys/)
    assert.equal((await t.account('DeleteAccessKeys', { access_keys: [key.access_key_id, key.access_key_id] }, { token: me.token })).body.ret_code, 1100)
    assert.equal((await t.account('DeleteAccessKeys', { access_keys: [key.access_key_id] })).body.ret_code, 2000)
    assert.ok(await findKey(t.store.db, key.access_key_id))
  })

  it('keys stop working once their owner is banned (1662) and a banned user cannot manage keys', async () => {
    const banned = await sessionUser(t)
    const key = await newAccessKey(t, banned.token)
    await t.store.db.updateTable('users').set({ status: 'banned' }).where('user_id', '=', banned.user_id).execute()
    assert.equal((await zones(key)).ret_code, 1662)
    assert.equal((await t.account('DisableAccessKeys', { access_keys: [key.access_key_id] }, { token: banned.token })).body.ret_code, 1662)
  })
})
