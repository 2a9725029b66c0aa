// NICs (issue 17): instances' interfaces become network interfaces of their own. `instance_nics` is
// renamed `nics` and gains what a NIC has: its owner, a name, a status (available | in-use; every
// existing interface is in-use), the instance ('' once detached), its slot on the instance
// (`sequence`, 0 the first) and `role` (1 for each instance's first interface, its primary),
// status_time, and whether CreateNics made it (`standalone`). An instance is still in a vxnet once (the unique index now only over attached
// NICs), an address is still held once per network. `nics` is a registered kind, so its rows are
// counted like the others (migration 0020's triggers, through kept-count-triggers.ts).
import { type Kysely, sql } from 'kysely'
import { addKeptCounts, type CountedTable, dropKeptCounts } from './kept-count-triggers.ts'

/** Counted as 0020 counts a stateful kind without facet: (owner, zone, status), `changes` on name/owner/zone/status. */
const COUNTED: CountedTable = { table: 'nics', id: 'nic_id', name: 'nic_name', stateful: true }

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of ['instance_nics_instance_vxnet', 'instance_nics_address', 'instance_nics_vxnet']) await db.schema.dropIndex(index).execute()
  await db.schema.alterTable('instance_nics').renameTo('nics').execute()
  await db.schema
    .alterTable('nics')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('nics')
    .addColumn('nic_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('nics')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('in-use'))
    .execute()
  await db.schema
    .alterTable('nics')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('nics')
    .addColumn('role', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('nics')
    .addColumn('status_time', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  // 1 for NICs made by CreateNics (none yet): an instance's own interfaces go with it, these are detached
  await db.schema
    .alterTable('nics')
    .addColumn('standalone', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // the interfaces there are: their instance's owner, their place among its interfaces (oldest first)
  await sql`update nics set
      owner = coalesce((select i.owner from instances i where i.instance_id = nics.instance_id), ''),
      status_time = create_time,
      sequence = (select count(*) from nics n where n.instance_id = nics.instance_id
        and (n.create_time < nics.create_time or (n.create_time = nics.create_time and n.nic_id < nics.nic_id)))`.execute(db)
  await sql`update nics set role = case when sequence = 0 then 1 else 0 end`.execute(db)

  await db.schema.createIndex('nics_instance_vxnet').on('nics').columns(['instance_id', 'vxnet_id']).unique().where(sql.ref('instance_id'), '<>', '').execute()
  await db.schema.createIndex('nics_address').on('nics').columns(['zone_id', 'vxnet_id', 'private_ip']).unique().where(sql.ref('private_ip'), '<>', '').execute()
  await db.schema.createIndex('nics_vxnet').on('nics').columns(['vxnet_id', 'zone_id']).execute()
  // every instance's NICs by instance (DescribeInstances' vxnets): the partial unique index above
  // does not serve `instance_id in (…)`, which does not imply `instance_id <> ''`
  await db.schema.createIndex('nics_instance').on('nics').columns(['instance_id', 'sequence']).execute()
  await db.schema.createIndex('nics_owner').on('nics').columns(['owner', 'zone_id', 'create_time', 'nic_id']).execute()

  await addKeptCounts(db, COUNTED)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropKeptCounts(db, COUNTED)
  // NICs that belong to no instance have no place in instance_nics
  await sql`delete from nics where instance_id = ''`.execute(db)
  for (const index of ['nics_instance_vxnet', 'nics_address', 'nics_vxnet', 'nics_instance', 'nics_owner']) await db.schema.dropIndex(index).execute()
  for (const column of ['owner', 'nic_name', 'status', 'sequence', 'role', 'status_time', 'standalone']) await db.schema.alterTable('nics').dropColumn(column).execute()
  await db.schema.alterTable('nics').renameTo('instance_nics').execute()
  await db.schema.createIndex('instance_nics_instance_vxnet').on('instance_nics').columns(['instance_id', 'vxnet_id']).unique().execute()
  await db.schema.createIndex('instance_nics_address').on('instance_nics').columns(['zone_id', 'vxnet_id', 'private_ip']).unique().where(sql.ref('private_ip'), '<>', '').execute()
  await db.schema.createIndex('instance_nics_vxnet').on('instance_nics').columns(['vxnet_id', 'zone_id']).execute()
}
