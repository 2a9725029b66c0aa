// Image rows written straight to the store: a user's captured image in a given state, and a tag
// bound to it, without running CaptureInstance or the tag actions.
import { formatTime } from '../../src/lib/clock.ts'
import type { ImageTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0

/** An available private image captured by the test user in pek3a from a CentOS 7.9 instance, unless overridden. */
export async function insertImage(t: TestApp, overrides: Partial<ImageTable> = {}): Promise<ImageTable> {
  const time = formatTime(t.clock.now())
  const row: ImageTable = {
    zone_id: 'pek3a',
    image_id: `img-fx${String(++counter).padStart(6, '0')}`,
    image_name: 'fixture image',
    description: null,
    owner: t.user.user_id,
    provider: 'self',
    visibility: 'private',
    platform: 'linux',
    os_family: 'centos',
    processor_type: '64bit',
    size: 20,
    features: 1,
    recommended_type: 'c1m1',
    default_user: 'root',
    default_passwd: '',
    ui_type: 'tui',
    source_instance_id: '',
    warehouse_file: '',
    status: 'available',
    transition_status: '',
    create_time: time,
    status_time: time,
    ...overrides,
  }
  await t.store.db.insertInto('images').values(row).execute()
  return row
}

/** A tag of `owner` (the test user by default) bound to `resourceId`; returns the tag id. */
export async function bindTag(t: TestApp, resourceId: string, resourceType: string, options: { owner?: string; name?: string } = {}): Promise<string> {
  const owner = options.owner ?? t.user.user_id
  const tag_id = `tag-fx${String(++counter).padStart(6, '0')}`
  const time = formatTime(t.clock.now())
  await t.store.db
    .insertInto('tags')
    .values({ tag_id, owner, tag_name: options.name ?? tag_id, description: null, color: '#9f9bb7', create_time: time })
    .execute()
  await t.store.db.insertInto('resource_tags').values({ tag_id, resource_id: resourceId, resource_type: resourceType, owner, create_time: time }).execute()
  return tag_id
}
