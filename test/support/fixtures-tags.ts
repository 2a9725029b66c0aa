// Tags and bindings written straight to the store, for tests that need another user's tag or a
// tagged resource without running CreateTag / AttachTags.
import { formatTime } from '../../src/lib/clock.ts'
import type { TagTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0

/** A tag owned by the test user, unless overridden. */
export async function insertTag(t: TestApp, overrides: Partial<TagTable> = {}): Promise<TagTable> {
  const n = ++counter
  const row: TagTable = {
    tag_id: `tag-fx${String(n).padStart(6, '0')}`,
    owner: t.user.user_id,
    tag_name: `fixture ${n}`,
    description: null,
    color: '#9f9bb7',
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('tags').values(row).execute()
  return row
}

/** Binds a resource to a tag, as AttachTags would. */
export async function tagResource(t: TestApp, tag: TagTable, resource_type: string, resource_id: string): Promise<void> {
  await t.store.db
    .insertInto('resource_tags')
    .values({ tag_id: tag.tag_id, resource_id, resource_type, owner: tag.owner, create_time: formatTime(t.clock.now()) })
    .execute()
}
