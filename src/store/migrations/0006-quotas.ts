// Resource quotas (issue 5): platform defaults per resource type, an administrator's overrides per
// user and zone, and one lock row per (user, zone) that quota checks hold while they count usage.
// A quota of -1 means unlimited. Tags are counted per user across zones: their rows use zone ''.
import type { Kysely } from 'kysely'

/**
 * The defaults a new platform starts with. Units: cpu in vCPUs, memory in MB, volume_size in GB,
 * the rest are counts. A later migration adds a row when a new resource type gets a quota.
 */
const DEFAULTS: Record<string, number> = {
  instance: 50,
  cpu: 200,
  memory: 409600,
  volume: 100,
  volume_size: 50000,
  keypair: 50,
  tag: 100,
  eip: 20,
  security_group: 50,
  vxnet: 50,
  snapshot: 100,
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quota_defaults')
    .addColumn('resource_type', 'text', (c) => c.primaryKey())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .execute()
  await (db as Kysely<{ quota_defaults: { resource_type: string; quota: number } }>)
    .insertInto('quota_defaults')
    .values(Object.entries(DEFAULTS).map(([resource_type, quota]) => ({ resource_type, quota })))
    .execute()

  await db.schema
    .createTable('user_quotas')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_quotas_pk', ['user_id', 'zone_id', 'resource_type'])
    .execute()

  // never updated: a quota check locks its row FOR UPDATE so concurrent checks of one user and
  // zone count usage one after the other (PostgreSQL; SQLite runs one transaction at a time)
  await db.schema
    .createTable('quota_locks')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_locks_pk', ['user_id', 'zone_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quota_locks').execute()
  await db.schema.dropTable('user_quotas').execute()
  await db.schema.dropTable('quota_defaults').execute()
}
