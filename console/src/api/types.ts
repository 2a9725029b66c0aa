// Reply shapes the pages read (field names as the API and the Go SDK's structs spell them). Add the
// items your pages need here; a `Describe…Reply` wraps a list with its total_count.

export type Role = 'user' | 'admin'

export interface Me {
  user_id: string
  email: string
  user_name: string
  role: Role
  status: string
  create_time: string
  verify_time: string | null
  session_expires_at: string
  session_idle_expires_at: string
  csrf_token: string
}

export interface LoginReply {
  user_id: string
  csrf_token: string
}

export interface Zone {
  zone_id: string
  status: string
}

export interface Job {
  job_id: string
  job_action: string
  status: 'pending' | 'working' | 'successful' | 'failed' | 'done with failure'
  resource_ids: string
  owner: string
  create_time: string
  status_time: string
  error_codes?: string
}

export interface Tag {
  tag_id: string
  tag_name: string
  tag_key?: string
  color: string
  description: string
  owner: string
  resource_count: number
  create_time: string
}

export interface KeyPair {
  keypair_id: string
  keypair_name: string
  description: string
  encrypt_method: string
  pub_key: string
  instance_ids: string[]
  tags: Tag[]
  owner: string
  zone_id: string
  create_time: string
}

export interface Instance {
  instance_id: string
  instance_name: string
  description: string
  instance_type: string
  vcpus_current: number
  memory_current: number
  status: string
  transition_status: string
  status_time: string
  create_time: string
  image: { image_id: string; image_name?: string; os_family?: string; platform?: string }
  vxnets: Array<{ vxnet_id: string; vxnet_name?: string; private_ip?: string; nic_id?: string }>
  eip?: { eip_id: string; eip_addr: string; bandwidth?: number }
  volume_ids: string[]
  keypair_ids: string[]
  security_group?: { security_group_id: string; security_group_name?: string }
  tags: Tag[]
  zone_id: string
}

export interface Volume {
  volume_id: string
  volume_name: string
  description: string
  volume_type: number
  size: number
  status: string
  transition_status: string
  status_time: string
  create_time: string
  instance?: { instance_id: string; instance_name?: string; device?: string }
  tags: Tag[]
  zone_id: string
}

export interface Eip {
  eip_id: string
  eip_name: string
  eip_addr: string
  description: string
  bandwidth: number
  billing_mode: string
  status: string
  transition_status: string
  status_time: string
  create_time: string
  resource?: { resource_id: string; resource_name?: string; resource_type?: string }
  eip_group?: { eip_group_id: string; eip_group_name?: string }
  tags: Tag[]
}

export interface SecurityGroup {
  security_group_id: string
  security_group_name: string
  description: string
  is_applied: number
  is_default: number
  resources: Array<{ resource_id: string; resource_name?: string; resource_type?: string }>
  tags: Tag[]
  create_time: string
}

/** An admin's view of an account (DescribeUsers). */
export interface User {
  user_id: string
  email: string
  user_name: string
  role: Role
  status: string
  create_time: string
}

export interface Balance {
  user_id: string
  balance: string
  bonus: string
}

/** Common shape of every Describe… reply: `DescribeReply<'keypair_set', KeyPair>`. */
export type DescribeReply<K extends string, T> = { total_count: number } & { [P in K]: T[] }

// ── money, quotas, settings and admin (pages/money, pages/settings, pages/admin) ──

export interface ChargeRecord {
  user_id: string
  resource_id: string
  resource_name: string
  resource_type: string
  start_time: string
  end_time: string
  duration: string
  price: string
  fee: string
  unit: string
  remarks: string
  zone_id: string
}

/** One period's sum in GetChargeSums' charge_sum_set (keyed by the first group_by dimension). */
export interface ChargeSum {
  fee: string
  user_id: string
  resource_type?: string
  zone_id?: string
  resource_id?: string
  /** The period: 2026-01-15 (daily), 2026-01 (monthly), … */
  total: string
}

export interface LeaseInfo {
  resource_id: string
  status: string
  lease_time: string
  renewal_time: string | null
  renewal: string
  zone_id: string
  contract: { duration: string; price: string; start_time: string; contract_id: string }
}

export interface AccessKey {
  access_key_id: string
  access_key_name: string
  description: string | null
  owner: string
  status: string
  status_time: string
  create_time: string
}

export interface AdminUser extends User {
  status_time: string
  verify_time: string | null
  locked_until: string | null
}

