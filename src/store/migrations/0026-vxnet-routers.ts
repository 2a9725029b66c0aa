// VxNets in a VPC (issue 17): a managed vxnet joined to a router. The join is the vxnet's, so it
// lives on the vxnets row (owner: the vxnets feature) rather than in a join table: a vxnet joins
// one router at most, which one column says by construction; the row lock JoinRouter, LeaveRouter,
// JoinVxnet and DeleteVxnets already take on the vxnet covers its join too; and DescribeVxnets
// reads its `router` object from the row it lists. A vxnet not joined has router_id '' and the
// other columns empty (features 0).
import type { Kysely } from 'kysely'

const COLUMNS = [
  // the router it is joined to; '' when not joined
  ['router_id', 'text'],
  // 'joining' / 'leaving' while a JoinRouter / LeaveRouter job runs, else ''
  ['router_transition', 'text'],
  // the router's address in the vxnet, and the DHCP range members' addresses come from
  ['manager_ip', 'text'],
  ['dyn_ip_start', 'text'],
  ['dyn_ip_end', 'text'],
  // when it joined (DescribeRouterVxnets' create_time)
  ['join_time', 'text'],
  // the router's interface in the vxnet: a MAC address (DescribeRouters verbose=1 `vxnets[].nic_id`)
  ['router_nic_id', 'text'],
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of COLUMNS)
    await db.schema
      .alterTable('vxnets')
      .addColumn(name, type, (c) => c.notNull().defaultTo(''))
      .execute()
  // bit flags: 1 DHCP (the only value JoinRouter accepts), 2 private DNS; 0 when not joined
  await db.schema
    .alterTable('vxnets')
    .addColumn('features', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // a router's vxnets (DescribeRouterVxnets, DescribeRouters verbose=1, DeleteRouters' check)
  await db.schema.createIndex('vxnets_router').on('vxnets').columns(['router_id', 'join_time']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vxnets_router').execute()
  for (const name of ['features', ...COLUMNS.map(([n]) => n)]) await db.schema.alterTable('vxnets').dropColumn(name).execute()
}
