// CreateVxnets, DescribeVxnets, ModifyVxnetAttributes, DeleteVxnets: the vxnets themselves.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createVxnet, createVxnets } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const row = (id: string) => t.store.db.selectFrom('vxnets').selectAll().where('vxnet_id', '=', id).executeTakeFirst()
const describeOne = async (id: string, params: Record<string, unknown> = {}) => {
  const reply = await t.call('DescribeVxnets', { vxnets: [id], ...params })
  assert.equal(reply.total_count, 1, `${id} should be describable`)
  return reply.vxnet_set[0]
}

describe('CreateVxnets', () => {
  it('creates managed vxnets, each with its own 192.168.N.0/24, and self-managed ones without addresses', async () => {
    const user = await payingUser(t, 0)
    const reply = await t.call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'backend', count: 2 }, { key: user.key })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'ret_code', 'vxnets'])
    assert.equal(reply.vxnets.length, 2)
    for (const id of reply.vxnets) assert.match(id, /^vxnet-[0-9a-z]{7}$/)
    const [a, b] = [await row(reply.vxnets[0]), await row(reply.vxnets[1])]
    assert.deepEqual([a!.ip_network, b!.ip_network, a!.vxnet_name, a!.vxnet_type, a!.owner], ['192.168.0.0/24', '192.168.1.0/24', 'backend', 1, user.user_id])
    const [self] = await createVxnets(t, { vxnet_type: 0 }, { key: user.key })
    assert.deepEqual([(await row(self!))!.ip_network, (await row(self!))!.vxnet_type], ['', 0])
    // another user starts at 192.168.0.0/24 too; a deleted network's number is taken again
    const other = await createVxnet(t, { vxnet_type: 1 })
    const otherRow = await row(other)
    assert.ok(otherRow!.ip_network.startsWith('192.168.'))
    ok(await t.call('DeleteVxnets', { vxnets: [reply.vxnets[0]] }, { key: user.key }))
    const again = await createVxnet(t, {}, { key: user.key })
    assert.equal((await row(again))!.ip_network, '192.168.0.0/24')
  })

  it('counts against the vxnet quota (2500) and creates nothing beyond it', async () => {
    const user = await payingUser(t, 0)
    await setQuotas(t, { vxnet: 2 }, { user: user.user_id })
    await createVxnet(t, {}, { key: user.key })
    const reply = await t.call('CreateVxnets', { vxnet_type: 1, count: 2 }, { key: user.key })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 1 vxnet quota left currently'])
    assert.equal((await t.call('DescribeVxnets', { vxnet_type: 1 }, { key: user.key })).total_count, 2) // theirs + vxnet-0
  })

  it('answers 1100 for a missing or unknown vxnet_type and a bad count', async () => {
    for (const [params, message] of [
      [{}, /vxnet_type/],
      [{ vxnet_type: 2 }, /vxnet_type/],
      [{ vxnet_type: 1, count: 0 }, /count/],
    ] as const) {
      const reply = await t.call('CreateVxnets', params)
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, message)
    }
  })
})