export interface UserQuota {
  resource_type: string
  quota: number
  default_quota: number
  overridden: number
  usage: number
  left: number
}

export interface Price {
  zone_id: string
  resource_type: string
  item: string
  price: string
  unit: string
  update_time: string
}

export interface Recharge {
  recharge_id: string
  user_id: string
  amount: string
  balance_after: string
  operator: string
  remarks: string
  create_time: string
}

export interface Host {
  host_id: string
  zone_id: string
  status: string
  cpu_total: number
  cpu_used: number
  memory_total: number
  memory_used: number
  instance_count: number
  create_time: string
}

export interface LicenseState {
  status: 'valid' | 'expired' | 'none'
  license: { license_id: string; licensee: string; platform_id: string; issued: string; expires: string; max_hosts: number; features: string[]; loaded_time: string } | null
  platform_id: string
  host_count: number
  max_hosts: number
  unlicensed_hosts: number
  host_limit: number
}

export interface Maintenance {
  status: string
  start_time: string | null
  end_time: string | null
  message: string
}

export interface Warehouse {
  enabled: number
  directory: string
  images_stored: number
  bytes_used: number
}

export interface PlatformSettings {
  registration: 'open' | 'invite' | 'closed'
  login_errors: 'generic' | 'detailed'
}

export interface Fault {
  fault_id: string
  kind: 'reply' | 'job'
  fault_action: string
  fault_access_key: string
  ret_code: number
  remaining: number
  create_time: string
}

export interface Mail {
  mail_id: string
  to_address: string
  subject: string
  body: string
  create_time: string
  status: string
  error: string | null
}

// ── Network (pages-network: security groups, vxnets, EIPs, routers, NICs) ──

export interface SecurityGroupRule {
  security_group_rule_id: string
  security_group_id: string
  security_group_rule_name: string
  priority: number
  protocol: string
  action: string
  direction: number
  val1: string
  val2: string
  val3: string
}

// ── Compute and storage pages (instances, volumes, images, snapshots, tags) ──

/** DescribeInstances with verbose=1 adds the attached volumes with their devices. */
export interface InstanceVerbose extends Instance {
  volumes?: Array<{ volume_id: string; volume_name: string; device: string; size: number; volume_type: number }>
  hostname?: string
}

export interface Image {
  image_id: string
  image_name: string
  description: string | null
  size: number
  processor_type: string
  platform: string
  os_family: string
  visibility: string
  provider: string
  owner: string
  recommended_type: string
  status: string
  transition_status: string
  default_user: string
  instance_ids: string[]
  tags: Tag[]
  create_time: string
}

export interface InstanceType {
  instance_type_id: string
  instance_type_name: string
  vcpus_current: number
  memory_current: number
  status: string
}

export interface Vxnet {
  vxnet_id: string
  vxnet_name: string
  vxnet_type: number
  description: string | null
  ip_network: string
  available_ip_count: number
  router: { router_id: string; router_name: string; manager_ip: string; ip_network: string; dyn_ip_start: string; dyn_ip_end: string } | null
  vpc_router_id: string
  instance_ids?: string[]
  tags: Tag[]
  owner: string
  create_time: string | null
}

/** An instance in a vxnet (DescribeVxnetInstances): the instance and its interface there. */
export interface VxnetInstance {
  instance_id: string
  instance_name: string
  instance_type: string
  vxnet_id: string
  private_ip: string
  nic_id: string
  sequence: number
  nic_transition_status: string
  status: string
  transition_status: string
}

export interface RouterVxnet {
  router_id: string
  vxnet_id: string
  vxnet_name: string
  manager_ip: string
  ip_network: string
  dyn_ip_start: string
  dyn_ip_end: string
  features: number
}

export interface Router {
  router_id: string
  router_name: string
  description: string
  router_type: number
  vpc_network: string
  private_ip: string
  security_group_id: string
  eip: { eip_id: string; eip_name: string; eip_addr: string }
  is_applied: number
  features: number
  status: string
  transition_status: string
  create_time: string
  status_time: string
  vxnets?: Array<{ vxnet_id: string; nic_id: string }>
  tags: Tag[]
}

export interface RouterStaticEntry {
  router_static_entry_id: string
  router_static_entry_name: string
  router_static_id?: string
  router_id?: string
  val1: string
  val2: string
}

export interface RouterStatic {
  router_static_id: string
  router_id: string
  vxnet_id: string
  router_static_name: string
  static_type: number
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
  entry_set: RouterStaticEntry[]
}

