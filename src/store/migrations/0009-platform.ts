// Platform operations (issue 6): loaded license certificates, scripted faults an administrator
// arms, and where an image's file lives in the image warehouse. Maintenance and the warehouse
// switch are rows of `settings`; hosts already have a `status` (active | draining).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('licenses')
    // SHA-256 of the certificate's signed content: the same certificate loaded twice is one row
    .addColumn('license_id', 'text', (c) => c.primaryKey())
    .addColumn('licensee', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('issued', 'text', (c) => c.notNull())
    .addColumn('expires', 'text', (c) => c.notNull())
    .addColumn('max_hosts', 'integer', (c) => c.notNull())
    // JSON array of feature names
    .addColumn('features', 'text', (c) => c.notNull())
    // the certificate exactly as loaded
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('loaded_time', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('faults')
    .addColumn('fault_id', 'text', (c) => c.primaryKey())
    // reply: the next calls answer `ret_code`; job: the next jobs of `action` fail
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // '' for any caller
    .addColumn('access_key_id', 'text', (c) => c.notNull())
    .addColumn('ret_code', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('faults_action').on('faults').columns(['kind', 'action']).execute()

  // a captured or imported image's file in the warehouse, relative to its directory; '' for none
  await db.schema
    .alterTable('images')
    .addColumn('warehouse_file', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('images').dropColumn('warehouse_file').execute()
  await db.schema.dropTable('faults').execute()
  await db.schema.dropTable('licenses').execute()
}
