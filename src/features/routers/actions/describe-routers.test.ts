// DescribeRouters: filters (ids, status, search_word, tags, owner for admins), paging, verbose
// vxnets, deleted routers kept by id, and every field terraform's qingcloud_vpc reads with its type.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocateOne } from '../../../../test/support/fixtures-eips.ts'
import { createRouter, createRouters, describeRouter, routerJob } from '../../../../test/support/fixtures-routers.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const ids = (reply: Record<string, any>): string[] => reply.router_set.map((r: { router_id: string }) => r.router_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeRouters', () => {
  it('lists the caller’s routers newest first, filtered by id, status, search_word and tags, and pages them', async () => {
    const { key } = await payingUser(t, 10)
    const [a, b, c] = await createRouters(t, { router_name: 'alpha', count: 3 }, { key })
    t.clock.advance(1000)
    const named = await createRouter(t, { router_name: 'edge gateway' }, { key })
    await routerJob(t, 'PowerOffRouters', [a!], { key })
    const all = ok(await t.call('DescribeRouters', {}, { key }))
    assert.equal(all.total_count, 4)
    assert.equal(ids(all)[0], named)
    assert.deepEqual(ids(ok(await t.call('DescribeRouters', { routers: [b, c] }, { key }))).sort(), [b, c].sort())
    assert.deepEqual(ids(ok(await t.call('DescribeRouters', { status: ['poweroffed'] }, { key }))), [a])
    const search = ok(await t.call('DescribeRouters', { search_word: 'gateway' }, { key }))
    assert.deepEqual([search.total_count, ids(search)], [1, [named]])
    assert.deepEqual(ids(ok(await t.call('DescribeRouters', { search_word: named.slice(4) }, { key }))), [named])
    const paged = ok(await t.call('DescribeRouters', { offset: 1, limit: 2 }, { key }))
    assert.deepEqual([paged.total_count, paged.router_set.length], [4, 2])

    const tag = ok(await t.call('CreateTag', { tag_name: 'prod' }, { key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'router', resource_id: b }] }, { key }))
    const tagged = ok(await t.call('DescribeRouters', { tags: [tag] }, { key }))
    assert.deepEqual([tagged.total_count, ids(tagged)], [1, [b]])
    assert.deepEqual(
      tagged.router_set[0].tags.map((x: { tag_id: string; tag_name: string }) => [x.tag_id, x.tag_name]),
      [[tag, 'prod']],
    )
  })

  it('shows `vxnets` only with verbose=1, and keeps a deleted router describable by id but out of listings', async () => {
    const { key } = await payingUser(t, 10)
    const id = await createRouter(t, {}, { key })
    assert.equal((await describeRouter(t, id, { key, verbose: 0 })).vxnets, undefined)
    assert.deepEqual((await describeRouter(t, id, { key, verbose: 1 })).vxnets, [])
    await routerJob(t, 'DeleteRouters', [id], { key })
    const gone = await describeRouter(t, id, { key })
    assert.deepEqual([gone.status, gone.transition_status], ['deleted', ''])
    assert.equal(ok(await t.call('DescribeRouters', {}, { key })).total_count, 0)
    assert.deepEqual(ids(ok(await t.call('DescribeRouters', { status: ['deleted'] }, { key }))), [id])
  })

  it('shows no one else’s routers, except to an admin naming the owner', async () => {
    const mine = await payingUser(t, 10)
    const theirs = await payingUser(t, 10)
    const id = await createRouter(t, {}, { key: theirs.key })
    assert.equal(ok(await t.call('DescribeRouters', { routers: [id] }, { key: mine.key })).total_count, 0)
    assert.equal(ok(await t.call('DescribeRouters', { owner: theirs.user_id }, { key: mine.key })).total_count, 0)
    const adminKey = { access_key_id: t.admin.access_key_id, secret_access_key: t.admin.secret_access_key }
    assert.deepEqual(ids(ok(await t.call('DescribeRouters', { owner: theirs.user_id }, { key: adminKey }))), [id])
  })

  it('answers 1100 naming status.N for a status routers never have', async () => {
    const reply = await t.call('DescribeRouters', { status: ['running'] })
    assert.equal(reply.ret_code, 1100)
    assert.match(reply.message, /^InvalidRequestFormat, .*status/)
  })

  it('has every field terraform’s qingcloud_vpc reads, with the JSON type the Go SDK decodes', async () => {
    const { key } = await payingUser(t, 10)
    const id = await createRouter(t, { router_name: 'tf', router_type: 2 }, { key })
    const tag = ok(await t.call('CreateTag', { tag_name: 'tf' }, { key })).tag_id
    ok(await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'router', resource_id: id }] }, { key }))
    const check = (router: Record<string, any>) => {
      // eslint-disable-line @typescript-eslint/no-explicit-any
      const expected: Array<[string, unknown, string]> = [
        ['router_id', router.router_id, 'string'],
        ['router_name', router.router_name, 'string'],
        ['router_type', router.router_type, 'number'],
        ['security_group_id', router.security_group_id, 'string'],
        ['private_ip', router.private_ip, 'string'],
        ['status', router.status, 'string'],
        ['transition_status', router.transition_status, 'string'],
        ['status_time', router.status_time, 'string'],
        ['is_applied', router.is_applied, 'number'],
        ['features', router.features, 'number'],
        ['mode', router.mode, 'number'],
        ['vpc_network', router.vpc_network, 'string'],
        ['create_time', router.create_time, 'string'],
        ['eip', router.eip, 'object'],
        ['eip.eip_id', router.eip?.eip_id, 'string'],
        ['eip.eip_name', router.eip?.eip_name, 'string'],
        ['eip.eip_addr', router.eip?.eip_addr, 'string'],
        ['tags', router.tags, 'object'],
      ]
      for (const [field, value, type] of expected) assert.equal(typeof value, type, `${field}: ${JSON.stringify(value)}`)
      assert.ok(Number.isInteger(router.router_type) && Number.isInteger(router.is_applied))
      assert.ok(router.description === null || typeof router.description === 'string', 'description: string or null')
      assert.ok(Array.isArray(router.vxnets), 'vxnets with verbose=1')
      for (const field of ['create_time', 'status_time']) assert.match(router[field], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, field)
      for (const tg of router.tags) assert.deepEqual([typeof tg.tag_id, typeof tg.tag_name], ['string', 'string'])
    }
    const unbound = await describeRouter(t, id, { key })
    check(unbound)
    assert.deepEqual(unbound.eip, { eip_id: '', eip_name: '', eip_addr: '' })
    assert.deepEqual([unbound.router_type, unbound.tags[0].tag_id, unbound.tags[0].tag_name], [2, tag, 'tf'])

    const eip = await allocateOne(t, { eip_name: 'public' }, { key })
    ok(await t.call('ModifyRouterAttributes', { router: id, eip, description: 'vpc of tf' }, { key }))
    const bound = await describeRouter(t, id, { key })
    check(bound)
    const addr = ok(await t.call('DescribeEips', { eips: [eip] }, { key })).eip_set[0].eip_addr
    assert.deepEqual([bound.eip, bound.description], [{ eip_id: eip, eip_name: 'public', eip_addr: addr }, 'vpc of tf'])

    // after DeleteRouters terraform polls by id until it reads deleted
    await routerJob(t, 'DeleteRouters', [id], { key })
    const deleted = await describeRouter(t, id, { key })
    check(deleted)
    assert.deepEqual([deleted.status, deleted.transition_status], ['deleted', ''])
  })
})
