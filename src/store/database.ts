// The data model: every table's row type. Column names are the API's field names, so most rows
// go out on the wire as they are. Times are stored as ISO-8601 strings (portable across SQLite
// and PostgreSQL, and already in the wire format).
import type { Generated, Kysely, Transaction } from 'kysely'

export interface ZoneTable {
  zone_id: string
  status: string // active | faulty | defunct
  region_id: string
  create_time: string
}

export interface UserTable {
  user_id: string
  email: string
  user_name: string
  role: string // admin | user
  status: string // active | unverified | banned
  create_time: string
  status_time: string
  /** argon2id (lib/passwords.ts); '' for an account that cannot log in (bootstrap accounts until set). */
  password_hash: string
  /** Consecutive failed logins; reaching the limit sets locked_until. */
  failed_logins: number
  locked_until: string
  verify_time: string
}

export interface SessionTable {
  session_id: string
  /** SHA-256 of the bearer token; the token itself is only ever in the client's hands. */
  token_hash: string
  user_id: string
  create_time: string
  /** Idle expiry counts from here. */
  last_seen: string
  /** Absolute expiry. */
  expires_at: string
  /** Logout, password change or reset; '' while the session may be used. */
  end_time: string
}

/** Single-use mailed tokens: purpose verify | reset. */
export interface UserTokenTable {
  token_hash: string
  purpose: string
  user_id: string
  create_time: string
  expires_at: string
  used_time: string
}

export interface InviteTable {
  code_hash: string
  created_by: string
  create_time: string
  expires_at: string
  used_by: string
}

/** Wrong logins for an email no account has, counted like users.failed_logins / locked_until (features/accounts/login-failures.ts). */
export interface LoginFailureTable {
  /** SHA-256 (hex) of the lower-cased email. */
  email_hash: string
  failed_logins: number
  locked_until: string
}

/** Every mail QingLocal sends, kept so an admin can read it when no SMTP server is configured. */
export interface OutboxTable {
  mail_id: string
  to_address: string
  /** Fixed texts that carry no secret (mail/outbox.ts). */
  subject: string
  /** Sealed with the master key (lib/secret-box.ts) when `sealed` is 1; '' once delivered. */
  body: string
  create_time: string
  status: string // kept | queued | sending | sent | failed
  error: string
  /** 1 for every mail written since migration 0017; start-up seals older rows (0). */
  sealed: number
}

export interface AccessKeyTable {
  access_key_id: string
  /** AES-256-GCM sealed secret (lib/secret-box.ts); never stored or logged in clear. */
  secret_sealed: string
  owner: string
  access_key_name: string
  description: string | null
  status: string // active | disabled
  ip_white_list: string
  create_time: string
  status_time: string
}

export interface JobTable {
  job_id: string
  job_action: string
  status: string // pending | working | successful | failed
  owner: string
  zone_id: string
  resource_ids: string // space-separated, as the API reports it
  error_codes: string
  directive: string
  create_time: string
  status_time: string
  /** When the runner should take the job's next phase (pending → working → done). */
  run_after: string
  /** JSON of the action's declared job payload (new size, target instance, …), checked against its schema by the runner; never sent to clients. */
  payload: string
  /** How long the job stays working at realistic speed when quicker than its action's usual (a forced StopInstances); null: the action's. */
  work_ms: number | null
  /** How often the action's work step was started for this job (its lease; migration 0019); 0 on insert. */
  work_attempt: Generated<number>
}

/** A hypervisor: instances are placed on one with room for their CPU and memory. */
export interface HostTable {
  host_id: string
  zone_id: string
  status: string // active | draining (no new instances; RemoveHosts once empty)
  cpu_total: number
  memory_total: number // MB
  cpu_used: number
  memory_used: number
  create_time: string
}

export interface InstanceTypeTable {
  zone_id: string
  instance_type_id: string
  instance_type_name: string
  description: string | null
  vcpus_current: number
  memory_current: number // MB
  status: string // available | deprecated
}

export interface ImageTable {
  zone_id: string
  image_id: string
  image_name: string
  description: string | null
  owner: string // 'system' for the platform's images
  provider: string // system | self
  visibility: string // public | private
  platform: string // linux | windows
  os_family: string
  processor_type: string // 64bit | 32bit
  size: number // GB
  /** Bit mask of what instances from this image can use (images/image.ts). */
  features: number
  recommended_type: string
  default_user: string
  default_passwd: string
  ui_type: string
  /** The instance a captured image was taken from; '' for system images. */
  source_instance_id: string
  /** The image's file in the warehouse, relative to QINGLOCAL_WAREHOUSE_DIR; '' for system images. */
  warehouse_file: string
  status: string
  transition_status: string
  create_time: string
  status_time: string
}

