// Networking and snapshots (issue 8): security groups and their rules, private networks (vxnets)
// and the instances' addresses in them, elastic IPs with each zone's address pool, snapshots of
// volumes and instances. Instances gain the security group they are in.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('security_groups')
    .addColumn('security_group_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('security_group_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // 1 for the group every user has in every zone (never deleted)
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    // 0 after a rule change until ApplySecurityGroup
    .addColumn('is_applied', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('security_groups_owner').on('security_groups').columns(['owner', 'zone_id', 'create_time']).execute()

  await db.schema
    .createTable('security_group_rules')
    .addColumn('security_group_rule_id', 'text', (c) => c.primaryKey())
    .addColumn('security_group_id', 'text', (c) => c.notNull())
    .addColumn('security_group_rule_name', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('direction', 'integer', (c) => c.notNull())
    .addColumn('val1', 'text', (c) => c.notNull())
    .addColumn('val2', 'text', (c) => c.notNull())
    .addColumn('val3', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('security_group_rules_group').on('security_group_rules').column('security_group_id').execute()

  // '' until the instance is put in a group (RunInstances puts it in the owner's default group)
  await db.schema
    .alterTable('instances')
    .addColumn('security_group_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  await db.schema
    .createTable('vxnets')
    .addColumn('vxnet_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('vxnet_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // 1 managed (addresses handed out by the platform), 0 self-managed
    .addColumn('vxnet_type', 'integer', (c) => c.notNull())
    // the network's addresses, e.g. 192.168.100.0/24 ('' for a self-managed one)
    .addColumn('ip_network', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('vxnets_owner').on('vxnets').columns(['owner', 'zone_id', 'create_time']).execute()

  // an instance's network interface in a vxnet: one row per (instance, vxnet), one address per vxnet
  await db.schema
    .createTable('instance_nics')
    .addColumn('nic_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('vxnet_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('private_ip', 'text', (c) => c.notNull())
    // '' once attached; joining / leaving while a JoinVxnet / LeaveVxnet job runs
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('instance_nics_instance_vxnet').on('instance_nics').columns(['instance_id', 'vxnet_id']).unique().execute()
  // an address is held by one interface in a network (the base network vxnet-0 is per zone)
  await db.schema.createIndex('instance_nics_address').on('instance_nics').columns(['zone_id', 'vxnet_id', 'private_ip']).unique().execute()

  await db.schema
    .createTable('eips')
    .addColumn('eip_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('eip_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('eip_addr', 'text', (c) => c.notNull())
    .addColumn('bandwidth', 'integer', (c) => c.notNull())
    .addColumn('billing_mode', 'text', (c) => c.notNull())
    .addColumn('associate_mode', 'integer', (c) => c.notNull())
    .addColumn('need_icp', 'integer', (c) => c.notNull())
    // the instance it is associated with, '' otherwise
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('eips_owner').on('eips').columns(['owner', 'zone_id', 'create_time']).execute()

  // each zone's public addresses; eip_id '' while free. Allocation takes the lowest free one.
  await db.schema
    .createTable('eip_pool')
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('eip_addr', 'text', (c) => c.notNull())
    .addColumn('eip_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('eip_pool_pk', ['zone_id', 'eip_addr'])
    .execute()

  await db.schema
    .createTable('snapshots')
    .addColumn('snapshot_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('snapshot_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // 1 full (a chain's root), 0 incremental
    .addColumn('snapshot_type', 'integer', (c) => c.notNull())
    // the volume or instance it was taken of
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    // MB, the size of the disk taken
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.notNull())
    .addColumn('is_head', 'integer', (c) => c.notNull())
    .addColumn('is_taken', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull())
    .addColumn('snapshot_time', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('snapshots_owner').on('snapshots').columns(['owner', 'zone_id', 'create_time']).execute()
  await db.schema.createIndex('snapshots_resource').on('snapshots').column('resource_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['snapshots', 'eip_pool', 'eips', 'instance_nics', 'vxnets', 'security_group_rules', 'security_groups']) await db.schema.dropTable(table).execute()
  await db.schema.alterTable('instances').dropColumn('security_group_id').execute()
}
