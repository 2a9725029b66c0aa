import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { bindKeyPair, insertKeyPair } from '../../../../test/support/fixtures-keypairs.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const exists = async (id: string) => (await t.store.db.selectFrom('keypairs').select('keypair_id').where('keypair_id', '=', id).executeTakeFirst()) !== undefined
const tagRows = (id: string) => t.store.db.selectFrom('resource_tags').selectAll().where('resource_id', '=', id).execute()

describe('DeleteKeyPairs', () => {
  it('deletes key pairs for good, with their tag bindings, and echoes the ids', async () => {
    const [a, b] = [await insertKeyPair(t), await insertKeyPair(t)]
    await t.store.db.insertInto('tags').values({ tag_id: 'tag-00000001', owner: t.user.user_id, tag_name: 'x', description: null, color: '#9f9bb7', create_time: '2026-01-15T08:00:00Z' }).execute()
    await t.store.db.insertInto('resource_tags').values({ tag_id: 'tag-00000001', resource_id: a.keypair_id, resource_type: 'keypair', owner: t.user.user_id, create_time: '2026-01-15T08:00:00Z' }).execute()
    const reply = await t.call('DeleteKeyPairs', { keypairs: [a.keypair_id, b.keypair_id] })
    assert.deepEqual(reply, { action: 'DeleteKeyPairsResponse', keypairs: [a.keypair_id, b.keypair_id], ret_code: 0 })
    assert.equal(await exists(a.keypair_id), false)
    assert.equal(await exists(b.keypair_id), false)
    assert.deepEqual(await tagRows(a.keypair_id), [])
    assert.equal((await t.call('DescribeKeyPairs', { keypairs: [a.keypair_id] })).total_count, 0)
  })

  it('refuses a key pair still attached to a live instance (5400) and deletes nothing', async () => {
    const free = await insertKeyPair(t)
    const used = await insertKeyPair(t)
    const vm = await insertInstance(t, { status: 'stopped' })
    await bindKeyPair(t, used.keypair_id, vm.instance_id)
    const reply = await t.call('DeleteKeyPairs', { keypairs: [free.keypair_id, used.keypair_id] })
    assert.equal(reply.ret_code, 5400)
    assert.equal(reply.message, `ResourceDependence, keypair [${used.keypair_id}] is still attached to instance [${vm.instance_id}], detach it first`)
    assert.equal(await exists(free.keypair_id), true)
    assert.equal(await exists(used.keypair_id), true)
  })

  it('deletes a key pair whose only instances are terminated or ceased, bindings included', async () => {
    const kp = await insertKeyPair(t)
    const terminated = await insertInstance(t, { status: 'terminated' })
    const ceased = await insertInstance(t, { status: 'ceased' })
    await bindKeyPair(t, kp.keypair_id, terminated.instance_id)
    await bindKeyPair(t, kp.keypair_id, ceased.instance_id)
    assert.equal((await t.call('DeleteKeyPairs', { keypairs: [kp.keypair_id] })).ret_code, 0)
    assert.deepEqual(await t.store.db.selectFrom('keypair_instances').selectAll().where('keypair_id', '=', kp.keypair_id).execute(), [])
  })

  it('answers 2100 for unknown ids (also in another zone), 1400 for another user’s, 1100 for bad lists', async () => {
    const mine = await insertKeyPair(t)
    const theirs = await insertKeyPair(t, { owner: t.admin.user_id })
    const elsewhere = await insertKeyPair(t, { zone_id: 'sh1a' })
    const cases: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ keypairs: [mine.keypair_id, 'kp-nonexist'] }, 2100, /^ResourceNotFound, resource \[kp-nonexist\] not found$/],
      [{ keypairs: [elsewhere.keypair_id] }, 2100, /ResourceNotFound/],
      [{ keypairs: [mine.keypair_id, theirs.keypair_id] }, 1400, /^PermissionDenied, resource \[kp-\w+\] does not belong to you$/],
      [{}, 1100, /missing parameter keypairs/],
      [{ keypairs: [mine.keypair_id, mine.keypair_id] }, 1100, /more than once/],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteKeyPairs', params)
      assert.equal(reply.ret_code, code, JSON.stringify(params))
      assert.match(reply.message, message)
    }
    assert.equal(await exists(mine.keypair_id), true)
    assert.equal((await t.call('DeleteKeyPairs', { keypairs: [elsewhere.keypair_id], zone: 'sh1a' })).ret_code, 0)
  })
})