describe('DescribeVxnets', () => {
  it('lists the caller’s vxnets newest first, then vxnet-0, with the reference’s fields', async () => {
    const user = await payingUser(t, 0)
    const managed = await createVxnet(t, { vxnet_name: 'web', description: 'front' }, { key: user.key })
    t.clock.advance(1000)
    const self = await createVxnet(t, { vxnet_type: 0, vxnet_name: 'raw' }, { key: user.key })
    const all = await t.call('DescribeVxnets', {}, { key: user.key })
    assert.equal(all.total_count, 3)
    assert.deepEqual(
      all.vxnet_set.map((v: { vxnet_id: string }) => v.vxnet_id),
      [self, managed, 'vxnet-0'],
    )
    assert.deepEqual(all.vxnet_set[1], {
      vxnet_id: managed,
      vxnet_name: 'web',
      vxnet_type: 1,
      description: 'front',
      ip_network: '192.168.0.0/24',
      available_ip_count: 253,
      // joined to no router (join-leave-router.test.ts has the joined shape)
      router: null,
      vpc_router_id: '',
      tags: [],
      owner: user.user_id,
      zone_id: 'pek3a',
      create_time: '2026-01-15T08:00:00Z',
    })
    assert.deepEqual([all.vxnet_set[0].available_ip_count, all.vxnet_set[0].ip_network, all.vxnet_set[0].description], [0, '', null])
    const base = all.vxnet_set[2]
    assert.deepEqual([base.vxnet_name, base.vxnet_type, base.ip_network, base.owner, base.create_time, base.tags], ['base network', 1, '10.140.0.0/16', 'system', null, []])
    assert.equal(typeof base.available_ip_count, 'number')
  })

  it('filters by ids, vxnet_type, search_word and tags; vxnet-0 only when the filters allow it', async () => {
    const user = await payingUser(t, 0)
    const a = await createVxnet(t, { vxnet_name: 'alpha' }, { key: user.key })
    t.clock.advance(1000)
    const b = await createVxnet(t, { vxnet_type: 0, vxnet_name: 'beta' }, { key: user.key })
    const ids = async (params: Record<string, unknown>) => (await t.call('DescribeVxnets', params, { key: user.key })).vxnet_set.map((v: { vxnet_id: string }) => v.vxnet_id)
    assert.deepEqual(await ids({ vxnets: [a] }), [a])
    assert.deepEqual(await ids({ vxnets: ['vxnet-0'] }), ['vxnet-0'])
    assert.deepEqual(await ids({ vxnets: [a, 'vxnet-0', 'vxnet-nothere'] }), [a, 'vxnet-0'])
    assert.deepEqual(await ids({ vxnets: ['vxnet-nothere'] }), [])
    assert.deepEqual(await ids({ vxnet_type: 0 }), [b])
    assert.deepEqual(await ids({ vxnet_type: 1 }), [a, 'vxnet-0'])
    assert.deepEqual(await ids({ search_word: 'alph' }), [a])
    assert.deepEqual(await ids({ search_word: 'base' }), ['vxnet-0'])
    const tag = await t.call('CreateTag', { tag_name: 'net' }, { key: user.key })
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_type: 'vxnet', resource_id: b }] }, { key: user.key }))
    assert.deepEqual(await ids({ tags: [tag.tag_id] }), [b])
    const tagged = (await t.call('DescribeVxnets', { vxnets: [b] }, { key: user.key })).vxnet_set[0]
    assert.deepEqual(
      tagged.tags.map((x: { tag_id: string }) => x.tag_id),
      [tag.tag_id],
    )
    // paging runs over the user's vxnets and then vxnet-0
    assert.deepEqual(await ids({ limit: 1 }), [b])
    assert.deepEqual(await ids({ offset: 2, limit: 5 }), ['vxnet-0'])
    assert.equal((await t.call('DescribeVxnets', { offset: 3 }, { key: user.key })).total_count, 3)
    // another user's vxnets are not listed; a user asking for another owner gets nothing
    assert.deepEqual((await t.call('DescribeVxnets', { vxnets: [a] })).total_count, 0)
    assert.deepEqual((await t.call('DescribeVxnets', { owner: user.user_id })).total_count, 0)
  })

  it('verbose=1 adds instance_ids (the caller’s own, in vxnet-0 too); available_ip_count drops as members join', async () => {
    const vx = await createVxnet(t)
    const id = await launchOne(t, 'running', { vxnets: [vx] })
    const plain = await describeOne(vx)
    assert.equal('instance_ids' in plain, false)
    assert.equal(plain.available_ip_count, 252)
    assert.deepEqual((await describeOne(vx, { verbose: 1 })).instance_ids, [id])
    const inBase = await launchOne(t)
    assert.ok((await describeOne('vxnet-0', { verbose: 1 })).instance_ids.includes(inBase))
    const stranger = await payingUser(t, 0)
    assert.deepEqual((await t.call('DescribeVxnets', { vxnets: ['vxnet-0'], verbose: 1 }, { key: stranger.key })).vxnet_set[0].instance_ids, [])
  })
})

