import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertImage } from '../../../../test/support/fixtures-images.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const describeOne = async (image: string) => (await t.call('DescribeImages', { images: [image] })).image_set[0]

describe('ModifyImageAttributes', () => {
  it('renames and re-describes the caller’s image and answers its id', async () => {
    const { image_id } = await insertImage(t)
    assert.deepEqual(await t.call('ModifyImageAttributes', { image: image_id, image_name: 'web v2', description: 'nginx 1.26' }), {
      action: 'ModifyImageAttributesResponse',
      image_id,
      ret_code: 0,
    })
    const image = await describeOne(image_id)
    assert.equal(image.image_name, 'web v2')
    assert.equal(image.description, 'nginx 1.26')
  })

  it('changes only what is given; an empty description clears it', async () => {
    const { image_id } = await insertImage(t, { image_name: 'keep me', description: 'old' })
    await t.call('ModifyImageAttributes', { image: image_id, description: '' })
    const image = await describeOne(image_id)
    assert.equal(image.image_name, 'keep me')
    assert.equal(image.description, null)
  })

  it('works on an image still being created', async () => {
    const { image_id } = await insertImage(t, { status: 'pending', transition_status: 'creating' })
    assert.equal((await t.call('ModifyImageAttributes', { image: image_id, image_name: 'soon' })).ret_code, 0)
    assert.equal((await describeOne(image_id)).image_name, 'soon')
  })

  it('refuses system images with 1400', async () => {
    assert.deepEqual(await t.call('ModifyImageAttributes', { image: 'centos79x64', image_name: 'mine now' }), {
      ret_code: 1400,
      message: 'PermissionDenied, image [centos79x64] is a system image, can not be modified',
    })
    assert.equal((await describeOne('centos79x64')).image_name, 'CentOS 7.9 64bit')
  })

  it('refuses another user’s image with 1400 and leaves it alone', async () => {
    const { image_id } = await insertImage(t, { owner: t.admin.user_id, image_name: 'admin’s' })
    assert.deepEqual(await t.call('ModifyImageAttributes', { image: image_id, image_name: 'stolen' }), {
      ret_code: 1400,
      message: `PermissionDenied, resource [${image_id}] does not belong to you`,
    })
    const [row] = await t.store.db.selectFrom('images').select('image_name').where('image_id', '=', image_id).execute()
    assert.equal(row!.image_name, 'admin’s')
  })

  it('refuses a deleted image with 1400', async () => {
    const { image_id } = await insertImage(t, { status: 'deleted' })
    assert.deepEqual(await t.call('ModifyImageAttributes', { image: image_id, image_name: 'x' }), {
      ret_code: 1400,
      message: `PermissionDenied, image [${image_id}] has been deleted, can not be modified`,
    })
  })

  it('answers 2100 for an unknown image and for one in another zone', async () => {
    const { image_id } = await insertImage(t, { zone_id: 'sh1a' })
    for (const image of ['img-nonexist', image_id]) {
      assert.deepEqual(await t.call('ModifyImageAttributes', { image, image_name: 'x' }), {
        ret_code: 2100,
        message: `ResourceNotFound, resource [${image}] not found`,
      })
    }
    assert.equal((await t.call('ModifyImageAttributes', { image: image_id, image_name: 'x', zone: 'sh1a' })).ret_code, 0)
  })

  it('answers 1100 without `image` or with a name that is too long', async () => {
    const missing = await t.call('ModifyImageAttributes', { image_name: 'x' })
    assert.equal(missing.ret_code, 1100)
    assert.match(missing.message, /image/)
    const { image_id } = await insertImage(t)
    const long = await t.call('ModifyImageAttributes', { image: image_id, image_name: 'x'.repeat(256) })
    assert.equal(long.ret_code, 1100)
    assert.match(long.message, /image_name/)
  })
})
