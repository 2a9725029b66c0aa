import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertKeyPair } from '../../../../test/support/fixtures-keypairs.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const row = (id: string) => t.store.db.selectFrom('keypairs').selectAll().where('keypair_id', '=', id).executeTakeFirstOrThrow()

describe('ModifyKeyPairAttributes', () => {
  it('changes the name and the description; what is not given (or empty) stays', async () => {
    const kp = await insertKeyPair(t, { keypair_name: 'old', description: 'keep me' })
    assert.deepEqual(await t.call('ModifyKeyPairAttributes', { keypair: kp.keypair_id, keypair_name: 'new', description: '' }), { action: 'ModifyKeyPairAttributesResponse', ret_code: 0 })
    assert.deepEqual([(await row(kp.keypair_id)).keypair_name, (await row(kp.keypair_id)).description], ['new', 'keep me'])
    await t.call('ModifyKeyPairAttributes', { keypair: kp.keypair_id, description: 'changed' })
    const after = await row(kp.keypair_id)
    assert.deepEqual([after.keypair_name, after.description, after.pub_key], ['new', 'changed', kp.pub_key])
  })

  it('answers 2100 for an unknown key pair, 1400 for another user’s, 1100 without `keypair`', async () => {
    const theirs = await insertKeyPair(t, { owner: t.admin.user_id, keypair_name: 'theirs' })
    const unknown = await t.call('ModifyKeyPairAttributes', { keypair: 'kp-nonexist', keypair_name: 'x' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [kp-nonexist] not found'])
    const denied = await t.call('ModifyKeyPairAttributes', { keypair: theirs.keypair_id, keypair_name: 'mine now' })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.keypair_id}] does not belong to you`])
    assert.equal((await row(theirs.keypair_id)).keypair_name, 'theirs')
    const missing = await t.call('ModifyKeyPairAttributes', { keypair_name: 'x' })
    assert.deepEqual([missing.ret_code, missing.message], [1100, 'InvalidRequestFormat, missing parameter keypair'])
  })
})
