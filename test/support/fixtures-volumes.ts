// Rows the volume tests need from other features, written straight to the store: a tag bound to
// a volume (DescribeVolumes tags.N, DeleteVolumes dropping bindings).
import { formatTime } from '../../src/lib/clock.ts'
import type { TestApp } from './harness.ts'

let counter = 0

/** Creates a tag owned by the test user and binds it to the volume; returns the tag id. */
export async function tagVolume(t: TestApp, volumeId: string, tagName = `tag${counter + 1}`): Promise<string> {
  const tag_id = `tag-fxv${String(++counter).padStart(5, '0')}`
  const time = formatTime(t.clock.now())
  await t.store.db.insertInto('tags').values({ tag_id, owner: t.user.user_id, tag_name: tagName, description: null, color: '#9f9bb7', create_time: time }).execute()
  await t.store.db.insertInto('resource_tags').values({ tag_id, resource_id: volumeId, resource_type: 'volume', owner: t.user.user_id, create_time: time }).execute()
  return tag_id
}