export interface InstanceTable {
  instance_id: string
  zone_id: string
  owner: string
  instance_name: string
  description: string | null
  instance_type: string
  instance_class: number
  vcpus_current: number
  memory_current: number // MB
  image_id: string
  os_disk_size: number // GB
  os_disk_encryption: number
  login_mode: string
  hostname: string
  /** The host holding this instance's CPU and memory; '' once released. */
  host_machine: string
  cpu_model: string
  graphics_passwd: string
  /** The security group the instance is in; '' for none. */
  security_group_id: string
  status: string
  transition_status: string
  create_time: string
  status_time: string
}

export interface VolumeTable {
  volume_id: string
  zone_id: string
  owner: string
  volume_name: string
  description: string | null
  size: number // GB
  volume_type: number
  encryption: number
  cipher_alg: string
  instance_id: string
  device: string
  status: string
  transition_status: string
  create_time: string
  status_time: string
}

export interface KeyPairTable {
  keypair_id: string
  zone_id: string
  owner: string
  keypair_name: string
  description: string | null
  encrypt_method: string
  pub_key: string
  create_time: string
}

export interface KeyPairInstanceTable {
  keypair_id: string
  instance_id: string
  create_time: string
}

export interface TagTable {
  tag_id: string
  owner: string
  tag_name: string
  description: string | null
  color: string
  create_time: string
}

export interface ResourceTagTable {
  tag_id: string
  resource_id: string
  resource_type: string
  owner: string
  create_time: string
}

/** One row (id 1): bumped by triggers with every change to state processes cache (store/cache-epoch.ts, migration 0022). */
export interface CacheEpochTable {
  id: number
  epoch: number
}

/** Platform-wide key/value settings: bootstrap markers, the master-key fingerprint. */
export interface SettingTable {
  name: string
  value: string
}

/** One slot of a sliding-window rate limit (password-reset requests per address). */
export interface RateSlotTable {
  /** SHA-256 of scope, key and slot number. */
  slot_key: string
  scope: string
  claim_time: string
  expires_at: string
}

/** A resource type's platform-wide default quota; -1 is unlimited. */
export interface QuotaDefaultTable {
  resource_type: string
  quota: number
}

/** An administrator's quota for one user in one zone ('' for user-wide types: tag); -1 is unlimited. */
export interface UserQuotaTable {
  user_id: string
  zone_id: string
  resource_type: string
  quota: number
  update_time: string
}

/** Held FOR UPDATE by a quota check, so one user's checks in one zone count usage in turn. */
export interface QuotaLockTable {
  user_id: string
  zone_id: string
}

/**
 * Quota a pending job will hold when it settles (a resize's growth): counted as usage from the
 * request that accepted it until the job ends, then deleted by the job runner (migration 0018).
 */
export interface ReservationTable {
  job_id: string
  resource_type: string // a quota type: cpu, memory, volume_size, …
  user_id: string
  zone_id: string // the quota's zone ('' for user-wide types)
  amount: number
  create_time: string
}

/** Requests a user made in one period: their local day ('day') or one burst window ('burst'). */
export interface ApiUsageTable {
  user_id: string
  period: 'day' | 'burst'
  period_key: string
  request_count: number
}

/** An hourly price in minor units (1/10000 yuan) of one item of a resource type in a zone. */
export interface PriceTable {
  zone_id: string
  /** A leased kind's type (instance, volume, eip, snapshot): its registry entry's pricing says which items it has. */
  resource_type: string
  /** instance: `cpu` (per vCPU), `memory` (per GB) or an instance type id; volume: its volume_type (per GB); eip: `bandwidth` (per Mbps); snapshot: `size` (per GB). */
  item: string
  price: number
  update_time: string
}

/** A user's money in minor units. Every charge and refund locks this row first. */
export interface WalletTable {
  user_id: string
  balance: number
  update_time: string
}

/** The contract under which one resource is paid for (reference 3.11 GetLeaseInfo). */
export interface LeaseTable {
  /** `ct-…`: the contract id GetLeaseInfo shows. */
  lease_id: string
  resource_id: string
  resource_type: string
  resource_name: string
  zone_id: string
  owner: string
  charge_mode: 'elastic' | 'monthly'
  /** Term length of a monthly lease; 0 for elastic. */
  months: number
  auto_renew: number
  /** What the resource costs an hour at the contract's prices. */
  hourly_price: number
  /** Minor units per period: one hour (elastic) or the whole term (monthly). */
  price: number
  status: 'active' | 'suspended' | 'ended'
  lease_time: string
  contract_time: string
  /** Paid up to here; the next charge (or renewal) is due then. */
  renewal_time: string
  suspended_from: string | null
  end_time: string | null
}

