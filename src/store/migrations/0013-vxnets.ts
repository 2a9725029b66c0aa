// VxNets (issue 8): an address is unique within a network, but members of a self-managed vxnet
// have no address (''), and any number of them may share one network. The unique index of 0011
// covered '' too; it now covers real addresses only (a partial index, on SQLite and PostgreSQL).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('instance_nics_address').execute()
  await db.schema.createIndex('instance_nics_address').on('instance_nics').columns(['zone_id', 'vxnet_id', 'private_ip']).unique().where(sql.ref('private_ip'), '<>', '').execute()
  // DescribeVxnetInstances and DeleteVxnets look members up by network
  await db.schema.createIndex('instance_nics_vxnet').on('instance_nics').columns(['vxnet_id', 'zone_id']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('instance_nics_vxnet').execute()
  await db.schema.dropIndex('instance_nics_address').execute()
  await db.schema.createIndex('instance_nics_address').on('instance_nics').columns(['zone_id', 'vxnet_id', 'private_ip']).unique().execute()
}
