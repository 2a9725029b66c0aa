import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ApiError } from '../../errors.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { saveTagName } from './tag-repo.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const tag = (tag_id: string, tag_name: string) => ({ tag_id, owner: t.user.user_id, tag_name, description: null, color: '#9f9bb7', create_time: '2026-01-15T08:00:00Z' })

describe('saveTagName', () => {
  it('turns the unique index’s violation into 2110 when the look-up could not see the other row (a concurrent insert)', async () => {
    // the clashing row is written by the same write step, after the look-up: what a racing request does
    const attempt = t.store.db.transaction().execute((db) =>
      saveTagName(db, t.store.caps, t.user.user_id, 'dup', undefined, async () => {
        await db.insertInto('tags').values(tag('tag-race0001', 'dup')).execute()
        await db.insertInto('tags').values(tag('tag-race0002', 'dup')).execute()
      }),
    )
    await assert.rejects(attempt, (e: unknown) => e instanceof ApiError && e.code === 2110 && /tag name \[dup\] already existed/.test(e.message))
    assert.deepEqual(await t.store.db.selectFrom('tags').select('tag_id').where('tag_name', '=', 'dup').execute(), [])
  })

  it('lets other errors through unchanged', async () => {
    const boom = new Error('disk on fire')
    await assert.rejects(
      t.store.db.transaction().execute((db) => saveTagName(db, t.store.caps, t.user.user_id, 'fine', undefined, () => Promise.reject(boom))),
      (e) => e === boom,
    )
  })
})
