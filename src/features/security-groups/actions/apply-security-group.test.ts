import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { addRules, createGroup, defaultGroup, groupOfInstance, groupRow } from '../../../../test/support/fixtures-security-groups.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const instance = (id: string) => t.store.db.selectFrom('instances').selectAll().where('instance_id', '=', id).executeTakeFirstOrThrow()
const job = (id: string) => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()

describe('ApplySecurityGroup', () => {
  it('moves the instances named into the group through a job (updating meanwhile) and marks the group applied', async () => {
    const group = await createGroup(t)
    await addRules(t, group, [{ protocol: 'tcp', priority: 1, val1: '443' }])
    assert.equal((await groupRow(t, group))?.is_applied, 0)
    const running = await launchOne(t)
    const stopped = await launchOne(t, 'stopped')
    const fallback = (await defaultGroup(t)).security_group_id
    assert.equal(await groupOfInstance(t, running), fallback)

    const reply = await t.call('ApplySecurityGroup', { security_group: group, instances: [running, stopped] })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'job_id', 'ret_code'])
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual([(await instance(running)).transition_status, (await instance(stopped)).transition_status], ['updating', 'updating'])
    // nothing moves before the job settles
    assert.equal(await groupOfInstance(t, running), fallback)
    assert.equal((await groupRow(t, group))?.is_applied, 0)
    await t.settle()
    const done = await job(reply.job_id)
    assert.deepEqual([done.status, done.job_action, done.resource_ids], ['successful', 'ApplySecurityGroup', `${group} ${running} ${stopped}`])
    assert.deepEqual([await groupOfInstance(t, running), await groupOfInstance(t, stopped)], [group, group])
    assert.deepEqual([(await instance(running)).transition_status, (await instance(stopped)).status], ['', 'stopped'])
    assert.equal((await groupRow(t, group))?.is_applied, 1)
    const verbose = await t.call('DescribeInstances', { instances: [running], verbose: 1 })
    assert.deepEqual(verbose.instance_set[0].security_group, { security_group_id: group, security_group_name: 'web', is_default: 0 })
  })

  it('without instances re-applies to the members, leaving them alone, and marks the group applied', async () => {
    const group = await createGroup(t)
    const member = await launchOne(t, 'running', { security_group: group })
    await addRules(t, group, [{ protocol: 'udp', priority: 1 }])
    const reply = await t.call('ApplySecurityGroup', { security_group: group })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal((await instance(member)).transition_status, '')
    await t.settle()
    assert.deepEqual([(await job(reply.job_id)).status, (await job(reply.job_id)).resource_ids], ['successful', group])
    assert.equal((await groupRow(t, group))?.is_applied, 1)
    assert.equal(await groupOfInstance(t, member), group)
  })

  it('fails the job and moves nobody when the group is deleted before it settles', async () => {
    const group = await createGroup(t)
    const vm = await launchOne(t)
    const before = await groupOfInstance(t, vm)
    const reply = await t.call('ApplySecurityGroup', { security_group: group, instances: [vm] })
    // the instance has not moved yet, so the group is not in use
    assert.equal((await t.call('DeleteSecurityGroups', { security_groups: [group] })).ret_code, 0)
    await t.settle()
    assert.equal((await job(reply.job_id)).status, 'failed')
    assert.equal(await groupOfInstance(t, vm), before)
    assert.equal((await instance(vm)).transition_status, '')
  })

  it('needs running or stopped, idle instances of the caller (1400, 2100), checked before anything is written', async () => {
    const group = await createGroup(t)
    const ok = await insertInstance(t)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    const elsewhere = await insertInstance(t, { zone_id: 'sh1a' })
    const pending = await insertInstance(t, { status: 'pending', transition_status: 'creating' })
    const busy = await insertInstance(t, { transition_status: 'stopping' })
    const terminated = await insertInstance(t, { status: 'terminated' })
    const suspended = await insertInstance(t, { status: 'suspended' })
    const theirGroup = await createGroup(t, 'theirs', { key: t.admin })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ security_group: 'sg-nonexist' }, 2100, 'ResourceNotFound, resource [sg-nonexist] not found'],
      [{ security_group: theirGroup, instances: [ok.instance_id] }, 1400, `PermissionDenied, resource [${theirGroup}] does not belong to you`],
      [{ security_group: group, instances: [ok.instance_id, 'i-nonexist'] }, 2100, 'ResourceNotFound, resource [i-nonexist] not found'],
      [{ security_group: group, instances: [ok.instance_id, elsewhere.instance_id] }, 2100, `ResourceNotFound, resource [${elsewhere.instance_id}] not found`],
      [{ security_group: group, instances: [ok.instance_id, theirs.instance_id] }, 1400, `PermissionDenied, resource [${theirs.instance_id}] does not belong to you`],
      [{ security_group: group, instances: [ok.instance_id, pending.instance_id] }, 1400, `PermissionDenied, instance [${pending.instance_id}] is [creating], please try later`],
      [{ security_group: group, instances: [ok.instance_id, busy.instance_id] }, 1400, `PermissionDenied, instance [${busy.instance_id}] is [stopping], please try later`],
      [{ security_group: group, instances: [ok.instance_id, terminated.instance_id] }, 1400, `PermissionDenied, instance [${terminated.instance_id}] is [terminated], can not apply a security group`],
      [{ security_group: group, instances: [ok.instance_id, suspended.instance_id] }, 1400, `PermissionDenied, instance [${suspended.instance_id}] is [suspended], can not apply a security group`],
      [{ security_group: group, instances: [ok.instance_id, ok.instance_id] }, 1100, `InvalidRequestFormat, parameter instances lists [${ok.instance_id}] more than once`],
      [{ instances: [ok.instance_id] }, 1100, 'InvalidRequestFormat, missing parameter security_group'],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('ApplySecurityGroup', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message], JSON.stringify(params))
    }
    assert.equal((await instance(ok.instance_id)).transition_status, '')
    assert.equal((await t.store.db.selectFrom('jobs').select('job_id').where('job_action', '=', 'ApplySecurityGroup').where('status', '=', 'pending').execute()).length, 0)
    // while one job holds the instance, a second one is refused
    assert.equal((await t.call('ApplySecurityGroup', { security_group: group, instances: [ok.instance_id] })).ret_code, 0)
    const again = await t.call('ApplySecurityGroup', { security_group: group, instances: [ok.instance_id] })
    assert.deepEqual([again.ret_code, again.message], [1400, `PermissionDenied, instance [${ok.instance_id}] is [updating], please try later`])
    await t.settle()
  })
})