export interface Nic {
  nic_id: string
  nic_name: string
  status: string
  transition_status: string
  instance_id: string
  vxnet_id: string
  private_ip: string
  security_group: string
  sequence: number
  role: number
  eip: { eip_id: string; eip_addr: string; bandwidth: number }
  tags: Tag[]
  create_time: string
  status_time: string
}

/** One meter of a GetMonitor reply; `data` is QingCloud's compressed series (api/monitor.ts decodes it). */
export interface MonitorMeter {
  meter_id: string
  data: unknown[]
}

export interface Snapshot {
  snapshot_id: string
  snapshot_name: string
  description: string | null
  snapshot_type: number
  status: string
  transition_status: string
  create_time: string
  snapshot_time: string
  is_head: number
  size: number
  total_size: number
  resource: { resource_id: string; resource_name: string; resource_type: string }
  tags: Tag[]
}

// ── loadbalancers, certificates, lbpolicies, clusters (pages-lb-apps) ──────────────────────────

export interface LoadBalancerBackend {
  loadbalancer_backend_id: string
  loadbalancer_backend_name: string
  loadbalancer_listener_id: string
  loadbalancer_id: string
  loadbalancer_policy_id: string
  resource_id: string
  port: number
  weight: number
  disabled: number
  status: string
  create_time: string
}

export interface LoadBalancerListener {
  loadbalancer_listener_id: string
  loadbalancer_listener_name: string
  loadbalancer_id: string
  listener_port: number
  listener_protocol: string
  backend_protocol: string
  balance_mode: string
  session_sticky: string
  forwardfor: number
  healthy_check_method: string
  healthy_check_option: string
  listener_option: number
  tunnel_timeout: number
  timeout: number
  scene: number
  server_certificate_id: string[]
  create_time: string
  backends?: LoadBalancerBackend[]
}

export interface LoadBalancer {
  loadbalancer_id: string
  loadbalancer_name: string
  description: string | null
  loadbalancer_type: number
  node_count: number
  vxnet_id: string
  private_ips: string[]
  eips: Array<{ eip_id: string; eip_name: string; eip_addr: string }>
  security_group_id: string
  http_header_size: number
  is_applied: number
  status: string
  transition_status: string
  create_time: string
  status_time: string
  listeners?: LoadBalancerListener[]
}

export interface ServerCertificate {
  server_certificate_id: string
  server_certificate_name: string
  description: string | null
  certificate_content: string
  private_key: string
  create_time: string
}

export interface LoadBalancerPolicy {
  loadbalancer_policy_id: string
  loadbalancer_policy_name: string
  operator: string
  balance_mode: string
  priority: number
  is_applied: number
  loadbalancer_ids?: string[]
  create_time: string
}

export interface LoadBalancerPolicyRule {
  loadbalancer_policy_rule_id: string
  loadbalancer_policy_rule_name: string
  loadbalancer_policy_id: string
  rule_type: string
  val: string
}

export interface MonitorReply {
  resource_id: string
  meter_set: Array<{ meter_id: string; data_set: Array<{ eip_id: string; data: unknown[] }> }>
}

export interface App {
  app_id: string
  app_name: string
  category: string
  status: string
  description: string
  abstraction: string
  create_time: string
}

export interface AppRoleTemplate {
  role: string
  description?: string
  shapes: Array<{ cpu: number; memory: number }>
  count: { min: number; max: number; default: number }
  volume_size?: { min: number; max: number; default: number }
}

export interface AppVersion {
  version_id: string
  app_id: string
  name: string
  description: string
  status: string
  create_time: string
  template?: { roles: AppRoleTemplate[]; env: Array<{ key: string; type: string; default?: unknown; required: boolean; description?: string }> }
}

export interface ClusterNode {
  node_id: string
  cluster_id: string
  instance_id: string
  role: string
  name: string
  private_ip: string
  cpu: number
  memory: number
  storage_size: number
  status: string
  transition_status: string
  create_time: string
}

export interface Cluster {
  cluster_id: string
  name: string
  description: string
  app_id: string
  app_version: string
  app_info: { app_id: string; app_name: string }
  app_version_info: { version_id: string; name: string }
  status: string
  transition_status: string
  node_count: number
  role_count: Record<string, number>
  roles: string[]
  vxnet: { vxnet_id: string; vxnet_name: string }
  create_time: string
  nodes?: ClusterNode[]
}
