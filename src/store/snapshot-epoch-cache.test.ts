// SnapshotEpochCache over the images (migration 0024's triggers): what it keeps stays while the
// epoch stays, any change of a shown column, an insert or a delete moves the epoch (a status change
// does not), and a read snapshot older than the current epoch keeps nothing. On a SQLite file (a
// writer, a reader and the epoch's own connection, as served) and on PostgreSQL (TEST_DATABASE).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openTestStore, testDatabase } from '../../test/support/database.ts'
import { seedSystemImages } from '../features/images/image-repo.ts'
import { SYSTEM_IMAGES } from '../features/images/image.ts'
import { SnapshotEpochCache } from './cache-epoch.ts'
import type { Queryable } from './database.ts'
import { inSnapshot } from './snapshot.ts'
import { openStore, type Store } from './store.ts'

describe('SnapshotEpochCache (images)', () => {
  let store: Store
  let drop: () => Promise<void>
  const image = SYSTEM_IMAGES[0]!.image_id
  before(async () => {
    if (testDatabase === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'qinglocal-epoch-cache-'))
      store = await openStore(`sqlite:${join(dir, 'store.db')}`)
      await store.migrate()
      drop = async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      }
    } else ({ store, drop } = await openTestStore())
    await seedSystemImages(store.db, ['pek3a'], new Date())
  })
  after(async () => {
    await drop()
  })

  // image id → name in pek3a, counting the keys loaded
  let loaded = 0
  const names = (db: Queryable) => async (missing: readonly string[]) => {
    loaded += missing.length
    const rows = await db.selectFrom('images').select(['image_id', 'image_name']).where('zone_id', '=', 'pek3a').where('image_id', 'in', missing).execute()
    return new Map(rows.map((r) => [r.image_id, r.image_name]))
  }
  const read = async (cache: SnapshotEpochCache<string, string>, db: Queryable = store.readDb) => {
    await store.epoch.refresh()
    return cache.getMany(db, [image, 'no-such-image'], names(db))
  }
  const setName = (name: string) => store.db.updateTable('images').set({ image_name: name }).where('zone_id', '=', 'pek3a').where('image_id', '=', image).execute()

  it('keeps values and absences while the epoch stays; a shown column, an insert and a delete move it', async () => {
    const cache = new SnapshotEpochCache<string, string>(store.epoch)
    loaded = 0
    const first = await read(cache)
    assert.equal(first.get(image), SYSTEM_IMAGES[0]!.image_name)
    assert.equal(first.has('no-such-image'), true)
    assert.equal(first.get('no-such-image'), undefined)
    assert.deepEqual(await read(cache), first)
    assert.equal(loaded, 2, 'the second read came from memory')

    await setName('renamed by hand')
    assert.equal((await read(cache)).get(image), 'renamed by hand')
    assert.equal(loaded, 4)
    // the page does not show an image's status: changing it keeps the cache
    await store.db.updateTable('images').set({ transition_status: 'deleting' }).where('image_id', '=', image).execute()
    assert.equal((await read(cache)).get(image), 'renamed by hand')
    assert.equal(loaded, 4)

    await store.db.deleteFrom('images').where('zone_id', '=', 'pek3a').where('image_id', '=', image).execute()
    assert.equal((await read(cache)).get(image), undefined)
    await seedSystemImages(store.db, ['pek3a'], new Date())
    assert.equal((await read(cache)).get(image), SYSTEM_IMAGES[0]!.image_name)
    assert.equal(loaded, 8)
  })

  it('keeps nothing read in a snapshot older than the current epoch', async () => {
    const cache = new SnapshotEpochCache<string, string>(store.epoch)
    await setName('before')
    await inSnapshot({ db: store.readDb }, async ({ db }) => {
      // the first read pins the snapshot; the rename commits after it, and the epoch is read after that
      await db.selectFrom('images').select('image_id').limit(1).execute()
      await setName('after')
      assert.equal((await read(cache, db)).get(image), 'before')
    })
    loaded = 0
    assert.equal((await read(cache)).get(image), 'after')
    assert.equal(loaded, 2, 'what the old snapshot read was not kept')
    assert.equal((await read(cache)).get(image), 'after')
    assert.equal(loaded, 2)
  })
})
