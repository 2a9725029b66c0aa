// The cache epoch (issue 16, request path): one row whose number changes in the same transaction as
// every change to state that processes keep in memory (store/cache-epoch.ts): access keys, the
// standing (status, role) of users, zones, scripted faults and the maintenance setting. Triggers
// bump it, so no writer can forget (repos, admin actions, a test or an operator editing rows by
// hand): a process that reads the epoch after a commit sees that commit's bump.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

/** Tables whose every insert, update and delete bumps the epoch (users: only a change of status or role, see below). */
const WHOLE_TABLES = ['access_keys', 'zones', 'faults'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cache_epoch')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into cache_epoch (id, epoch) values (1, 1)`.execute(db)

  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  if (sqlite) {
    const bump = 'update cache_epoch set epoch = epoch + 1 where id = 1;'
    for (const table of WHOLE_TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        await sql.raw(`create trigger cache_epoch_${table}_${event} after ${event} on ${table} begin ${bump} end`).execute(db)
      }
    }
    // failed_logins and locked_until change on every wrong password: only who the user is counts
    await sql.raw(`create trigger cache_epoch_users_update after update of status, role on users begin ${bump} end`).execute(db)
    await sql.raw(`create trigger cache_epoch_users_delete after delete on users begin ${bump} end`).execute(db)
    for (const event of ['insert', 'update', 'delete']) {
      const row = event === 'delete' ? 'old' : 'new'
      await sql.raw(`create trigger cache_epoch_settings_${event} after ${event} on settings when ${row}.name = 'maintenance' begin ${bump} end`).execute(db)
    }
    return
  }

  // PostgreSQL: deferred constraint triggers fire at commit, still inside the transaction: the
  // epoch row is locked last, after every lock the transaction took, so it cannot deadlock with them
  await sql.raw(`create function cache_epoch_bump() returns trigger language plpgsql as $$ begin update cache_epoch set epoch = epoch + 1 where id = 1; return null; end $$`).execute(db)
  const deferred = 'deferrable initially deferred for each row'
  for (const table of WHOLE_TABLES) {
    await sql.raw(`create constraint trigger cache_epoch_${table} after insert or update or delete on ${table} ${deferred} execute function cache_epoch_bump()`).execute(db)
  }
  await sql.raw(`create constraint trigger cache_epoch_users_update after update of status, role on users ${deferred} execute function cache_epoch_bump()`).execute(db)
  await sql.raw(`create constraint trigger cache_epoch_users_delete after delete on users ${deferred} execute function cache_epoch_bump()`).execute(db)
  await sql.raw(`create constraint trigger cache_epoch_settings_write after insert or update on settings ${deferred} when (new.name = 'maintenance') execute function cache_epoch_bump()`).execute(db)
  await sql.raw(`create constraint trigger cache_epoch_settings_delete after delete on settings ${deferred} when (old.name = 'maintenance') execute function cache_epoch_bump()`).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and name like 'cache_epoch_%'`.execute(db)
    for (const { name } of rows) await sql.raw(`drop trigger ${name}`).execute(db)
  } else {
    await sql.raw('drop function cache_epoch_bump() cascade').execute(db)
  }
  await db.schema.dropTable('cache_epoch').execute()
}
