// CreateTag and ModifyTagAttributes share the unique-name rule (2110); both are covered here.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertTag } from '../../../../test/support/fixtures-tags.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const row = (id: string) => t.store.db.selectFrom('tags').selectAll().where('tag_id', '=', id).executeTakeFirstOrThrow()
const countTags = async () =>
  (
    await t.store.db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('CreateTag', () => {
  it('creates a tag of the caller’s with the default colour; zone plays no part', async () => {
    const reply = await t.call('CreateTag', { tag_name: 'web', description: 'front ends' })
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'ret_code', 'tag_id'])
    assert.match(reply.tag_id, /^tag-[0-9a-z]{8}$/)
    assert.deepEqual(await row(reply.tag_id), { tag_id: reply.tag_id, owner: t.user.user_id, tag_name: 'web', description: 'front ends', color: '#9f9bb7', create_time: '2026-01-15T08:00:00Z' })
    // `zone` is ignored, even one that does not exist (the Python SDK always sends one)
    const other = await t.call('CreateTag', { tag_name: 'db', color: '#00AAff', zone: 'nowhere' })
    assert.equal(other.ret_code, 0, other.message)
    assert.equal((await row(other.tag_id)).color, '#00AAff')
  })

  it('answers 2110 for a name the caller already uses; another user may use it', async () => {
    await insertTag(t, { tag_name: 'taken' })
    const before = await countTags()
    const reply = await t.call('CreateTag', { tag_name: 'taken' })
    assert.deepEqual([reply.ret_code, reply.message], [2110, 'ResourceAlreadyExisted, tag name [taken] already existed'])
    assert.equal(await countTags(), before)
    assert.equal((await t.call('CreateTag', { tag_name: 'taken' }, { key: t.admin })).ret_code, 0)
  })

  it('stays unique when two requests race for the same name', async () => {
    const replies = await Promise.all([t.call('CreateTag', { tag_name: 'race' }), t.call('CreateTag', { tag_name: 'race' }), t.call('CreateTag', { tag_name: 'race' })])
    assert.deepEqual(replies.map((r) => r.ret_code).sort(), [0, 2110, 2110])
    assert.equal((await t.store.db.selectFrom('tags').select('tag_id').where('tag_name', '=', 'race').execute()).length, 1)
  })

  it('answers 1100 for a missing name, a bad colour or an overlong name', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'InvalidRequestFormat, missing parameter tag_name'],
      [{ tag_name: '' }, 'InvalidRequestFormat, missing parameter tag_name'],
      [{ tag_name: 'c', color: 'red' }, "InvalidRequestFormat, parameter color's format is illegal"],
      [{ tag_name: 'c', color: '#12345' }, "InvalidRequestFormat, parameter color's format is illegal"],
      [{ tag_name: 'x'.repeat(65) }, 'InvalidRequestFormat, parameter tag_name has an invalid length'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateTag', params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, message])
    }
  })
})

describe('ModifyTagAttributes', () => {
  it('renames, recolours and redescribes; keeping its own name is no conflict', async () => {
    const tag = await insertTag(t, { tag_name: 'before', description: 'd' })
    assert.deepEqual(await t.call('ModifyTagAttributes', { tag: tag.tag_id, tag_name: 'after', color: '#000000' }), { action: 'ModifyTagAttributesResponse', ret_code: 0 })
    assert.deepEqual(await row(tag.tag_id).then((r) => [r.tag_name, r.color, r.description]), ['after', '#000000', 'd'])
    assert.equal((await t.call('ModifyTagAttributes', { tag: tag.tag_id, tag_name: 'after', description: 'new' })).ret_code, 0)
    assert.equal((await row(tag.tag_id)).description, 'new')
  })

  it('answers 2110 when renaming onto another tag’s name, and changes nothing', async () => {
    const a = await insertTag(t, { tag_name: 'one' })
    await insertTag(t, { tag_name: 'two' })
    const reply = await t.call('ModifyTagAttributes', { tag: a.tag_id, tag_name: 'two', color: '#111111' })
    assert.deepEqual([reply.ret_code, reply.message], [2110, 'ResourceAlreadyExisted, tag name [two] already existed'])
    assert.deepEqual(await row(a.tag_id).then((r) => [r.tag_name, r.color]), ['one', '#9f9bb7'])
  })

  it('answers 2100 for an unknown tag, 1400 for another user’s, 1100 for a bad colour', async () => {
    const theirs = await insertTag(t, { owner: t.admin.user_id })
    const unknown = await t.call('ModifyTagAttributes', { tag: 'tag-nonexist', tag_name: 'x' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [tag-nonexist] not found'])
    const denied = await t.call('ModifyTagAttributes', { tag: theirs.tag_id, tag_name: 'x' })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs.tag_id}] does not belong to you`])
    assert.equal((await t.call('ModifyTagAttributes', { tag: theirs.tag_id, color: 'blue' })).ret_code, 1100)
  })
})
