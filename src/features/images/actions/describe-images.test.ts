import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { formatTime } from '../../../lib/clock.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { bindTag, insertImage } from '../../../../test/support/fixtures-images.ts'
import { SYSTEM_IMAGES } from '../image.ts'

let t: TestApp
let stoppedFromBase: string
let base: string, child: string, deleted: string, others: string, elsewhere: string, running: string
let tagOnBase: string, tagOnSystem: string

before(async () => {
  t = await startTestApp()
  // base ← captured from an instance of centos79x64; child ← captured from an instance of base
  t.clock.advance(60_000)
  const source = await insertInstance(t, { status: 'stopped' })
  base = (await insertImage(t, { image_name: 'web base', description: 'nginx on centos', source_instance_id: source.instance_id })).image_id
  t.clock.advance(60_000)
  const fromBase = await insertInstance(t, { status: 'stopped', image_id: base })
  child = (await insertImage(t, { image_name: 'web child', source_instance_id: fromBase.instance_id })).image_id
  stoppedFromBase = fromBase.instance_id
  running = (await insertInstance(t, { image_id: base })).instance_id
  await insertInstance(t, { image_id: base, status: 'terminated' })
  deleted = (await insertImage(t, { image_name: 'old', status: 'deleted' })).image_id
  others = (await insertImage(t, { image_name: 'admin image', owner: t.admin.user_id })).image_id
  elsewhere = (await insertImage(t, { zone_id: 'sh1a', image_name: 'in shanghai' })).image_id
  tagOnBase = await bindTag(t, base, 'image', { name: 'web' })
  tagOnSystem = await bindTag(t, 'centos79x64', 'image', { name: 'favourite' })
  await bindTag(t, 'centos79x64', 'image', { owner: t.admin.user_id, name: 'admins only' })
})
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.image_set as Array<{ image_id: string }>).map((x) => x.image_id) // eslint-disable-line @typescript-eslint/no-explicit-any
const systemIds = [...SYSTEM_IMAGES]
  .map((i) => i.image_id)
  .sort()
  .reverse()

