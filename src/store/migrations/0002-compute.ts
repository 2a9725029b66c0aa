// Compute: hosts, instance types, images, instances, volumes, key pairs, tags, and what the job
// runner needs on the jobs table. Only portable column types: text, integer.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // the runner's bookkeeping: when the job's next phase is due, and what the settle step needs
  await db.schema
    .alterTable('jobs')
    .addColumn('run_after', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('jobs')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_after']).execute()

  await db.schema
    .createTable('hosts')
    .addColumn('host_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cpu_total', 'integer', (c) => c.notNull())
    .addColumn('memory_total', 'integer', (c) => c.notNull())
    .addColumn('cpu_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('memory_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('hosts_zone').on('hosts').column('zone_id').execute()

  await db.schema
    .createTable('instance_types')
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('instance_type_id', 'text', (c) => c.notNull())
    .addColumn('instance_type_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('vcpus_current', 'integer', (c) => c.notNull())
    .addColumn('memory_current', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('instance_types_pk', ['zone_id', 'instance_type_id'])
    .execute()

  // system images have plain ids (centos79x64) repeated in every zone, hence the composite key
  await db.schema
    .createTable('images')
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('image_id', 'text', (c) => c.notNull())
    .addColumn('image_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('os_family', 'text', (c) => c.notNull())
    .addColumn('processor_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('features', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recommended_type', 'text', (c) => c.notNull())
    .addColumn('default_user', 'text', (c) => c.notNull())
    .addColumn('default_passwd', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ui_type', 'text', (c) => c.notNull())
    .addColumn('source_instance_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('images_pk', ['zone_id', 'image_id'])
    .execute()
  await db.schema.createIndex('images_owner').on('images').columns(['owner', 'zone_id']).execute()

  await db.schema
    .createTable('instances')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('instance_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('instance_type', 'text', (c) => c.notNull())
    .addColumn('instance_class', 'integer', (c) => c.notNull())
    .addColumn('vcpus_current', 'integer', (c) => c.notNull())
    .addColumn('memory_current', 'integer', (c) => c.notNull())
    .addColumn('image_id', 'text', (c) => c.notNull())
    .addColumn('os_disk_size', 'integer', (c) => c.notNull())
    .addColumn('os_disk_encryption', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('login_mode', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('host_machine', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cpu_model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('graphics_passwd', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  // the Describe path: one user's resources in one zone, newest first
  await db.schema.createIndex('instances_owner_zone').on('instances').columns(['owner', 'zone_id', 'create_time']).execute()
  await db.schema.createIndex('instances_status').on('instances').columns(['status', 'status_time']).execute()

  await db.schema
    .createTable('volumes')
    .addColumn('volume_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('volume_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('volume_type', 'integer', (c) => c.notNull())
    .addColumn('encryption', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cipher_alg', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('instance_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('device', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volumes_owner_zone').on('volumes').columns(['owner', 'zone_id', 'create_time']).execute()
  await db.schema.createIndex('volumes_instance').on('volumes').column('instance_id').execute()
  await db.schema.createIndex('volumes_status').on('volumes').columns(['status', 'status_time']).execute()

  await db.schema
    .createTable('keypairs')
    .addColumn('keypair_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('keypair_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('encrypt_method', 'text', (c) => c.notNull())
    .addColumn('pub_key', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('keypairs_owner_zone').on('keypairs').columns(['owner', 'zone_id', 'create_time']).execute()

  await db.schema
    .createTable('keypair_instances')
    .addColumn('keypair_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('keypair_instances_pk', ['keypair_id', 'instance_id'])
    .execute()
  await db.schema.createIndex('keypair_instances_instance').on('keypair_instances').column('instance_id').execute()

  // tags belong to a user, not a zone: one tag can label resources in every zone
  await db.schema
    .createTable('tags')
    .addColumn('tag_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('tag_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('tags_owner_name').on('tags').columns(['owner', 'tag_name']).unique().execute()

  await db.schema
    .createTable('resource_tags')
    .addColumn('tag_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_tags_pk', ['tag_id', 'resource_id'])
    .execute()
  await db.schema.createIndex('resource_tags_resource').on('resource_tags').column('resource_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['resource_tags', 'tags', 'keypair_instances', 'keypairs', 'volumes', 'instances', 'images', 'instance_types', 'hosts']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('jobs_due').execute()
  await db.schema.alterTable('jobs').dropColumn('payload').execute()
  await db.schema.alterTable('jobs').dropColumn('run_after').execute()
}