/** One charge (fee > 0) or refund (fee < 0) of a lease. */
export interface ChargeRecordTable {
  record_id: string
  charge_key: string
  owner: string
  zone_id: string
  lease_id: string
  resource_id: string
  resource_type: string
  resource_name: string
  start_time: string
  end_time: string
  duration: string
  unit: string
  price: number
  fee: number
  remarks: string
  create_time: string
}

/** Money an administrator added to (or, negative, took from) a wallet. */
export interface RechargeTable {
  recharge_id: string
  user_id: string
  amount: number
  balance_after: number
  operator: string
  remarks: string
  create_time: string
}

/** A license certificate the platform has loaded (reference: issue 6). */
export interface LicenseTable {
  license_id: string
  licensee: string
  platform_id: string
  issued: string
  expires: string
  max_hosts: number
  /** JSON array of feature names. */
  features: string
  certificate: string
  loaded_time: string
}

/** A scripted fault an administrator armed: counted down by each call (or job) it hits, then gone. */
export interface FaultTable {
  fault_id: string
  kind: 'reply' | 'job'
  action: string
  /** '' for any caller. */
  access_key_id: string
  ret_code: number
  remaining: number
  create_time: string
}

/** An AppCenter app (features/apps). */
export interface AppTable {
  app_id: string
  app_name: string
  app_type: string // cluster
  category: string
  description: string
  abstraction: string
  /** 'system' for the apps QingLocal ships; the publishing admin's user id otherwise. */
  owner: string
  visibility: string // public
  status: string // active | suspended
  create_time: string
  status_time: string
}

export interface AppVersionTable {
  version_id: string
  app_id: string
  name: string
  description: string
  /** The configuration template as JSON (apps/template.ts), role images aside. */
  template: string
  owner: string
  status: string // active | suspended
  create_time: string
  status_time: string
}

export interface AppVersionImageTable {
  version_id: string
  role: string
  zone_id: string
  image_id: string
}

export interface ClusterTable {
  cluster_id: string
  zone_id: string
  owner: string
  name: string
  description: string
  app_id: string
  version_id: string
  vxnet_id: string
  global_uuid: string
  /** The environment as deployed, defaults filled in, as JSON. */
  env: string
  status: string // pending | active | stopped | deleted | ceased
  transition_status: string
  create_time: string
  status_time: string
}

/** A node of a cluster: one instance playing one role. */
export interface ClusterNodeTable {
  node_id: string
  cluster_id: string
  instance_id: string
  role: string
  name: string
  storage_size: number
  create_time: string
}

export interface SecurityGroupTable {
  security_group_id: string
  zone_id: string
  owner: string
  security_group_name: string
  description: string | null
  is_default: number
  is_applied: number
  create_time: string
}

export interface SecurityGroupRuleTable {
  security_group_rule_id: string
  security_group_id: string
  security_group_rule_name: string
  priority: number // 0–100, lower first
  protocol: string // tcp | udp | icmp | gre | esp | ah | ipip
  action: string // accept | drop
  direction: number // 0 inbound, 1 outbound
  val1: string
  val2: string
  val3: string
  create_time: string
}

export interface VxnetTable {
  vxnet_id: string
  zone_id: string
  owner: string
  vxnet_name: string
  description: string | null
  vxnet_type: number // 1 managed, 0 self-managed
  ip_network: string
  create_time: string
  // the router it is joined to (migration 0026): '' and empty values when not joined
  router_id: string
  router_transition: string // joining | leaving | ''
  manager_ip: string
  dyn_ip_start: string
  dyn_ip_end: string
  features: number // 1 DHCP; 0 when not joined
  join_time: string
  router_nic_id: string // a MAC address
}

/** An instance's interface in a vxnet (the base network vxnet-0 included). */
/**
 * A network interface (NIC, features/nics): in one vxnet, with its address, attached to an instance
 * (`in-use`) or not (`available`, instance_id ''). Instances' interfaces are NICs too (migration 0027).
 */
