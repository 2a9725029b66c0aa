// Every DescribeInstances page looks up the EIPs of its 20 instances (`instance_id in (…)`); eips
// had no index on instance_id, so each page read every EIP row of every user.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('eips_instance').on('eips').column('instance_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('eips_instance').execute()
}
