// The virtual clock (issue 20) is kept in memory by every process under the cache epoch, as the
// maintenance window is: its setting, `virtual_clock`, now bumps the epoch too. 0022's settings
// triggers are made again with both names; down() puts back the maintenance-only ones.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

const WATCHED_BEFORE = ['maintenance']
const WATCHED = ['maintenance', 'virtual_clock']

async function settingsTriggers(db: Kysely<unknown>, names: readonly string[]): Promise<void> {
  const list = names.map((n) => `'${n}'`).join(', ')
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const bump = 'update cache_epoch set epoch = epoch + 1 where id = 1;'
    for (const event of ['insert', 'update', 'delete']) {
      const row = event === 'delete' ? 'old' : 'new'
      await sql.raw(`drop trigger if exists cache_epoch_settings_${event}`).execute(db)
      await sql.raw(`create trigger cache_epoch_settings_${event} after ${event} on settings when ${row}.name in (${list}) begin ${bump} end`).execute(db)
    }
    return
  }
  // deferred to commit, as 0022's are: the epoch row is locked last
  const deferred = 'deferrable initially deferred for each row'
  await sql.raw('drop trigger if exists cache_epoch_settings_write on settings').execute(db)
  await sql.raw('drop trigger if exists cache_epoch_settings_delete on settings').execute(db)
  await sql.raw(`create constraint trigger cache_epoch_settings_write after insert or update on settings ${deferred} when (new.name in (${list})) execute function cache_epoch_bump()`).execute(db)
  await sql.raw(`create constraint trigger cache_epoch_settings_delete after delete on settings ${deferred} when (old.name in (${list})) execute function cache_epoch_bump()`).execute(db)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await settingsTriggers(db, WATCHED)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await settingsTriggers(db, WATCHED_BEFORE)
}
