// AppCenter (issue 7): apps, their versions with the configuration template a deployment is
// checked against, each role's image per zone, and the clusters deployed from them. A cluster's
// nodes are ordinary instances (compute, billing, quotas); cluster_nodes ties each to its role.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('apps')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('app_name', 'text', (c) => c.notNull())
    .addColumn('app_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('abstraction', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('app_versions')
    .addColumn('version_id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // the configuration template (apps/template.ts) as JSON, without the role images
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('app_versions_app').on('app_versions').column('app_id').execute()

  // which image a role's nodes run in a zone: a version is deployable only where it names one
  await db.schema
    .createTable('app_version_images')
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('image_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_version_images_pk', ['version_id', 'role', 'zone_id'])
    .execute()

  await db.schema
    .createTable('clusters')
    .addColumn('cluster_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('vxnet_id', 'text', (c) => c.notNull())
    .addColumn('global_uuid', 'text', (c) => c.notNull())
    // the environment after defaults, as JSON
    .addColumn('env', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('clusters_owner').on('clusters').columns(['owner', 'zone_id', 'create_time']).execute()

  await db.schema
    .createTable('cluster_nodes')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // GB of node storage the conf asked for (volume_size)
    .addColumn('storage_size', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('cluster_nodes_cluster').on('cluster_nodes').column('cluster_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['cluster_nodes', 'clusters', 'app_version_images', 'app_versions', 'apps']) await db.schema.dropTable(table).execute()
}
