// RunInstances' security_group, the default group for instances and cluster nodes, and the group
// as DescribeInstances verbose=1 shows it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { createGroup, defaultGroup, groupOfInstance } from '../../../test/support/fixtures-security-groups.ts'
import { describeOne, launch, LINUX } from '../../../test/support/fixtures-instances.ts'
import { deployed, nodesOf } from '../../../test/support/fixtures-clusters.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

describe('instances and security groups', () => {
  it('RunInstances puts the instances in the caller’s default group unless security_group names another', async () => {
    const [vm] = await launch(t)
    const fallback = await defaultGroup(t)
    assert.equal(await groupOfInstance(t, vm!), fallback.security_group_id)
    assert.deepEqual((await describeOne(t, vm!, { verbose: 1 })).security_group, { security_group_id: fallback.security_group_id, security_group_name: 'default security group', is_default: 1 })
    const web = await createGroup(t, 'web')
    const ids = await launch(t, { count: 2, security_group: web })
    for (const id of ids) assert.equal(await groupOfInstance(t, id), web)
    assert.deepEqual((await describeOne(t, ids[0]!, { verbose: 1 })).security_group, { security_group_id: web, security_group_name: 'web', is_default: 0 })
  })

  it('RunInstances answers 2100 for an unknown group (or one in another zone), 1400 for another user’s, and launches nothing', async () => {
    const theirs = await createGroup(t, 'theirs', { key: t.admin })
    const elsewhere = await createGroup(t, 'elsewhere', { zone: 'sh1a' })
    const count = async () => (await t.store.db.selectFrom('instances').select('instance_id').execute()).length
    const before = await count()
    const cases: Array<[string, number, string]> = [
      ['sg-nonexist', 2100, 'ResourceNotFound, resource [sg-nonexist] not found'],
      [elsewhere, 2100, `ResourceNotFound, resource [${elsewhere}] not found`],
      [theirs, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
    ]
    for (const [group, code, message] of cases) {
      for (const dry_run of [0, 1]) {
        const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', security_group: group, dry_run })
        assert.deepEqual([reply.ret_code, reply.message], [code, message])
      }
    }
    assert.equal(await count(), before)
  })

  it('a dry run makes no default group', async () => {
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', dry_run: 1, zone: 'sh1a' }, { key: t.admin })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(await t.store.db.selectFrom('security_groups').select('security_group_id').where('owner', '=', t.admin.user_id).where('zone_id', '=', 'sh1a').execute(), [])
  })

  it('cluster nodes go into the deployer’s default group', async () => {
    const { cluster_id } = await deployed(t)
    const fallback = (await defaultGroup(t)).security_group_id
    const nodes = await nodesOf(t, cluster_id)
    assert.ok(nodes.length > 0)
    for (const node of nodes) assert.equal(await groupOfInstance(t, node.instance_id), fallback)
  })
})