export interface NicTable {
  nic_id: string // a MAC address
  owner: string
  zone_id: string
  vxnet_id: string
  nic_name: string
  private_ip: string
  /** available | in-use */
  status: string
  /** '' settled; attaching / detaching (AttachNics / DetachNics), joining / leaving (JoinVxnet / LeaveVxnet) */
  transition_status: string
  /** '' while detached */
  instance_id: string
  /** The NIC's slot on its instance (0 the first, eth0); 0 while detached. */
  sequence: number
  /** 1 the instance's primary NIC, else 0. */
  role: number
  /** 1 for a NIC made by CreateNics: it outlives the instances it is attached to (detached when they go); 0 for an instance's own interface. */
  standalone: number
  status_time: string
  create_time: string
}

export interface EipTable {
  eip_id: string
  zone_id: string
  owner: string
  eip_name: string
  description: string | null
  eip_addr: string
  bandwidth: number // Mbps
  billing_mode: string // bandwidth | traffic
  associate_mode: number
  need_icp: number
  instance_id: string
  status: string // pending | available | associated | suspended | released | ceased
  transition_status: string
  create_time: string
  status_time: string
}

/** A load balancer (features/loadbalancers). */
export interface LoadBalancerTable {
  loadbalancer_id: string
  zone_id: string
  owner: string
  loadbalancer_name: string
  description: string | null
  loadbalancer_type: number // 0–5: 5k, 20k, 40k, 100k, 200k, 500k maximum connections
  node_count: number
  vxnet_id: string // vxnet-0 for a public load balancer
  private_ip: string // its address in vxnet_id (a NIC held by the vxnets feature)
  security_group_id: string
  http_header_size: number // KB, 1–127
  mode: number
  cluster_mode: number
  is_applied: number // 0 until UpdateLoadBalancers applies pending changes
  status: string // pending | active | stopped | suspended | deleted | ceased
  transition_status: string
  create_time: string
  status_time: string
}

/** An EIP bound to a load balancer (the EIP row says `associated`; this row says to which). */
export interface LoadBalancerEipTable {
  eip_id: string
  loadbalancer_id: string
  zone_id: string
  owner: string
  transition_status: string // '' bound; associating / dissociating while the job runs
  bind_time: string
}

/** A load balancer listener. */
export interface LoadBalancerListenerTable {
  loadbalancer_listener_id: string
  loadbalancer_id: string
  zone_id: string
  owner: string
  loadbalancer_listener_name: string
  listener_port: number
  listener_protocol: string // http | https | tcp | ssl | udp
  backend_protocol: string
  balance_mode: string // roundrobin | leastconn | source
  session_sticky: string
  forwardfor: number // bits: 1 X-Forwarded-For, 2 QC-LBID, 4 QC-LBIP
  healthy_check_method: string
  healthy_check_option: string // inter|timeout|fall|rise
  listener_option: number
  tunnel_timeout: number
  timeout: number
  scene: number
  create_time: string
}

/** A server certificate an https listener presents (position: the order given). */
export interface LoadBalancerListenerCertificateTable {
  loadbalancer_listener_id: string
  server_certificate_id: string
  position: number
}

/** A backend of a listener. */
export interface LoadBalancerBackendTable {
  loadbalancer_backend_id: string
  loadbalancer_listener_id: string
  loadbalancer_id: string
  zone_id: string
  owner: string
  loadbalancer_backend_name: string
  resource_id: string // i-…, rtr-… or an IPv4 address
  port: number
  weight: number
  disabled: number
  loadbalancer_policy_id: string // '' for the listener's default traffic
  create_time: string
}

/** A forwarding policy (its rules choose the backends bound to it). */
export interface LoadBalancerPolicyTable {
  loadbalancer_policy_id: string
  zone_id: string
  owner: string
  loadbalancer_policy_name: string
  operator: string // and | or
  balance_mode: string // '' follows the listener's
  priority: number
  is_applied: number // 0 until ApplyLoadBalancerPolicy
  create_time: string
}

export interface LoadBalancerPolicyRuleTable {
  loadbalancer_policy_rule_id: string
  loadbalancer_policy_id: string
  zone_id: string
  owner: string
  loadbalancer_policy_rule_name: string
  rule_type: string // domain | url
  val: string
  create_time: string
}

export interface ServerCertificateTable {
  server_certificate_id: string
  zone_id: string
  owner: string
  server_certificate_name: string
  description: string | null
  certificate_content: string
  private_key: string // sealed with the master key
  create_time: string
}

/** A VPC router (features/routers). */
export interface RouterTable {
  router_id: string
  zone_id: string
  owner: string
  router_name: string
  description: string | null
  router_type: number // 0 medium, 1 small, 2 large, 3 extra-large
  vpc_network: string
  private_ip: string
  security_group_id: string
  eip_id: string // '' when unbound
  is_applied: number // 0 until UpdateRouters applies pending changes
  features: number // bit flags: 1 DHCP, 2 private DNS
  status: string // pending | active | poweroffed | suspended | deleted | ceased
  transition_status: string
  create_time: string
  status_time: string
}

