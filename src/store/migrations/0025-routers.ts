// VPC routers (issue 17): the routers, their statics (port forwarding, VPN, DHCP options, tunnels,
// filters, private DNS) and the entries of a static (VPN accounts, tunnel networks). A router is a
// leased, stateful kind, so its table gets the kept-count triggers of migration 0020 (same shape:
// SQLite row triggers upserting one row per key; PostgreSQL statement triggers appending deltas
// through 0020's resource_counts_delta(); kept-count-triggers.ts).
import type { Kysely } from 'kysely'
import { addKeptCounts, type CountedTable, dropKeptCounts } from './kept-count-triggers.ts'

const COUNTED: CountedTable = { table: 'routers', id: 'router_id', name: 'router_name', stateful: true }

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('routers')
    .addColumn('router_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('router_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // 0 medium, 1 small, 2 large, 3 extra-large (echoed as created)
    .addColumn('router_type', 'integer', (c) => c.notNull())
    // the VPC's address space, e.g. 192.168.0.0/16
    .addColumn('vpc_network', 'text', (c) => c.notNull())
    // the router's own address in the base network
    .addColumn('private_ip', 'text', (c) => c.notNull())
    .addColumn('security_group_id', 'text', (c) => c.notNull())
    // '' when no EIP is bound
    .addColumn('eip_id', 'text', (c) => c.notNull().defaultTo(''))
    // 0 after a change to its statics or attributes until UpdateRouters applies it
    .addColumn('is_applied', 'integer', (c) => c.notNull().defaultTo(1))
    // bit flags: 1 DHCP, 2 private DNS
    .addColumn('features', 'integer', (c) => c.notNull().defaultTo(1))
    // pending | active | poweroffed | suspended | deleted | ceased
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  // the Describe page order, covering the status filter (as migration 0020's page indexes)
  await db.schema.createIndex('routers_owner').on('routers').columns(['owner', 'zone_id', 'create_time', 'router_id', 'status']).execute()

  await db.schema
    .createTable('router_statics')
    .addColumn('router_static_id', 'text', (c) => c.primaryKey())
    .addColumn('router_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('router_static_name', 'text', (c) => c.notNull())
    // 1 port forwarding, 2 VPN, 3 DHCP option, 4 L2 GRE, 5 filtering, 6 L3 GRE, 7 IPsec, 8 private DNS
    .addColumn('static_type', 'integer', (c) => c.notNull())
    // the vxnet a rule belongs to ('' for router-wide rules)
    .addColumn('vxnet_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val1', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val3', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val4', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val5', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val6', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val7', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val8', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val9', 'text', (c) => c.notNull().defaultTo(''))
    // 1 when a rule is kept but switched off
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('router_statics_router').on('router_statics').columns(['router_id', 'create_time', 'router_static_id']).execute()
  await db.schema.createIndex('router_statics_owner').on('router_statics').columns(['owner', 'zone_id', 'create_time', 'router_static_id']).execute()

  await db.schema
    .createTable('router_static_entries')
    .addColumn('router_static_entry_id', 'text', (c) => c.primaryKey())
    .addColumn('router_static_id', 'text', (c) => c.notNull())
    .addColumn('router_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('router_static_entry_name', 'text', (c) => c.notNull())
    .addColumn('val1', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('val2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('router_static_entries_static').on('router_static_entries').columns(['router_static_id', 'create_time', 'router_static_entry_id']).execute()
  await db.schema.createIndex('router_static_entries_owner').on('router_static_entries').columns(['owner', 'zone_id', 'create_time', 'router_static_entry_id']).execute()

  // kept counts for the routers kind (statuses counted, no facet)
  await addKeptCounts(db, COUNTED)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropKeptCounts(db, COUNTED)
  for (const table of ['router_static_entries', 'router_statics', 'routers']) await db.schema.dropTable(table).execute()
}
