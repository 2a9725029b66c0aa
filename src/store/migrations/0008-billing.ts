// Billing (issue 5): prices per zone, one wallet per user, a lease for every billable resource,
// every charge and refund as a record, every recharge as a record. Amounts are integer minor
// units (1/10000 yuan, src/lib/money.ts) in bigint columns.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('prices')
    .addColumn('zone_id', 'text', (c) => c.notNull())
    // instance | volume | eip | snapshot
    .addColumn('resource_type', 'text', (c) => c.notNull())
    // what the price is per hour of: instance `cpu` (vCPU) or `memory` (GB) or an instance type
    // id (the whole instance); volume: the volume_type (per GB); eip `bandwidth` (Mbps); snapshot `size` (GB)
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prices_pk', ['zone_id', 'resource_type', 'item'])
    .execute()

  // (the default price list is written by bootstrap, once per zone: features/billing/price-repo.ts)

  // the row every charge locks: one user's money moves one transaction at a time
  await db.schema
    .createTable('wallets')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('leases')
    .addColumn('lease_id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    // elastic (pay-as-you-go, by the hour) | monthly (prepaid terms of `months`)
    .addColumn('charge_mode', 'text', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('auto_renew', 'integer', (c) => c.notNull())
    // what the resource costs an hour at the contract's prices; a term costs 720 of them a month
    .addColumn('hourly_price', 'bigint', (c) => c.notNull())
    // per period: an hour (elastic) or the whole term (monthly)
    .addColumn('price', 'bigint', (c) => c.notNull())
    // active | suspended (a charge could not be paid) | ended
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lease_time', 'text', (c) => c.notNull())
    // when the current contract (price and period) began: creation, a resize, a renewal
    .addColumn('contract_time', 'text', (c) => c.notNull())
    // paid up to here; the next charge is due at this time (the end of a monthly term)
    .addColumn('renewal_time', 'text', (c) => c.notNull())
    // the resource's status before the lease suspended it; null while not suspended
    .addColumn('suspended_from', 'text')
    .addColumn('end_time', 'text')
    .execute()
  await db.schema.createIndex('leases_due').on('leases').columns(['status', 'renewal_time']).execute()
  await db.schema.createIndex('leases_owner').on('leases').columns(['owner', 'status']).execute()
  // a resource has at most one lease that has not ended
  await db.schema.createIndex('leases_open_resource').on('leases').column('resource_id').unique().where(sql.ref('status'), '<>', 'ended').execute()

  await db.schema
    .createTable('charge_records')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    // what was charged, once: `<lease>:<hour|month>:<period start>` for a period; a second charge of it fails
    .addColumn('charge_key', 'text', (c) => c.notNull().unique())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('lease_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    // the price's period: 1h, 1m, 3m, …
    .addColumn('duration', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    // negative for a refund
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('charge_records_owner').on('charge_records').columns(['owner', 'zone_id', 'start_time']).execute()
  await db.schema.createIndex('charge_records_resource').on('charge_records').columns(['resource_id', 'start_time']).execute()

  await db.schema
    .createTable('recharges')
    .addColumn('recharge_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('recharges_user').on('recharges').columns(['user_id', 'create_time']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['recharges', 'charge_records', 'leases', 'wallets', 'prices']) await db.schema.dropTable(table).execute()
}