/** A router static (a rule: port forwarding, VPN, DHCP option, tunnel, filter, private DNS). */
export interface RouterStaticTable {
  router_static_id: string
  router_id: string
  zone_id: string
  owner: string
  router_static_name: string
  static_type: number // 1–8
  vxnet_id: string
  val1: string
  val2: string
  val3: string
  val4: string
  val5: string
  val6: string
  val7: string
  val8: string
  val9: string
  disabled: number
  create_time: string
}

/** An entry of a router static (a VPN account, a tunnel's network). */
export interface RouterStaticEntryTable {
  router_static_entry_id: string
  router_static_id: string
  router_id: string
  zone_id: string
  owner: string
  router_static_entry_name: string
  val1: string
  val2: string
  create_time: string
}

/** A zone's public address; eip_id '' while free. */
export interface EipPoolTable {
  zone_id: string
  eip_addr: string
  eip_id: string
}

export interface SnapshotTable {
  snapshot_id: string
  zone_id: string
  owner: string
  snapshot_name: string
  description: string | null
  snapshot_type: number // 1 full, 0 incremental
  resource_id: string
  resource_type: string // volume | instance
  resource_name: string
  size: number // MB
  root_id: string
  parent_id: string
  is_head: number
  is_taken: number
  status: string // pending | available | suspended | deleted | ceased
  transition_status: string
  snapshot_time: string
  create_time: string
  status_time: string
  /** 1, 2, 3 … per resource, in the order its snapshots were taken (migration 0015). */
  seq: number
}

/**
 * Rows of a resource table per (kind = table name, owner, zone, status, facet), kept by triggers
 * (migration 0020). SQLite holds one row per key; PostgreSQL appends deltas that the sweep folds,
 * so a key's count is always sum(n).
 */
export interface ResourceCountTable {
  kind: string
  owner: string
  zone_id: string
  /** '' for kinds without statuses. */
  status: string
  /** The kind's `counts.facet` column's value, '' when it has none. */
  facet: string
  n: number | string
  /** Rows inserted, deleted or changed in a counted column or their name: sum over an (owner, zone) only grows. */
  changes: number | string
}

export interface Database {
  zones: ZoneTable
  users: UserTable
  access_keys: AccessKeyTable
  jobs: JobTable
  settings: SettingTable
  cache_epoch: CacheEpochTable
  hosts: HostTable
  instance_types: InstanceTypeTable
  images: ImageTable
  instances: InstanceTable
  volumes: VolumeTable
  keypairs: KeyPairTable
  keypair_instances: KeyPairInstanceTable
  tags: TagTable
  resource_tags: ResourceTagTable
  sessions: SessionTable
  user_tokens: UserTokenTable
  invites: InviteTable
  outbox: OutboxTable
  login_failures: LoginFailureTable
  rate_slots: RateSlotTable
  quota_defaults: QuotaDefaultTable
  user_quotas: UserQuotaTable
  quota_locks: QuotaLockTable
  reservations: ReservationTable
  api_usage: ApiUsageTable
  prices: PriceTable
  wallets: WalletTable
  leases: LeaseTable
  charge_records: ChargeRecordTable
  recharges: RechargeTable
  licenses: LicenseTable
  faults: FaultTable
  apps: AppTable
  app_versions: AppVersionTable
  app_version_images: AppVersionImageTable
  clusters: ClusterTable
  cluster_nodes: ClusterNodeTable
  security_groups: SecurityGroupTable
  security_group_rules: SecurityGroupRuleTable
  vxnets: VxnetTable
  nics: NicTable
  eips: EipTable
  eip_pool: EipPoolTable
  routers: RouterTable
  router_statics: RouterStaticTable
  router_static_entries: RouterStaticEntryTable
  loadbalancers: LoadBalancerTable
  loadbalancer_eips: LoadBalancerEipTable
  loadbalancer_listeners: LoadBalancerListenerTable
  loadbalancer_listener_certificates: LoadBalancerListenerCertificateTable
  loadbalancer_backends: LoadBalancerBackendTable
  loadbalancer_policies: LoadBalancerPolicyTable
  loadbalancer_policy_rules: LoadBalancerPolicyRuleTable
  server_certificates: ServerCertificateTable
  snapshots: SnapshotTable
  resource_counts: ResourceCountTable
}

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
/** Either the pool or a transaction: repositories accept both. */
export type Queryable = Kysely<Database>
