import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { createGroup, defaultGroup } from '../../../../test/support/fixtures-security-groups.ts'
import { launch } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.security_group_set as Array<{ security_group_id: string }>).map((g) => g.security_group_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeSecurityGroups', () => {
  it('shows a new user’s default group from the first listing on, with the same id every time', async () => {
    const reply = await t.call('DescribeSecurityGroups')
    assert.equal(reply.ret_code, 0, reply.message)
    assert.equal(reply.total_count, 1)
    const [group] = reply.security_group_set
    assert.match(group.security_group_id, /^sg-[0-9a-z]{8}$/)
    assert.deepEqual(group, {
      security_group_id: group.security_group_id,
      security_group_name: 'default security group',
      description: null,
      is_applied: 1,
      is_default: 1,
      tags: [],
      owner: t.user.user_id,
      zone_id: 'pek3a',
      create_time: '2026-01-15T08:00:00Z',
    })
    assert.deepEqual(ids(await t.call('DescribeSecurityGroups')), [group.security_group_id])
    // it opens inbound ping and SSH
    const rules = await t.call('DescribeSecurityGroupRules', { security_group: group.security_group_id })
    assert.deepEqual(
      rules.security_group_rule_set.map((r: Record<string, unknown>) => [r.security_group_rule_name, r.protocol, r.priority, r.action, r.direction, r.val1, r.val2, r.val3]),
      [
        ['ping', 'icmp', 0, 'accept', 0, '8', '0', ''],
        ['ssh', 'tcp', 1, 'accept', 0, '22', '', ''],
      ],
    )
    for (const r of rules.security_group_rule_set) assert.match(r.security_group_rule_id, /^sgr-[0-9a-z]{8}$/)
    // each zone has its own
    const there = await defaultGroup(t, { zone: 'sh1a' })
    assert.notEqual(there.security_group_id, group.security_group_id)
    assert.equal(there.zone_id, 'sh1a')
  })

  it('verbose=1 lists the instances in each group (resources), leaving out terminated ones', async () => {
    const web = await createGroup(t, 'web-verbose')
    const [a, b] = await launch(t, { count: 2, security_group: web, instance_name: 'app' })
    const [c] = await launch(t, { security_group: web, instance_name: 'gone' })
    assert.equal((await t.call('TerminateInstances', { instances: [c] })).ret_code, 0)
    await t.settle()
    const plain = await t.call('DescribeSecurityGroups', { security_groups: [web] })
    assert.equal('resources' in plain.security_group_set[0], false)
    const verbose = await t.call('DescribeSecurityGroups', { security_groups: [web], verbose: 1 })
    assert.deepEqual(
      verbose.security_group_set[0].resources,
      [a, b].sort().map((id) => ({ resource_id: id, resource_name: 'app', resource_type: 'instance' })),
    )
    const empty = await createGroup(t, 'empty-verbose')
    assert.deepEqual((await t.call('DescribeSecurityGroups', { security_groups: [empty], verbose: 1 })).security_group_set[0].resources, [])
  })

  it('filters by id, search_word (id or name) and tags; pages with offset/limit, newest first', async () => {
    const [x, y] = [await createGroup(t, 'filter-alpha'), await createGroup(t, 'filter-beta')]
    assert.deepEqual(ids(await t.call('DescribeSecurityGroups', { security_groups: [x, 'sg-nonexist'] })), [x])
    assert.deepEqual(ids(await t.call('DescribeSecurityGroups', { search_word: 'filter-' })).sort(), [x, y].sort())
    assert.deepEqual(ids(await t.call('DescribeSecurityGroups', { search_word: y })), [y])
    const tag = await t.call('CreateTag', { tag_name: 'sg-tag' })
    assert.equal((await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_type: 'security_group', resource_id: y }] })).ret_code, 0)
    const tagged = await t.call('DescribeSecurityGroups', { tags: [tag.tag_id] })
    assert.deepEqual(ids(tagged), [y])
    assert.equal(tagged.security_group_set[0].tags[0].tag_name, 'sg-tag')
    const all = await t.call('DescribeSecurityGroups', { limit: 100 })
    const paged = await t.call('DescribeSecurityGroups', { offset: 1, limit: 2 })
    assert.equal(paged.total_count, all.total_count)
    assert.deepEqual(ids(paged), ids(all).slice(1, 3))
    assert.deepEqual(ids(await t.call('DescribeSecurityGroups', { security_groups: ['sg-nonexist'] })), [])
  })

  it('shows nothing of another user’s groups to a user; an admin sees them with owner, making no default group', async () => {
    const mine = await createGroup(t, 'private')
    const groupsOf = (owner: string) => t.store.db.selectFrom('security_groups').select('security_group_id').where('owner', '=', owner).where('zone_id', '=', 'pek3a').execute()
    const byOwner = await t.call('DescribeSecurityGroups', { owner: t.user.user_id, security_groups: [mine] }, { key: t.admin })
    assert.deepEqual(ids(byOwner), [mine])
    // listing someone else's groups makes no default group for the admin
    assert.deepEqual(await groupsOf(t.admin.user_id), [])
    const theirs = await t.call('DescribeSecurityGroups', { security_groups: [mine] }, { key: t.admin })
    assert.equal(theirs.total_count, 0)
    const userNamesAdmin = await t.call('DescribeSecurityGroups', { owner: t.admin.user_id })
    assert.equal(userNamesAdmin.total_count, 0)
  })
})
