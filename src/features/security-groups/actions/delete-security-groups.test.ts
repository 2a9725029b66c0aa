import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { insertLoadBalancer } from '../../../../test/support/lb-fixtures.ts'
import { addRules, createGroup, defaultGroup, groupOfInstance, groupRow } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const rulesOf = (group: string) => t.store.db.selectFrom('security_group_rules').select('security_group_rule_id').where('security_group_id', '=', group).execute()

describe('DeleteSecurityGroups', () => {
  it('deletes groups for good with their rules and tag bindings, and echoes the ids', async () => {
    const [a, b] = [await createGroup(t, 'a'), await createGroup(t, 'b')]
    await addRules(t, a, [{ protocol: 'tcp', priority: 1 }])
    const tag = await t.call('CreateTag', { tag_name: 'doomed' })
    assert.equal((await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_type: 'security_group', resource_id: a }] })).ret_code, 0)
    const reply = await t.call('DeleteSecurityGroups', { security_groups: [a, b] })
    assert.deepEqual(reply, { action: 'DeleteSecurityGroupsResponse', security_groups: [a, b], ret_code: 0 })
    assert.deepEqual([await groupRow(t, a), await groupRow(t, b)], [undefined, undefined])
    assert.deepEqual(await rulesOf(a), [])
    assert.deepEqual(await t.store.db.selectFrom('resource_tags').selectAll().where('resource_id', '=', a).execute(), [])
    assert.equal((await t.call('DescribeSecurityGroups', { security_groups: [a, b] })).total_count, 0)
  })

  it('never deletes the default group (1400)', async () => {
    const fallback = (await defaultGroup(t)).security_group_id
    const other = await createGroup(t)
    const reply = await t.call('DeleteSecurityGroups', { security_groups: [other, fallback] })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, security group [${fallback}] is the default security group, it can not be deleted`])
    assert.ok(await groupRow(t, fallback))
    assert.ok(await groupRow(t, other))
    assert.equal((await rulesOf(fallback)).length, 2)
  })

  it('refuses a group with instances in it (5400), pending ones included, and deletes nothing', async () => {
    const free = await createGroup(t, 'free')
    const used = await createGroup(t, 'used')
    const vm = await insertInstance(t, { status: 'stopped', security_group_id: used })
    const reply = await t.call('DeleteSecurityGroups', { security_groups: [free, used] })
    assert.deepEqual([reply.ret_code, reply.message], [5400, `ResourceDependence, security group [${used}] is still used by instance(s) [${vm.instance_id}], move them to another group (ApplySecurityGroup) first`])
    assert.ok(await groupRow(t, free))
    const launching = await createGroup(t, 'launching')
    const run = await t.call('RunInstances', { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1', security_group: launching })
    assert.equal(run.ret_code, 0, run.message)
    const pending = await t.call('DeleteSecurityGroups', { security_groups: [launching] })
    assert.deepEqual([pending.ret_code, pending.message], [5400, `ResourceDependence, security group [${launching}] is still used by instance(s) [${run.instances[0]}], move them to another group (ApplySecurityGroup) first`])
    await t.settle()
  })

  it('refuses a group a load balancer uses (5400), and deletes it once the load balancer is deleted or ceased', async () => {
    const used = await createGroup(t, 'lb')
    const lb = await insertLoadBalancer(t, { security_group_id: used })
    const reply = await t.call('DeleteSecurityGroups', { security_groups: [used] })
    assert.deepEqual([reply.ret_code, reply.message], [5400, `ResourceDependence, security group [${used}] is still used by load balancer(s) [${lb.loadbalancer_id}], move them to another group (ModifyLoadBalancerAttributes) first`])
    assert.ok(await groupRow(t, used))
    await t.store.db.updateTable('loadbalancers').set({ status: 'ceased' }).where('loadbalancer_id', '=', lb.loadbalancer_id).execute()
    assert.equal((await t.call('DeleteSecurityGroups', { security_groups: [used] })).ret_code, 0)
  })

  it('deletes a group whose instances are terminated; they go to the default group, ceased ones too', async () => {
    const group = await createGroup(t)
    const terminated = await insertInstance(t, { status: 'terminated', security_group_id: group })
    const ceased = await insertInstance(t, { status: 'ceased', security_group_id: group })
    assert.equal((await t.call('DeleteSecurityGroups', { security_groups: [group] })).ret_code, 0)
    const fallback = (await defaultGroup(t)).security_group_id
    assert.deepEqual([await groupOfInstance(t, terminated.instance_id), await groupOfInstance(t, ceased.instance_id)], [fallback, fallback])
  })

  it('answers 2100 for unknown ids (also in another zone), 1400 for another user’s, 1100 for bad lists', async () => {
    const mine = await createGroup(t, 'mine')
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const elsewhere = await createGroup(t, 'elsewhere', { zone: 'sh1a' })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ security_groups: [mine, 'sg-nonexist'] }, 2100, 'ResourceNotFound, resource [sg-nonexist] not found'],
      [{ security_groups: [elsewhere] }, 2100, `ResourceNotFound, resource [${elsewhere}] not found`],
      [{ security_groups: [mine, theirs] }, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
      [{}, 1100, 'InvalidRequestFormat, missing parameter security_groups'],
      [{ security_groups: [mine, mine] }, 1100, `InvalidRequestFormat, parameter security_groups lists [${mine}] more than once`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteSecurityGroups', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.ok(await groupRow(t, mine))
    assert.equal((await t.call('DeleteSecurityGroups', { security_groups: [elsewhere], zone: 'sh1a' })).ret_code, 0)
  })
})
