// Load balancers (issue 18): the load balancers, the EIPs bound to them, their listeners (with the
// server certificates an https listener presents) and backends, forwarding policies with their
// rules, and server certificates. Load balancers, policies and certificates are registered kinds,
// so their tables get kept-count triggers (kept-count-triggers.ts, 0020's shape). Also: the quota
// defaults of `loadbalancer` and `loadbalancer_policy`, and the load balancers' default prices in
// zones whose price list was seeded before they existed (features/loadbalancers/lb-kind.ts).
import type { Kysely } from 'kysely'
import { addKeptCounts, type CountedTable, dropKeptCounts } from './kept-count-triggers.ts'

const COUNTED: CountedTable[] = [
  { table: 'loadbalancers', id: 'loadbalancer_id', name: 'loadbalancer_name', stateful: true },
  { table: 'loadbalancer_policies', id: 'loadbalancer_policy_id', name: 'loadbalancer_policy_name', stateful: false },
  { table: 'server_certificates', id: 'server_certificate_id', name: 'server_certificate_name', stateful: false },
]

const QUOTAS: ReadonlyArray<[string, number]> = [
  ['loadbalancer', 10],
  ['loadbalancer_policy', 20],
]

/** Per load-balancer hour by loadbalancer_type 0–5 (max connections), in 1/10000 yuan: 0.06 … 3.00 yuan. */
const PRICES: ReadonlyArray<[string, number]> = [
  ['5k', 600],
  ['20k', 1200],
  ['40k', 2400],
  ['100k', 6000],
  ['200k', 12000],
  ['500k', 30000],
]