describe('ModifyVxnetAttributes', () => {
  it('renames and describes a vxnet; empty values change nothing', async () => {
    const vx = await createVxnet(t, { vxnet_name: 'old' })
    ok(await t.call('ModifyVxnetAttributes', { vxnet: vx, vxnet_name: 'new', description: 'about' }))
    assert.deepEqual([(await row(vx))!.vxnet_name, (await row(vx))!.description], ['new', 'about'])
    ok(await t.call('ModifyVxnetAttributes', { vxnet: vx, vxnet_name: '' }))
    assert.equal((await row(vx))!.vxnet_name, 'new')
  })

  it('refuses unknown (2100), other users’ (1400) vxnets and vxnet-0 (1400)', async () => {
    const theirs = await createVxnet(t, {}, { key: (await payingUser(t, 0)).key })
    const cases: Array<[string, number, string]> = [
      ['vxnet-nothere', 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [theirs, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
      ['vxnet-0', 1400, 'PermissionDenied, vxnet [vxnet-0] is the base network, can not be modified'],
    ]
    for (const [vxnet, code, message] of cases) {
      const reply = await t.call('ModifyVxnetAttributes', { vxnet, vxnet_name: 'x' })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.equal((await row(theirs))!.vxnet_name, '')
  })
})

describe('DeleteVxnets', () => {
  it('deletes empty vxnets for good, with their tags, and echoes the ids', async () => {
    const [a, b] = await createVxnets(t, { count: 2 })
    const tag = await t.call('CreateTag', { tag_name: 'gone' })
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_type: 'vxnet', resource_id: a }] }))
    const reply = await t.call('DeleteVxnets', { vxnets: [a, b] })
    assert.deepEqual(reply, { action: 'DeleteVxnetsResponse', vxnets: [a, b], ret_code: 0 })
    assert.equal(await row(a!), undefined)
    assert.deepEqual(await t.store.db.selectFrom('resource_tags').selectAll().where('resource_id', '=', a!).execute(), [])
    assert.equal((await t.call('DescribeVxnets', { vxnets: [a, b] })).total_count, 0)
  })

  it('refuses a vxnet with members (5400) until they leave or are terminated, and deletes nothing', async () => {
    const [free, used] = await createVxnets(t, { count: 2 })
    const id = await launchOne(t, 'running', { vxnets: [used] })
    const reply = await t.call('DeleteVxnets', { vxnets: [free, used] })
    assert.deepEqual([reply.ret_code, reply.message], [5400, `ResourceDependence, vxnet [${used}] still has instance [${id}], it must leave the vxnet first`])
    assert.ok(await row(free!))
    ok(await t.call('TerminateInstances', { instances: [id] }))
    await t.settle()
    ok(await t.call('DeleteVxnets', { vxnets: [free, used] }))
  })

  it('refuses vxnet-0 (1400), unknown (2100) and other users’ (1400) vxnets, and bad lists (1100)', async () => {
    const mine = await createVxnet(t)
    const theirs = await createVxnet(t, {}, { key: (await payingUser(t, 0)).key })
    const cases: Array<[unknown[], number, string]> = [
      [[mine, 'vxnet-0'], 1400, 'PermissionDenied, vxnet [vxnet-0] is the base network, can not be deleted'],
      [[mine, 'vxnet-nothere'], 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [[mine, theirs], 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
      [[mine, mine], 1100, `InvalidRequestFormat, parameter vxnets lists [${mine}] more than once`],
      [[''], 1100, 'InvalidRequestFormat, missing parameter vxnets'],
    ]
    for (const [vxnets, code, message] of cases) {
      const reply = await t.call('DeleteVxnets', { vxnets })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.ok(await row(mine))
  })
})
