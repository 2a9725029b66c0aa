// Images in the cache epoch (issue 16, page cost): every DescribeInstances page shows the image of
// each instance (name, size, OS, platform, processor type, provider, features), and the system
// catalogue behind nearly every page is a handful of rows that hardly ever change. These triggers
// bump the epoch (migration 0022) with every insert and delete of an image and every change of
// those columns or of its key, so a page's images can be kept in memory under the epoch
// (store/cache-epoch.ts SnapshotEpochCache, images/image-repo.ts imageSummaries). Status and
// transition changes (capture and delete jobs) do not bump it: the page does not show them.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

/** The columns of an image that DescribeInstances shows, and its key. */
const SHOWN_IMAGE_COLUMNS = ['zone_id', 'image_id', 'image_name', 'size', 'os_family', 'platform', 'processor_type', 'provider', 'features'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = SHOWN_IMAGE_COLUMNS.join(', ')
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const bump = 'update cache_epoch set epoch = epoch + 1 where id = 1;'
    await sql.raw(`create trigger cache_epoch_images_insert after insert on images begin ${bump} end`).execute(db)
    await sql.raw(`create trigger cache_epoch_images_update after update of ${columns} on images begin ${bump} end`).execute(db)
    await sql.raw(`create trigger cache_epoch_images_delete after delete on images begin ${bump} end`).execute(db)
    return
  }
  // PostgreSQL: deferred constraint triggers, as migration 0022's (the epoch row is locked last)
  const deferred = 'deferrable initially deferred for each row'
  await sql.raw(`create constraint trigger cache_epoch_images_write after insert or delete on images ${deferred} execute function cache_epoch_bump()`).execute(db)
  await sql.raw(`create constraint trigger cache_epoch_images_update after update of ${columns} on images ${deferred} execute function cache_epoch_bump()`).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger cache_epoch_images_${event}`).execute(db)
    return
  }
  for (const name of ['write', 'update']) await sql.raw(`drop trigger cache_epoch_images_${name} on images`).execute(db)
}