interface Tables {
  quota_defaults: { resource_type: string; quota: number }
  prices: { zone_id: string; resource_type: string; item: string; price: number; update_time: string }
  settings: { name: string; value: string }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loadbalancers')
    .addColumn('loadbalancer_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // 0–5: 5k, 20k, 40k, 100k, 200k, 500k maximum connections
    .addColumn('loadbalancer_type', 'integer', (c) => c.notNull())
    .addColumn('node_count', 'integer', (c) => c.notNull())
    // vxnet-0 for a public load balancer (EIPs), else the private one's vxnet
    .addColumn('vxnet_id', 'text', (c) => c.notNull())
    // its address in vxnet_id (held as a NIC of the vxnets feature: unique in the network)
    .addColumn('private_ip', 'text', (c) => c.notNull())
    .addColumn('security_group_id', 'text', (c) => c.notNull())
    .addColumn('http_header_size', 'integer', (c) => c.notNull())
    // the Go SDK's and CCM's `mode` and `cluster_mode`, echoed
    .addColumn('mode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cluster_mode', 'integer', (c) => c.notNull().defaultTo(0))
    // 0 after a change to its configuration (listeners, backends, attributes) until UpdateLoadBalancers
    .addColumn('is_applied', 'integer', (c) => c.notNull().defaultTo(1))
    // pending | active | stopped | suspended | deleted | ceased
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transition_status', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('status_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancers_owner').on('loadbalancers').columns(['owner', 'zone_id', 'create_time', 'loadbalancer_id', 'status']).execute()
  await db.schema.createIndex('loadbalancers_vxnet').on('loadbalancers').columns(['vxnet_id']).execute()
  await db.schema.createIndex('loadbalancers_security_group').on('loadbalancers').columns(['security_group_id']).execute()

  // one row per bound EIP: an EIP is bound to one load balancer at most (its primary key)
  await db.schema
    .createTable('loadbalancer_eips')
    .addColumn('eip_id', 'text', (c) => c.primaryKey())
    .addColumn('loadbalancer_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    // '' bound; associating / dissociating while the job runs
    .addColumn('transition_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bind_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancer_eips_lb').on('loadbalancer_eips').columns(['loadbalancer_id', 'bind_time', 'eip_id']).execute()

  await db.schema
    .createTable('loadbalancer_listeners')
    .addColumn('loadbalancer_listener_id', 'text', (c) => c.primaryKey())
    .addColumn('loadbalancer_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_listener_name', 'text', (c) => c.notNull())
    .addColumn('listener_port', 'integer', (c) => c.notNull())
    // http | https | tcp | ssl | udp
    .addColumn('listener_protocol', 'text', (c) => c.notNull())
    .addColumn('backend_protocol', 'text', (c) => c.notNull())
    // roundrobin | leastconn | source
    .addColumn('balance_mode', 'text', (c) => c.notNull())
    // '' off, else as given (insert|3600, prefix|name, …)
    .addColumn('session_sticky', 'text', (c) => c.notNull())
    // bits: 1 X-Forwarded-For, 2 QC-LBID, 4 QC-LBIP
    .addColumn('forwardfor', 'integer', (c) => c.notNull())
    // tcp | udp | http|<url>[|<host>]
    .addColumn('healthy_check_method', 'text', (c) => c.notNull())
    // inter|timeout|fall|rise
    .addColumn('healthy_check_option', 'text', (c) => c.notNull())
    .addColumn('listener_option', 'integer', (c) => c.notNull())
    .addColumn('tunnel_timeout', 'integer', (c) => c.notNull())
    .addColumn('timeout', 'integer', (c) => c.notNull())
    .addColumn('scene', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancer_listeners_lb').on('loadbalancer_listeners').columns(['loadbalancer_id', 'create_time', 'loadbalancer_listener_id']).execute()
  await db.schema.createIndex('loadbalancer_listeners_owner').on('loadbalancer_listeners').columns(['owner', 'zone_id', 'create_time', 'loadbalancer_listener_id']).execute()

  // the certificates an https listener presents, in the order given
  await db.schema
    .createTable('loadbalancer_listener_certificates')
    .addColumn('loadbalancer_listener_id', 'text', (c) => c.notNull())
    .addColumn('server_certificate_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loadbalancer_listener_certificates_pk', ['loadbalancer_listener_id', 'server_certificate_id'])
    .execute()
  await db.schema.createIndex('loadbalancer_listener_certificates_cert').on('loadbalancer_listener_certificates').columns(['server_certificate_id']).execute()

  await db.schema
    .createTable('loadbalancer_backends')
    .addColumn('loadbalancer_backend_id', 'text', (c) => c.primaryKey())
    .addColumn('loadbalancer_listener_id', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_backend_name', 'text', (c) => c.notNull())
    // an instance (i-…), a router (rtr-…) or an IPv4 address
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    // '' when it serves the listener's default traffic
    .addColumn('loadbalancer_policy_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancer_backends_listener').on('loadbalancer_backends').columns(['loadbalancer_listener_id', 'create_time', 'loadbalancer_backend_id']).execute()
  await db.schema.createIndex('loadbalancer_backends_lb').on('loadbalancer_backends').columns(['loadbalancer_id']).execute()
  await db.schema.createIndex('loadbalancer_backends_owner').on('loadbalancer_backends').columns(['owner', 'zone_id', 'create_time', 'loadbalancer_backend_id']).execute()
  await db.schema.createIndex('loadbalancer_backends_policy').on('loadbalancer_backends').columns(['loadbalancer_policy_id']).execute()
  await db.schema.createIndex('loadbalancer_backends_resource').on('loadbalancer_backends').columns(['resource_id']).execute()

  await db.schema
    .createTable('loadbalancer_policies')
    .addColumn('loadbalancer_policy_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_policy_name', 'text', (c) => c.notNull())
    // and | or: how its rules combine
    .addColumn('operator', 'text', (c) => c.notNull())
    // '' follows the listener's balance mode
    .addColumn('balance_mode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    // 0 after a change to it or its rules until ApplyLoadBalancerPolicy
    .addColumn('is_applied', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancer_policies_owner').on('loadbalancer_policies').columns(['owner', 'zone_id', 'create_time', 'loadbalancer_policy_id']).execute()

  await db.schema
    .createTable('loadbalancer_policy_rules')
    .addColumn('loadbalancer_policy_rule_id', 'text', (c) => c.primaryKey())
    .addColumn('loadbalancer_policy_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('loadbalancer_policy_rule_name', 'text', (c) => c.notNull())
    // domain | url
    .addColumn('rule_type', 'text', (c) => c.notNull())
    .addColumn('val', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('loadbalancer_policy_rules_policy').on('loadbalancer_policy_rules').columns(['loadbalancer_policy_id', 'create_time', 'loadbalancer_policy_rule_id']).execute()
  await db.schema.createIndex('loadbalancer_policy_rules_owner').on('loadbalancer_policy_rules').columns(['owner', 'zone_id', 'create_time', 'loadbalancer_policy_rule_id']).execute()

  await db.schema
    .createTable('server_certificates')
    .addColumn('server_certificate_id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('server_certificate_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('certificate_content', 'text', (c) => c.notNull())
    // sealed with the master key (ctx.seal), opened only to answer DescribeServerCertificates
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('server_certificates_owner').on('server_certificates').columns(['owner', 'zone_id', 'create_time', 'server_certificate_id']).execute()

  for (const k of COUNTED) await addKeptCounts(db, k)

  const tables = db as unknown as Kysely<Tables>
  await tables
    .insertInto('quota_defaults')
    .values(QUOTAS.map(([resource_type, quota]) => ({ resource_type, quota })))
    .onConflict((oc) => oc.column('resource_type').doNothing())
    .execute()
  const seeded = await tables.selectFrom('settings').select(['name', 'value']).where('name', 'like', 'prices_seeded:%').execute()
  for (const { name, value } of seeded) {
    const zone_id = name.slice('prices_seeded:'.length)
    await tables
      .insertInto('prices')
      .values(PRICES.map(([item, price]) => ({ zone_id, resource_type: 'loadbalancer', item, price, update_time: value })))
      .onConflict((oc) => oc.columns(['zone_id', 'resource_type', 'item']).doNothing())
      .execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = db as unknown as Kysely<Tables>
  await tables.deleteFrom('prices').where('resource_type', '=', 'loadbalancer').execute()
  await tables
    .deleteFrom('quota_defaults')
    .where(
      'resource_type',
      'in',
      QUOTAS.map(([type]) => type),
    )
    .execute()
  for (const k of COUNTED) await dropKeptCounts(db, k)
  for (const table of ['server_certificates', 'loadbalancer_policy_rules', 'loadbalancer_policies', 'loadbalancer_backends', 'loadbalancer_listener_certificates', 'loadbalancer_listeners', 'loadbalancer_eips', 'loadbalancers'])
    await db.schema.dropTable(table).execute()
}
