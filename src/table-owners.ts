// Which feature owns each table (issue 15, docs/ARCHITECTURE.md "Tables belong to their feature"). Only
// files in the owner's folder name the table in a query; everyone else calls the owner's exported
// functions. test/architecture/table-ownership.test.ts holds the code to this map, and the mapped
// type makes a new table in store/database.ts fail to compile until it has an owner.
import type { Database } from './store/database.ts'

/** A folder under src/features, or `store` for src/store/ (the settings facility, the cache epoch). */
export type TableOwner =
  | 'access-keys'
  | 'accounts'
  | 'apps'
  | 'billing'
  | 'clusters'
  | 'eips'
  | 'faults'
  | 'hosts'
  | 'images'
  | 'instance-types'
  | 'instances'
  | 'jobs'
  | 'keypairs'
  | 'licenses'
  | 'loadbalancers'
  | 'mail'
  | 'nics'
  | 'quotas'
  | 'rate-limits'
  | 'resources'
  | 'routers'
  | 'security-groups'
  | 'snapshots'
  | 'store'
  | 'tags'
  | 'volumes'
  | 'vxnets'
  | 'zones'

export const TABLE_OWNERS: { readonly [table in keyof Database]: TableOwner } = {
  zones: 'zones',
  users: 'accounts',
  sessions: 'accounts',
  user_tokens: 'accounts',
  invites: 'accounts',
  login_failures: 'accounts',
  rate_slots: 'accounts',
  access_keys: 'access-keys',
  jobs: 'jobs',
  settings: 'store',
  cache_epoch: 'store',
  hosts: 'hosts',
  instance_types: 'instance-types',
  images: 'images',
  instances: 'instances',
  volumes: 'volumes',
  keypairs: 'keypairs',
  keypair_instances: 'keypairs',
  tags: 'tags',
  resource_tags: 'tags',
  outbox: 'mail',
  quota_defaults: 'quotas',
  user_quotas: 'quotas',
  quota_locks: 'quotas',
  reservations: 'quotas',
  api_usage: 'rate-limits',
  prices: 'billing',
  wallets: 'billing',
  leases: 'billing',
  charge_records: 'billing',
  recharges: 'billing',
  licenses: 'licenses',
  faults: 'faults',
  apps: 'apps',
  app_versions: 'apps',
  app_version_images: 'apps',
  clusters: 'clusters',
  cluster_nodes: 'clusters',
  security_groups: 'security-groups',
  security_group_rules: 'security-groups',
  vxnets: 'vxnets',
  nics: 'nics',
  eips: 'eips',
  eip_pool: 'eips',
  routers: 'routers',
  router_statics: 'routers',
  router_static_entries: 'routers',
  loadbalancers: 'loadbalancers',
  loadbalancer_eips: 'loadbalancers',
  loadbalancer_listeners: 'loadbalancers',
  loadbalancer_listener_certificates: 'loadbalancers',
  loadbalancer_backends: 'loadbalancers',
  loadbalancer_policies: 'loadbalancers',
  loadbalancer_policy_rules: 'loadbalancers',
  server_certificates: 'loadbalancers',
  snapshots: 'snapshots',
  resource_counts: 'resources',
}

/** Where (relative to the repository) the owner's tables may be named: its feature folder, or the settings file. */
export function ownerPath(owner: TableOwner): string {
  return owner === 'store' ? 'src/store/' : `src/features/${owner}/`
}
