// AttachTags and DetachTags share their checks (tag-binding.ts); both are covered here.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { insertKeyPair } from '../../../../test/support/fixtures-keypairs.ts'
import { insertTag, tagResource } from '../../../../test/support/fixtures-tags.ts'
import { insertImage } from '../../../../test/support/fixtures-images.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const bindingsOf = async (tag_id: string) => (await t.store.db.selectFrom('resource_tags').selectAll().where('tag_id', '=', tag_id).execute()).map((b) => `${b.resource_type}:${b.resource_id}`).sort()
const pair = (tag_id: string, resource_type: string, resource_id: string) => ({ tag_id, resource_type, resource_id })

describe('AttachTags', () => {
  it('tags instances, volumes, key pairs and images, in any zone, and DescribeX lists the tag', async () => {
    const tag = await insertTag(t, { tag_name: 'prod', color: '#ff0000' })
    const vm = await insertInstance(t)
    const vol = await insertVolume(t, { zone_id: 'sh1a' })
    const kp = await insertKeyPair(t)
    const img = await insertImage(t)
    const reply = await t.call('AttachTags', {
      resource_tag_pairs: [pair(tag.tag_id, 'instance', vm.instance_id), pair(tag.tag_id, 'volume', vol.volume_id), pair(tag.tag_id, 'keypair', kp.keypair_id), pair(tag.tag_id, 'image', img.image_id)],
    })
    assert.deepEqual(reply, { action: 'AttachTagsResponse', ret_code: 0 })
    assert.deepEqual(await bindingsOf(tag.tag_id), [`image:${img.image_id}`, `instance:${vm.instance_id}`, `keypair:${kp.keypair_id}`, `volume:${vol.volume_id}`])
    const described = await t.call('DescribeKeyPairs', { keypairs: [kp.keypair_id] })
    assert.deepEqual(described.keypair_set[0].tags, [{ tag_id: tag.tag_id, tag_name: 'prod', color: '#ff0000', description: null }])
  })

  it('is idempotent: attaching the same pair again (or twice in one request) keeps one binding', async () => {
    const tag = await insertTag(t)
    const vm = await insertInstance(t)
    const p = pair(tag.tag_id, 'instance', vm.instance_id)
    assert.equal((await t.call('AttachTags', { resource_tag_pairs: [p, p] })).ret_code, 0)
    assert.equal((await t.call('AttachTags', { resource_tag_pairs: [p] })).ret_code, 0)
    assert.deepEqual(await bindingsOf(tag.tag_id), [`instance:${vm.instance_id}`])
  })

  it('answers 2100 for unknown tags and resources (the type decides the table), 1400 for other users’, and writes nothing', async () => {
    const tag = await insertTag(t)
    const vm = await insertInstance(t)
    const theirTag = await insertTag(t, { owner: t.admin.user_id })
    const theirVolume = await insertVolume(t, { owner: t.admin.user_id })
    const ok = pair(tag.tag_id, 'instance', vm.instance_id)
    const cases: Array<[ReturnType<typeof pair>, number, string]> = [
      [pair('tag-nonexist', 'instance', vm.instance_id), 2100, 'ResourceNotFound, resource [tag-nonexist] not found'],
      [pair(tag.tag_id, 'instance', 'i-nonexist'), 2100, 'ResourceNotFound, resource [i-nonexist] not found'],
      [pair(tag.tag_id, 'volume', vm.instance_id), 2100, `ResourceNotFound, resource [${vm.instance_id}] not found`],
      [pair(theirTag.tag_id, 'instance', vm.instance_id), 1400, `PermissionDenied, resource [${theirTag.tag_id}] does not belong to you`],
      [pair(tag.tag_id, 'volume', theirVolume.volume_id), 1400, `PermissionDenied, resource [${theirVolume.volume_id}] does not belong to you`],
      [pair(tag.tag_id, 'image', 'centos79x64'), 1400, 'PermissionDenied, resource [centos79x64] does not belong to you'],
    ]
    for (const [bad, code, message] of cases) {
      const reply = await t.call('AttachTags', { resource_tag_pairs: [ok, bad] })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.deepEqual(await bindingsOf(tag.tag_id), [])
  })

  it('answers 1100 for resource types QingLocal does not have, and for missing fields or pairs', async () => {
    const tag = await insertTag(t)
    const vm = await insertInstance(t)
    const unsupported = await t.call('AttachTags', { resource_tag_pairs: [pair(tag.tag_id, 'instance', vm.instance_id), pair(tag.tag_id, 'rdb', 'rdb-12345678')] })
    assert.equal(unsupported.ret_code, 1100)
    assert.match(
      unsupported.message,
      /^InvalidRequestFormat, unsupported parameter resource_tag_pairs\.2\.resource_type value rdb, taggable types are instance, volume, image, keypair, security_group, vxnet, eip, snapshot, router, nic, loadbalancer$/,
    )
    const missingField = await t.call('AttachTags', { resource_tag_pairs: [{ tag_id: tag.tag_id, resource_id: vm.instance_id }] })
    assert.deepEqual([missingField.ret_code, missingField.message], [1100, 'InvalidRequestFormat, missing parameter resource_tag_pairs.1.resource_type'])
    assert.deepEqual(await t.call('AttachTags', {}).then((r) => [r.ret_code, r.message]), [1100, 'InvalidRequestFormat, missing parameter resource_tag_pairs'])
    assert.deepEqual(await bindingsOf(tag.tag_id), [])
  })
})

describe('DetachTags', () => {
  it('removes only the named bindings', async () => {
    const tag = await insertTag(t)
    const [a, b] = [await insertInstance(t), await insertInstance(t)]
    await tagResource(t, tag, 'instance', a.instance_id)
    await tagResource(t, tag, 'instance', b.instance_id)
    assert.deepEqual(await t.call('DetachTags', { resource_tag_pairs: [pair(tag.tag_id, 'instance', a.instance_id)] }), { action: 'DetachTagsResponse', ret_code: 0 })
    assert.deepEqual(await bindingsOf(tag.tag_id), [`instance:${b.instance_id}`])
  })

  it('skips a pair that is not bound, but still checks the tag and the resource', async () => {
    const tag = await insertTag(t)
    const vm = await insertInstance(t)
    assert.equal((await t.call('DetachTags', { resource_tag_pairs: [pair(tag.tag_id, 'instance', vm.instance_id)] })).ret_code, 0)
    assert.equal((await t.call('DetachTags', { resource_tag_pairs: [pair('tag-nonexist', 'instance', vm.instance_id)] })).ret_code, 2100)
    const theirs = await insertInstance(t, { owner: t.admin.user_id })
    assert.equal((await t.call('DetachTags', { resource_tag_pairs: [pair(tag.tag_id, 'instance', theirs.instance_id)] })).ret_code, 1400)
    assert.equal((await t.call('DetachTags', { resource_tag_pairs: [pair(tag.tag_id, 'rdb', 'rdb-12345678')] })).ret_code, 1100)
  })
})
