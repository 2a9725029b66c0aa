// AttachKeyPairs and DetachKeyPairs share their rules (keypair-binding.ts); both are covered here.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { bindKeyPair, insertKeyPair } from '../../../../test/support/fixtures-keypairs.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const bindings = async () => (await t.store.db.selectFrom('keypair_instances').select(['keypair_id', 'instance_id']).orderBy('keypair_id').orderBy('instance_id').execute()).map((b) => `${b.keypair_id}>${b.instance_id}`)
const instance = (id: string) => t.store.db.selectFrom('instances').selectAll().where('instance_id', '=', id).executeTakeFirstOrThrow()
const job = (id: string) => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()

async function clean() {
  await t.settle()
  await t.store.db.deleteFrom('keypair_instances').execute()
}

describe('AttachKeyPairs', () => {
  it('binds every key pair to every instance through a job; the instance is `updating` meanwhile', async () => {
    await clean()
    const [a, b] = [await insertKeyPair(t), await insertKeyPair(t)]
    const [running, stopped] = [await insertInstance(t), await insertInstance(t, { status: 'stopped' })]
    const reply = await t.call('AttachKeyPairs', { keypairs: [a.keypair_id, b.keypair_id], instances: [running.instance_id, stopped.instance_id] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.match(reply.job_id, /^j-/)
    assert.equal((await instance(running.instance_id)).transition_status, 'updating')
    assert.deepEqual(await bindings(), [])

    await t.settle()
    const done = await job(reply.job_id)
    assert.equal(done.status, 'successful')
    assert.equal(done.job_action, 'AttachKeyPairs')
    assert.equal((await instance(running.instance_id)).transition_status, '')
    assert.equal((await instance(stopped.instance_id)).status, 'stopped')
    assert.deepEqual(await bindings(), [`${a.keypair_id}>${running.instance_id}`, `${a.keypair_id}>${stopped.instance_id}`, `${b.keypair_id}>${running.instance_id}`, `${b.keypair_id}>${stopped.instance_id}`])
    const described = await t.call('DescribeKeyPairs', { keypairs: [a.keypair_id] })
    assert.deepEqual(described.keypair_set[0].instance_ids, [running.instance_id, stopped.instance_id].sort())
  })

  it('is idempotent: attaching a key pair that is already attached succeeds and keeps one binding', async () => {
    await clean()
    const kp = await insertKeyPair(t)
    const vm = await insertInstance(t)
    await bindKeyPair(t, kp.keypair_id, vm.instance_id)
    const reply = await t.call('AttachKeyPairs', { keypairs: [kp.keypair_id], instances: [vm.instance_id] })
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.deepEqual(await bindings(), [`${kp.keypair_id}>${vm.instance_id}`])
  })

  it('skips a key pair deleted while the job waited', async () => {
    await clean()
    const kp = await insertKeyPair(t)
    const vm = await insertInstance(t)
    const reply = await t.call('AttachKeyPairs', { keypairs: [kp.keypair_id], instances: [vm.instance_id] })
    assert.equal((await t.call('DeleteKeyPairs', { keypairs: [kp.keypair_id] })).ret_code, 0)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.deepEqual(await bindings(), [])
    assert.equal((await instance(vm.instance_id)).transition_status, '')
  })

  it('refuses unknown (2100) and other users’ (1400) key pairs and instances, and writes nothing', async () => {
    await clean()
    const mine = await insertKeyPair(t)
    const vm = await insertInstance(t)
    const theirs = await insertKeyPair(t, { owner: t.admin.user_id })
    const theirVm = await insertInstance(t, { owner: t.admin.user_id })
    const elsewhere = await insertKeyPair(t, { zone_id: 'sh1a' })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ keypairs: ['kp-nonexist'], instances: [vm.instance_id] }, 2100, 'ResourceNotFound, resource [kp-nonexist] not found'],
      [{ keypairs: [mine.keypair_id], instances: ['i-nonexist'] }, 2100, 'ResourceNotFound, resource [i-nonexist] not found'],
      [{ keypairs: [elsewhere.keypair_id], instances: [vm.instance_id] }, 2100, `ResourceNotFound, resource [${elsewhere.keypair_id}] not found`],
      [{ keypairs: [mine.keypair_id, theirs.keypair_id], instances: [vm.instance_id] }, 1400, `PermissionDenied, resource [${theirs.keypair_id}] does not belong to you`],
      [{ keypairs: [mine.keypair_id], instances: [vm.instance_id, theirVm.instance_id] }, 1400, `PermissionDenied, resource [${theirVm.instance_id}] does not belong to you`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('AttachKeyPairs', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.equal((await instance(vm.instance_id)).transition_status, '')
    assert.equal((await t.store.db.selectFrom('jobs').select('job_id').where('job_action', '=', 'AttachKeyPairs').where('status', '=', 'pending').execute()).length, 0)
  })

  it('needs running or stopped, idle instances (1400), checked before anything is written', async () => {
    await clean()
    const kp = await insertKeyPair(t)
    const ok = await insertInstance(t)
    const pending = await insertInstance(t, { status: 'pending', transition_status: 'creating' })
    const stopping = await insertInstance(t, { transition_status: 'stopping' })
    const terminated = await insertInstance(t, { status: 'terminated' })
    const suspended = await insertInstance(t, { status: 'suspended' })
    const cases: Array<[string, string]> = [
      [pending.instance_id, `PermissionDenied, instance [${pending.instance_id}] is [creating], please try later`],
      [stopping.instance_id, `PermissionDenied, instance [${stopping.instance_id}] is [stopping], please try later`],
      [terminated.instance_id, `PermissionDenied, instance [${terminated.instance_id}] is [terminated], can not attach key pairs`],
      [suspended.instance_id, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not attach key pairs`],
    ]
    for (const [id, message] of cases) {
      const reply = await t.call('AttachKeyPairs', { keypairs: [kp.keypair_id], instances: [ok.instance_id, id] })
      assert.deepEqual([reply.ret_code, reply.message], [1400, message])
    }
    assert.equal((await instance(ok.instance_id)).transition_status, '')
    // while one job holds the instance, a second one is refused
    assert.equal((await t.call('AttachKeyPairs', { keypairs: [kp.keypair_id], instances: [ok.instance_id] })).ret_code, 0)
    const busy = await t.call('DetachKeyPairs', { keypairs: [kp.keypair_id], instances: [ok.instance_id] })
    assert.deepEqual([busy.ret_code, busy.message], [1400, `PermissionDenied, instance [${ok.instance_id}] is [updating], please try later`])
  })

  it('answers 1100 for missing, empty or repeated lists', async () => {
    const kp = await insertKeyPair(t)
    const vm = await insertInstance(t)
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ instances: [vm.instance_id] }, /missing parameter keypairs/],
      [{ keypairs: [kp.keypair_id] }, /missing parameter instances/],
      [{ keypairs: [''], instances: [vm.instance_id] }, /missing parameter keypairs/],
      [{ keypairs: [kp.keypair_id, kp.keypair_id], instances: [vm.instance_id] }, /parameter keypairs lists \[kp-\w+\] more than once/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('AttachKeyPairs', params)
      assert.equal(reply.ret_code, 1100)
      assert.match(reply.message, message)
    }
  })
})

describe('DetachKeyPairs', () => {
  it('removes the bindings through a job and leaves the others', async () => {
    await clean()
    const [a, b] = [await insertKeyPair(t), await insertKeyPair(t)]
    const vm = await insertInstance(t, { status: 'stopped' })
    await bindKeyPair(t, a.keypair_id, vm.instance_id)
    await bindKeyPair(t, b.keypair_id, vm.instance_id)
    const reply = await t.call('DetachKeyPairs', { keypairs: [a.keypair_id], instances: [vm.instance_id] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal((await instance(vm.instance_id)).transition_status, 'updating')
    assert.equal((await bindings()).length, 2)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
    assert.deepEqual(await bindings(), [`${b.keypair_id}>${vm.instance_id}`])
    assert.deepEqual(await instance(vm.instance_id).then((i) => [i.status, i.transition_status]), ['stopped', ''])
  })

  it('is idempotent: detaching a key pair that is not attached succeeds', async () => {
    await clean()
    const kp = await insertKeyPair(t)
    const vm = await insertInstance(t)
    const reply = await t.call('DetachKeyPairs', { keypairs: [kp.keypair_id], instances: [vm.instance_id] })
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'successful')
  })

  it('applies the same ownership and state rules', async () => {
    const kp = await insertKeyPair(t)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    const pending = await insertInstance(t, { status: 'pending' })
    assert.equal((await t.call('DetachKeyPairs', { keypairs: ['kp-nonexist'], instances: [pending.instance_id] })).ret_code, 2100)
    assert.equal((await t.call('DetachKeyPairs', { keypairs: [kp.keypair_id], instances: [theirs.instance_id] })).ret_code, 1400)
    const reply = await t.call('DetachKeyPairs', { keypairs: [kp.keypair_id], instances: [pending.instance_id] })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${pending.instance_id}] is [pending], can not detach key pairs`])
  })
})
