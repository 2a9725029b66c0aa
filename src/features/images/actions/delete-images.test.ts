import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { bindTag, insertImage } from '../../../../test/support/fixtures-images.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const imageRow = (image_id: string) => t.store.db.selectFrom('images').selectAll().where('image_id', '=', image_id).executeTakeFirstOrThrow()

describe('DeleteImages', () => {
  it('moves the caller’s images through deleting to deleted; they stay describable by id only', async () => {
    const a = (await insertImage(t)).image_id
    const b = (await insertImage(t)).image_id
    const reply = await t.call('DeleteImages', { images: [a, b] })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.job_id, /^j-[0-9a-z]{8}$/)
    for (const id of [a, b]) assert.equal((await imageRow(id)).transition_status, 'deleting')

    await t.settle()
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.equal(job.job_action, 'DeleteImages')
    assert.equal(job.status, 'successful')
    const described = (await t.call('DescribeImages', { images: [a, b] })).image_set
    assert.deepEqual(
      described.map((i: { status: string; transition_status: string }) => [i.status, i.transition_status]),
      [
        ['deleted', ''],
        ['deleted', ''],
      ],
    )
    const listed = (await t.call('DescribeImages', { provider: 'self' })).image_set.map((i: { image_id: string }) => i.image_id)
    assert.ok(!listed.includes(a) && !listed.includes(b))
  })

  it('unbinds the image’s tags, and leaves instances launched from it running', async () => {
    const { image_id } = await insertImage(t)
    const tag = await bindTag(t, image_id, 'image')
    const instance = await insertInstance(t, { image_id })
    await t.call('DeleteImages', { images: [image_id] })
    await t.settle()
    assert.deepEqual(await t.store.db.selectFrom('resource_tags').selectAll().where('tag_id', '=', tag).execute(), [])
    const after = await t.store.db.selectFrom('instances').selectAll().where('instance_id', '=', instance.instance_id).executeTakeFirstOrThrow()
    assert.equal(after.status, 'running')
    assert.equal(after.transition_status, '')
  })

  it('lets the recycle bin make a deleted image ceased after two hours', async () => {
    const { image_id } = await insertImage(t)
    await t.call('DeleteImages', { images: [image_id] })
    await t.settle()
    t.clock.advance(2 * 60 * 60 * 1000 + 1000)
    await t.jobs.sweep()
    assert.equal((await t.call('DescribeImages', { images: [image_id] })).image_set[0].status, 'ceased')
  })

  it('refuses system images with 1400', async () => {
    assert.deepEqual(await t.call('DeleteImages', { images: ['centos79x64'] }), {
      ret_code: 1400,
      message: 'PermissionDenied, image [centos79x64] is a system image, can not be deleted',
    })
    assert.equal((await t.call('DescribeImages', { images: ['centos79x64'] })).image_set[0].transition_status, '')
  })

  it('refuses another user’s image with 1400, an unknown one with 2100, and changes nothing of a mixed request', async () => {
    const mine = (await insertImage(t)).image_id
    const theirs = (await insertImage(t, { owner: t.admin.user_id })).image_id
    assert.deepEqual(await t.call('DeleteImages', { images: [mine, theirs] }), {
      ret_code: 1400,
      message: `PermissionDenied, resource [${theirs}] does not belong to you`,
    })
    assert.deepEqual(await t.call('DeleteImages', { images: [mine, 'img-nonexist'] }), {
      ret_code: 2100,
      message: 'ResourceNotFound, resource [img-nonexist] not found',
    })
    assert.equal((await imageRow(mine)).transition_status, '')
    assert.equal((await t.call('DescribeJobs', { job_action: 'DeleteImages', status: ['pending'] })).total_count, 0)
  })

  it('refuses a busy image with 1400 "please try later"', async () => {
    const { image_id } = await insertImage(t, { status: 'pending', transition_status: 'creating' })
    assert.deepEqual(await t.call('DeleteImages', { images: [image_id] }), {
      ret_code: 1400,
      message: `PermissionDenied, image [${image_id}] is [creating], please try later`,
    })
    const deleting = (await insertImage(t)).image_id
    await t.call('DeleteImages', { images: [deleting] })
    assert.equal((await t.call('DeleteImages', { images: [deleting] })).message, `PermissionDenied, image [${deleting}] is [deleting], please try later`)
    await t.settle()
  })

  it('refuses an image that is not available with 1400', async () => {
    for (const status of ['deleted', 'suspended']) {
      const { image_id } = await insertImage(t, { status })
      assert.deepEqual(await t.call('DeleteImages', { images: [image_id] }), {
        ret_code: 1400,
        message: `PermissionDenied, image [${image_id}] is not available, can not be deleted`,
      })
    }
  })

  it('answers 1100 without images, with an empty list, or naming an image twice', async () => {
    const { image_id } = await insertImage(t)
    for (const params of [{}, { images: [''] }, { images: [image_id, image_id] }]) {
      const reply = await t.call('DeleteImages', params)
      assert.equal(reply.ret_code, 1100)
      assert.match(reply.message, /images/)
    }
    assert.equal((await imageRow(image_id)).transition_status, '')
  })
})