describe('DescribeImages', () => {
  it('lists the caller’s images newest first, then the system catalogue; others’ private and deleted images are absent', async () => {
    const reply = await t.call('DescribeImages', { limit: 100 })
    assert.equal(reply.ret_code, 0)
    assert.deepEqual(ids(reply), [child, base, ...systemIds])
    assert.equal(reply.total_count, 2 + SYSTEM_IMAGES.length)
  })

  it('shows a captured image with every field of the Go SDK’s Image, typed as it expects', async () => {
    const [image] = (await t.call('DescribeImages', { images: [base] })).image_set
    const time = formatTime(new Date(Date.parse('2026-01-15T08:00:00Z') + 60_000))
    assert.deepEqual(image, {
      image_id: base,
      image_name: 'web base',
      description: 'nginx on centos',
      size: 20,
      processor_type: '64bit',
      architecture: 'x86_64',
      hypervisor: 'kvm',
      platform: 'linux',
      os_family: 'centos',
      visibility: 'private',
      provider: 'self',
      owner: t.user.user_id,
      root_id: 'centos79x64',
      recommended_type: 'c1m1',
      status: 'available',
      transition_status: '',
      sub_code: 0,
      create_time: time,
      status_time: time,
      default_user: 'root',
      default_passwd: '',
      ui_type: 'tui',
      features: 1,
      feature: 1,
      f_resetpwd: 1,
      billing_id: '',
      app_billing_id: '',
      // the caller's live instances from it, newest first; the terminated one is left out
      instance_ids: [running, stoppedFromBase],
      tags: [{ tag_id: tagOnBase, tag_name: 'web', color: '#9f9bb7', description: null }],
      zone_id: 'pek3a',
    })
  })

  it('traces root_id through images captured from images', async () => {
    assert.equal((await t.call('DescribeImages', { images: [child] })).image_set[0].root_id, 'centos79x64')
  })

  it('shows a system image as public, owned by `system`, its own root, with only the caller’s tags', async () => {
    const [image] = (await t.call('DescribeImages', { images: ['centos64x86'] })).image_set
    assert.equal(image.provider, 'system')
    assert.equal(image.visibility, 'public')
    assert.equal(image.owner, 'system')
    assert.equal(image.root_id, 'centos64x86')
    assert.equal(image.architecture, 'i386')
    assert.equal(image.description, null)
    assert.deepEqual(image.instance_ids, [])
    const [centos] = (await t.call('DescribeImages', { images: ['centos79x64'] })).image_set
    assert.deepEqual(
      centos.tags.map((x: { tag_id: string }) => x.tag_id),
      [tagOnSystem],
    )
    const [forAdmin] = (await t.call('DescribeImages', { images: ['centos79x64'] }, { key: t.admin })).image_set
    assert.deepEqual(
      forAdmin.tags.map((x: { tag_name: string }) => x.tag_name),
      ['admins only'],
    )
  })

  it('filters by provider and visibility', async () => {
    assert.deepEqual(ids(await t.call('DescribeImages', { provider: 'system', limit: 100 })), systemIds)
    assert.deepEqual(ids(await t.call('DescribeImages', { provider: 'self' })), [child, base])
    assert.deepEqual(ids(await t.call('DescribeImages', { visibility: 'private' })), [child, base])
    assert.deepEqual(ids(await t.call('DescribeImages', { visibility: 'public', limit: 100 })), systemIds)
  })

  it('filters by processor_type, os_family, search_word (id or name) and tags.N', async () => {
    assert.deepEqual(ids(await t.call('DescribeImages', { processor_type: '32bit' })), ['centos64x86'])
    assert.deepEqual(ids(await t.call('DescribeImages', { os_family: 'windows' })), ['win2022x64', 'win2016x64'])
    assert.deepEqual(ids(await t.call('DescribeImages', { search_word: 'UBUNTU' })), ['ubuntu2204x64'])
    assert.deepEqual(ids(await t.call('DescribeImages', { search_word: 'web' })), [child, base])
    assert.deepEqual(ids(await t.call('DescribeImages', { search_word: child })), [child])
    assert.deepEqual(ids(await t.call('DescribeImages', { tags: [tagOnBase] })), [base])
  })

  it('shows deleted images when asked by id or status', async () => {
    assert.deepEqual(ids(await t.call('DescribeImages', { images: [deleted] })), [deleted])
    assert.deepEqual(ids(await t.call('DescribeImages', { status: ['deleted'] })), [deleted])
    assert.deepEqual(ids(await t.call('DescribeImages', { status: ['available'], provider: 'self' })), [child, base])
  })

  it('gives unknown ids, other users’ images and other zones’ images an empty set', async () => {
    for (const images of [['img-nonexist'], [others], [elsewhere]]) {
      assert.deepEqual(await t.call('DescribeImages', { images }), { action: 'DescribeImagesResponse', total_count: 0, image_set: [], ret_code: 0 })
    }
    assert.deepEqual(ids(await t.call('DescribeImages', { zone: 'sh1a', provider: 'self' })), [elsewhere])
  })

  it('with `owner`, lists only that owner’s images; an admin may name another user', async () => {
    assert.deepEqual(ids(await t.call('DescribeImages', { owner: t.user.user_id })), [child, base])
    assert.equal((await t.call('DescribeImages', { owner: t.admin.user_id })).total_count, 0)
    assert.deepEqual(ids(await t.call('DescribeImages', { owner: t.user.user_id }, { key: t.admin })), [child, base])
    assert.deepEqual(ids(await t.call('DescribeImages', { provider: 'self' }, { key: t.admin })), [others])
  })

  it('pages: total_count counts before paging, the Go defaults (limit=20, offset=0, verbose=0) work', async () => {
    const first = await t.call('DescribeImages', { limit: 2, offset: 1 })
    assert.equal(first.total_count, 2 + SYSTEM_IMAGES.length)
    assert.deepEqual(ids(first), [base, systemIds[0]])
    assert.equal((await t.call('DescribeImages', { limit: 20, offset: 0, verbose: 0 })).image_set.length, 2 + SYSTEM_IMAGES.length)
    assert.equal((await t.call('DescribeImages', { offset: 50 })).image_set.length, 0)
  })

  it('rejects values outside the documented sets with 1100 naming the parameter', async () => {
    for (const [name, value] of [
      ['visibility', 'shared'],
      ['provider', 'others'],
      ['processor_type', 'arm64'],
      ['offset', -1],
    ] as const) {
      const reply = await t.call('DescribeImages', { [name]: value })
      assert.equal(reply.ret_code, 1100)
      assert.match(reply.message, new RegExp(name))
    }
  })
})
