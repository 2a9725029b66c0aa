import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { launch } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
let web: string[]
let db: string
before(async () => {
  t = await startTestApp()
  web = await launch(t, { instance_name: 'web-frontend', count: 2 })
  t.clock.advance(1000)
  db = (await launch(t, { instance_name: 'database', instance_type: 'c2m4', image_id: 'ubuntu2204x64' }))[0]!
})
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.instance_set as Array<{ instance_id: string }>).map((i) => i.instance_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeInstances', () => {
  it('lists the caller’s instances in the zone, newest first, with the fields clients read', async () => {
    const reply = await t.call('DescribeInstances')
    assert.equal(reply.total_count, 3)
    assert.equal(ids(reply)[0], db)
    const instance = reply.instance_set[0]
    assert.equal(instance.image.image_id, 'ubuntu2204x64')
    assert.equal(instance.image.platform, 'linux')
    assert.equal(typeof instance.vcpus_current, 'number')
    assert.equal(instance.zone_id, 'pek3a')
    assert.equal(instance.owner, t.user.user_id)
    assert.deepEqual(instance.tags, [])
    // RunInstances without vxnets.N puts the instance in the base network (terraform reads vxnets[0].private_ip)
    assert.equal(instance.vxnets.length, 1)
    assert.deepEqual([instance.vxnets[0].vxnet_id, instance.vxnets[0].vxnet_name, instance.vxnets[0].vxnet_type, instance.vxnets[0].role], ['vxnet-0', 'base network', 1, 1])
    assert.match(instance.vxnets[0].private_ip, /^10\.140\.\d+\.\d+$/)
    assert.match(instance.vxnets[0].nic_id, /^52:54(:[0-9a-f]{2}){4}$/)
    assert.equal(instance.eip.eip_id, '')
    assert.equal(instance.description, null)
    assert.match(instance.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    // verbose adds the related ids
    assert.equal(instance.volume_ids, undefined)
    assert.deepEqual((await t.call('DescribeInstances', { instances: [db], verbose: 1 })).instance_set[0].keypair_ids, [])
  })

  it('filters by ids, status.N, search_word, image_id.N, instance_type.N and sizes', async () => {
    assert.deepEqual(ids(await t.call('DescribeInstances', { instances: [web[0], 'i-unknown0'] })), [web[0]])
    assert.equal((await t.call('DescribeInstances', { instances: ['i-unknown0'] })).total_count, 0)
    assert.equal((await t.call('DescribeInstances', { status: ['stopped'] })).total_count, 0)
    assert.equal((await t.call('DescribeInstances', { status: ['running'] })).total_count, 3)
    assert.deepEqual(ids(await t.call('DescribeInstances', { search_word: 'DATA' })), [db])
    assert.deepEqual(ids(await t.call('DescribeInstances', { search_word: db.slice(2, 7) })), [db])
    assert.deepEqual(ids(await t.call('DescribeInstances', { image_id: ['ubuntu2204x64'] })), [db])
    assert.equal((await t.call('DescribeInstances', { instance_type: ['c1m1'] })).total_count, 2)
    assert.deepEqual(ids(await t.call('DescribeInstances', { vcpus_current: 2, memory_current: 4096 })), [db])
    assert.equal((await t.call('DescribeInstances', { search_word: '100%_' })).total_count, 0)
  })

  it('filters by tags.N', async () => {
    await t.store.db.insertInto('tags').values({ tag_id: 'tag-dscrbe01', owner: t.user.user_id, tag_name: 'prod', description: null, color: '#ff0000', create_time: '2026-01-15T08:00:00Z' }).execute()
    await t.store.db.insertInto('resource_tags').values({ tag_id: 'tag-dscrbe01', resource_id: web[1]!, resource_type: 'instance', owner: t.user.user_id, create_time: '2026-01-15T08:00:00Z' }).execute()
    const reply = await t.call('DescribeInstances', { tags: ['tag-dscrbe01'] })
    assert.deepEqual(ids(reply), [web[1]])
    assert.deepEqual(reply.instance_set[0].tags, [{ tag_id: 'tag-dscrbe01', tag_name: 'prod', color: '#ff0000', description: null }])
  })

  it('pages: total_count before paging, limit capped at 100, limit<=0 is the default', async () => {
    const first = await t.call('DescribeInstances', { limit: 1 })
    assert.deepEqual([first.total_count, first.instance_set.length], [3, 1])
    assert.deepEqual(ids(await t.call('DescribeInstances', { limit: 2, offset: 2 })), [ids(await t.call('DescribeInstances'))[2]])
    assert.equal((await t.call('DescribeInstances', { offset: 5 })).instance_set.length, 0)
    assert.equal((await t.call('DescribeInstances', { limit: 0 })).instance_set.length, 3)
    assert.equal((await t.call('DescribeInstances', { limit: 1000 })).instance_set.length, 3)
    assert.equal((await t.call('DescribeInstances', { offset: -1 })).ret_code, 1100)
  })

  it('shows only the caller’s instances; an admin may ask by owner', async () => {
    const other = await insertInstance(t, { owner: t.admin.user_id })
    assert.equal((await t.call('DescribeInstances', { instances: [other.instance_id] })).total_count, 0)
    assert.equal((await t.call('DescribeInstances', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeInstances', {}, { key: t.admin })), [other.instance_id])
    assert.equal((await t.call('DescribeInstances', { owner: t.user.user_id }, { key: t.admin })).total_count, 3)
    assert.equal((await t.call('DescribeInstances', { zone: 'sh1a' })).total_count, 0)
  })

  it('leaves terminated and ceased instances out of plain listings but describes them by id or status', async () => {
    const gone = await insertInstance(t, { status: 'terminated' })
    const ceased = await insertInstance(t, { status: 'ceased' })
    assert.equal((await t.call('DescribeInstances')).total_count, 3)
    assert.equal((await t.call('DescribeInstances', { instances: [gone.instance_id] })).instance_set[0].status, 'terminated')
    assert.deepEqual(ids(await t.call('DescribeInstances', { status: ['ceased'] })), [ceased.instance_id])
  })
})
