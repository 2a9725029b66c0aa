import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance } from '../../../../test/support/fixtures.ts'
import { insertTag, tagResource } from '../../../../test/support/fixtures-tags.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const tagExists = async (id: string) => (await t.store.db.selectFrom('tags').select('tag_id').where('tag_id', '=', id).executeTakeFirst()) !== undefined
const bindings = (id: string) => t.store.db.selectFrom('resource_tags').select('resource_id').where('tag_id', '=', id).execute()

describe('DeleteTags', () => {
  it('deletes tags and their bindings, leaves the resources and other tags’ bindings, and echoes the ids', async () => {
    const [a, b, keep] = [await insertTag(t), await insertTag(t), await insertTag(t)]
    const vm = await insertInstance(t)
    await tagResource(t, a, 'instance', vm.instance_id)
    await tagResource(t, keep, 'instance', vm.instance_id)
    const reply = await t.call('DeleteTags', { tags: [a.tag_id, b.tag_id] })
    assert.deepEqual(reply, { action: 'DeleteTagsResponse', tags: [a.tag_id, b.tag_id], ret_code: 0 })
    assert.deepEqual([await tagExists(a.tag_id), await tagExists(b.tag_id), await tagExists(keep.tag_id)], [false, false, true])
    assert.deepEqual(await bindings(a.tag_id), [])
    assert.deepEqual(await bindings(keep.tag_id), [{ resource_id: vm.instance_id }])
    const described = await t.call('DescribeTags', { tags: [a.tag_id] })
    assert.equal(described.total_count, 0)
  })

  it('answers 2100 for an unknown tag, 1400 for another user’s, 1100 for bad lists, and deletes nothing', async () => {
    const mine = await insertTag(t)
    const theirs = await insertTag(t, { owner: t.admin.user_id })
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ tags: [mine.tag_id, 'tag-nonexist'] }, 2100, 'ResourceNotFound, resource [tag-nonexist] not found'],
      [{ tags: [mine.tag_id, theirs.tag_id] }, 1400, `PermissionDenied, resource [${theirs.tag_id}] does not belong to you`],
      [{}, 1100, 'InvalidRequestFormat, missing parameter tags'],
      [{ tags: [mine.tag_id, mine.tag_id] }, 1100, `InvalidRequestFormat, parameter tags lists [${mine.tag_id}] more than once`],
    ]
    for (const [params, code, message] of cases) {
      const reply = await t.call('DeleteTags', params)
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
    assert.equal(await tagExists(mine.tag_id), true)
    assert.equal(await tagExists(theirs.tag_id), true)
  })
})
