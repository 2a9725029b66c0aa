// The platform's key/value settings: the one place that names the `settings` table. Each feature
// owns its keys (a prefix or a name of its own: `maintenance`, `hosts_seeded:<zone>`, …) and their
// encoding; this facility only stores text under a name. Seed markers, switches, bootstrap facts and
// the host-count lock row all live here.
import type { Queryable, Tx } from './database.ts'
import type { Capabilities } from './dialects.ts'

/** The value stored under `name`, or undefined when there is none. */
export async function readSetting(db: Queryable, name: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst())?.value
}

/** The stored values of those of `names` that exist, by name. */
export async function readSettings(db: Queryable, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map()
  const rows = await db.selectFrom('settings').select(['name', 'value']).where('name', 'in', names).execute()
  return new Map(rows.map((r) => [r.name, r.value]))
}

/** Every setting whose name starts with `prefix` (a SQL LIKE prefix), by name. */
export async function readSettingsStartingWith(db: Queryable, prefix: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['name', 'value']).where('name', 'like', `${prefix}%`).execute()
  return new Map(rows.map((r) => [r.name, r.value]))
}

/** Stores `value` under `name`, replacing what was there. */
export async function writeSetting(db: Queryable, name: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute()
}

/**
 * Stores a setting that is written once (a seed marker): a second write of the same name fails, as
 * the primary key says, so two processes seeding at once cannot both believe they seeded.
 */
export async function addSetting(db: Queryable, name: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ name, value }).execute()
}

/** Stores each entry whose name is not stored yet; existing ones keep their value. */
export async function addSettingsIfAbsent(db: Queryable, entries: ReadonlyArray<{ name: string; value: string }>): Promise<void> {
  if (entries.length === 0) return
  await db
    .insertInto('settings')
    .values([...entries])
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
}

export async function deleteSetting(db: Queryable, name: string): Promise<void> {
  await db.deleteFrom('settings').where('name', '=', name).execute()
}

/**
 * Holds the row `name` (made empty if missing) until the transaction ends: a lock that needs no
 * table of its own. On SQLite the write transaction already serialises; PostgreSQL takes FOR UPDATE.
 */
export async function lockSettingRow(db: Tx, caps: Capabilities, name: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ name, value: '' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  await caps.forUpdate(db.selectFrom('settings').select('name').where('name', '=', name)).execute()
}
