// Every reply of the /iaas/ module, checked field by field against what the QingCloud Go SDK's
// plain encoding/json decodes into its output structs (test/support/go-sdk-types.json, generated
// from the SDK's service/*.go by scripts/go-sdk-types.ts). A field of the wrong JSON type makes the
// SDK's whole call fail, so one is enough to break terraform, the CCM or the CSI driver.
//
// A representative world is built through the wire (instances, volumes, key pairs, tags, security
// groups and rules, vxnets, EIPs, VPC routers, snapshots, images, a cluster, jobs, charges), every action the SDK
// has an output struct for is called at least once, and every field of every successful reply is
// checked, list elements and nested objects included. Fields the SDK has and a reply leaves out
// decode as zero values and are fine, except the documented ones listed in REQUIRED. Actions the SDK
// does not know are listed in NOT_IN_SDK with the reason; an action in neither list fails the test.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { modules } from '../../src/modules.ts'
import { ok, ROOMY_HOSTS, type TestApp } from '../support/harness.ts'
import { startWithWarehouse } from '../support/fixtures-warehouse.ts'
import { ED25519_PUBLIC_KEY } from '../support/fixtures-keypairs.ts'
import { conf, ZOOKEEPER } from '../support/fixtures-clusters.ts'
import { insertRouter } from '../support/router-fixtures.ts'
import { bindEipRow, insertBackend, insertCertificate, insertListener, insertLoadBalancer, loadBalancerOf } from '../support/lb-fixtures.ts'
import { pem } from '../support/lb-policy-fixtures.ts'

interface GoSdkTable {
  source: { repository: string; commit: string }
  actions: Record<string, string | string[]>
  structs: Record<string, Record<string, string>>
}
const table = JSON.parse(readFileSync(new URL('../support/go-sdk-types.json', import.meta.url), 'utf8')) as GoSdkTable

/** Registered /iaas/ actions the Go SDK has no output struct for, and why. */
const NOT_IN_SDK: Record<string, string> = {
  ImportImage: 'QingLocal-only (the image warehouse)',
  ExportImage: 'QingLocal-only (the image warehouse)',
  DescribeQuotas: 'not in the Go SDK (the Python SDK and the docs have it)',
  GetBalance: 'not in the Go SDK (billing: the docs and the Python SDK)',
  GetLeaseInfo: 'not in the Go SDK (billing: the docs and the Python SDK)',
  GetChargeRecords: 'not in the Go SDK (billing: the docs)',
  GetChargeSums: 'not in the Go SDK (billing: the docs)',
  GetMonitors: 'in neither SDK (the docs only)',
  CopyRouterStatics: 'in neither SDK (the docs only)',
  LoadBalancerJoinVxnet: 'in neither SDK (the docs only)',
  LoadBalancerLeaveVxnet: 'in neither SDK (the docs only)',
  AssociateServerCertsToLBListener: 'in neither SDK (the docs only)',
  DissociateServerCertsFromLBListener: 'in neither SDK (the docs only)',
}

/**
 * Documented fields a reply must carry (issue 14), `a[].b` meaning field b of every element of
 * list a, with the JSON type in the table's notation ('object' = any JSON object). They are
 * checked for the actions in NOT_IN_SDK too.
 */
const REQUIRED: Record<string, Record<string, string>> = {
  CreateSnapshots: { job_id: '[]string', snapshots: '[]string' },
  DescribeApps: { 'app_set[].screenshots': '[]string', 'app_set[].edition': '[]object' },
  DescribeClusters: { 'cluster_set[].upgrade_time': 'time', 'cluster_set[].lastest_snapshot_time': 'time', 'cluster_set[].latest_snapshot_time': 'string' },
  DescribeClusterNodes: {
    'node_set[].app_id': 'string',
    'node_set[].app_version': 'string',
    'node_set[].instance_type': 'string',
    'node_set[].security_group': 'string',
    'node_set[].env': 'string',
    'node_set[].health_check': 'object',
    'node_set[].monitor': 'object',
    'node_set[].console_id': 'string',
    'node_set[].root_user_id': 'string',
    'node_set[].volume_ids': 'string',
  },
  CreateNics: { 'nics[].nic_id': 'string', 'nics[].private_ip': 'string' },
  // the CCM and terraform dereference job_id of every load-balancer job
  AssociateEipsToLoadBalancer: { job_id: 'string' },
  DissociateEipsFromLoadBalancer: { job_id: 'string' },
  LoadBalancerJoinVxnet: { job_id: 'string' },
  LoadBalancerLeaveVxnet: { job_id: 'string' },
  AttachNics: { job_id: 'string' },
  DetachNics: { job_id: 'string' },
  DescribeNics: {
    total_count: 'int',
    'nic_set[].nic_id': 'string',
    'nic_set[].status': 'string',
    'nic_set[].instance_id': 'string',
    'nic_set[].vxnet_id': 'string',
    'nic_set[].private_ip': 'string',
    'nic_set[].security_group': 'string',
    'nic_set[].sequence': 'int',
    'nic_set[].role': 'int',
    'nic_set[].create_time': 'time',
    'nic_set[].status_time': 'time',
    'nic_set[].tags': '[]object',
  },
  DescribeVxnetInstances: { 'instance_set[].description': 'string', 'instance_set[].sub_code': 'int', 'instance_set[].dhcp_options': 'object', 'instance_set[].sequence': 'int' },
  DescribeSnapshots: { 'snapshot_set[].head_chain': 'int' },
  // terraform's qingcloud_vxnet dereferences vpc_router_id without a nil check; router is null or a Router
  DescribeVxnets: { 'vxnet_set[].vpc_router_id': 'string', 'vxnet_set[].router': 'object' },
  DescribeRouterVxnets: { 'router_vxnet_set[].features': 'int', 'router_vxnet_set[].create_time': 'time', 'router_vxnet_set[].vxnet_name': 'string' },
  // terraform's qingcloud_vpc dereferences eip without a nil check (issue 17)
  DescribeRouters: {
    'router_set[].eip': 'object',
    'router_set[].eip.eip_id': 'string',
    'router_set[].eip.eip_addr': 'string',
    'router_set[].router_type': 'int',
    'router_set[].security_group_id': 'string',
    'router_set[].private_ip': 'string',
  },
  GetChargeSums: { total_sum: 'string' },
  // every meter carries its series (Go: Meter.Data []interface{}); NIC meters their vxnet and slot
  GetMonitor: { resource_id: 'string', 'meter_set[].meter_id': 'string', 'meter_set[].data': '[]any' },
  GetMonitors: { 'monitors[].resource_id': 'string', 'monitors[].meter_set[].meter_id': 'string', 'monitors[].meter_set[].data': '[]any' },
  // Go's Meter has no data_set (it drops the series) but the reply must still decode; Python reads data_set[].data
  GetLoadBalancerMonitor: { 'meter_set[].meter_id': 'string', 'meter_set[].data_set': '[]object', 'meter_set[].data_set[].eip_id': 'string', 'meter_set[].data_set[].data': '[]any' },
  // names never null (reference load-balancers.md §7.4); what terraform reads of a certificate
  DescribeServerCertificates: { 'server_certificate_set[].server_certificate_name': 'string', 'server_certificate_set[].certificate_content': 'string', 'server_certificate_set[].create_time': 'time' },
  DescribeLoadBalancerPolicies: { 'loadbalancer_policy_set[].loadbalancer_policy_name': 'string', 'loadbalancer_policy_set[].is_applied': 'int', 'loadbalancer_policy_set[].create_time': 'time' },
  DescribeLoadBalancerPolicyRules: Object.fromEntries(['loadbalancer_policy_rule_name', 'rule_type', 'val'].map((f) => [`loadbalancer_policy_rule_set[].${f}`, 'string'])),
  // what the CCM and terraform read of a load balancer, at every verbose level (reference §7.3, §7.4)
  CreateLoadBalancer: { loadbalancer_id: 'string', job_id: 'string' },
  DeleteLoadBalancers: { job_id: 'string' },
  DescribeLoadBalancers: {
    ...Object.fromEntries(['loadbalancer_name', 'vxnet_id', 'security_group_id', 'status', 'transition_status'].map((f) => [`loadbalancer_set[].${f}`, 'string'])),
    ...Object.fromEntries(['node_count', 'loadbalancer_type', 'is_applied'].map((f) => [`loadbalancer_set[].${f}`, 'int'])),
    'loadbalancer_set[].private_ips': '[]string',
    'loadbalancer_set[].tags': '[]object',
    'loadbalancer_set[].eips': '[]object',
    'loadbalancer_set[].cluster[].eip_id': 'string',
    'loadbalancer_set[].cluster[].eip_name': 'string',
    'loadbalancer_set[].cluster[].eip_addr': 'string',
  },
  // the CCM dereferences these without nil checks and compares them on every sync (issue 18)
  DescribeLoadBalancerListeners: {
    ...Object.fromEntries(['listener_port', 'forwardfor', 'listener_option', 'timeout', 'scene'].map((f) => [`loadbalancer_listener_set[].${f}`, 'int'])),
    ...Object.fromEntries(['loadbalancer_listener_name', 'listener_protocol', 'backend_protocol', 'balance_mode', 'healthy_check_method', 'healthy_check_option', 'session_sticky'].map((f) => [`loadbalancer_listener_set[].${f}`, 'string'])),
    'loadbalancer_listener_set[].server_certificate_id': '[]string',
  },
  DescribeLoadBalancerBackends: {
    'loadbalancer_backend_set[].loadbalancer_backend_name': 'string',
    'loadbalancer_backend_set[].port': 'int',
    'loadbalancer_backend_set[].weight': 'int',
    'loadbalancer_backend_set[].loadbalancer_id': 'string',
  },
  // what terraform's qingcloud_vpc_static reads
  DescribeRouterStatics: Object.fromEntries(['router_static_name', 'static_type', 'val1', 'val2', 'val3', 'val4', 'val5'].map((f) => [`router_static_set[].${f}`, f === 'static_type' ? 'int' : 'string'])),
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : JSON.stringify(v))

/** Go's encoding/json matches a key to a field exactly, else case-insensitively. */
function fieldOf(fields: Record<string, string>, key: string): string | undefined {
  if (key in fields) return fields[key]
  const folded = Object.keys(fields).find((f) => f.toLowerCase() === key.toLowerCase())
  return folded === undefined ? undefined : fields[folded]
}

/** Appends `path: expected T got V` for every value encoding/json would refuse to decode into `type`. */
function check(value: unknown, type: string, path: string, problems: string[]): void {
  // null decodes into every Go type (nil, or no change): never an error
  if (value === null || type === 'any') return
  const bad = (): void => void problems.push(`${path}: expected ${type} got ${show(value)}`)
  const isObject = typeof value === 'object' && !Array.isArray(value)
  if (type === 'string') return void (typeof value === 'string' || bad())
  if (type === 'bool') return void (typeof value === 'boolean' || bad())
  // an int field refuses 1.5 and 1e21 (JSON.stringify writes numbers from 1e21 with an exponent)
  if (type === 'int') return void ((typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 63) || bad())
  // *time.Time: an RFC 3339 string; "" fails
  if (type === 'time') return void ((typeof value === 'string' && RFC3339.test(value)) || bad())
  if (type === 'object') return void (isObject || bad())
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return void bad()
    for (const [i, v] of value.entries()) check(v, type.slice(2), `${path}[${i}]`, problems)
    return
  }
  if (type.startsWith('map[string]')) {
    if (!isObject) return void bad()
    for (const [k, v] of Object.entries(value as object)) check(v, type.slice('map[string]'.length), `${path}.${k}`, problems)
    return
  }
  const fields = table.structs[type]
  assert.ok(fields, `unknown type ${type} in the table`)
  if (!isObject) return void bad()
  for (const [k, v] of Object.entries(value as object)) {
    const fieldType = fieldOf(fields, k)
    if (fieldType !== undefined) check(v, fieldType, path ? `${path}.${k}` : k, problems)
  }
}

/** Checks a REQUIRED path (`a[].b`): present in the reply (in every element of a list) with its type. */
function checkRequired(reply: Record<string, unknown>, spec: string, type: string, problems: string[]): void {
  const walk = (value: unknown, parts: string[], path: string): void => {
    const [part, ...rest] = parts
    if (part === undefined) return void check(value, type, path, problems)
    const list = part.endsWith('[]')
    const key = list ? part.slice(0, -2) : part
    const at = path ? `${path}.${key}` : key
    if (typeof value !== 'object' || value === null || !(key in value)) return void problems.push(`${at}: missing (expected ${type})`)
    const next = (value as Record<string, unknown>)[key]
    if (!list) return void walk(next, rest, at)
    if (!Array.isArray(next)) return void problems.push(`${at}: expected a list got ${show(next)}`)
    for (const [i, v] of next.entries()) walk(v, rest, `${at}[${i}]`)
  }
  walk(reply, spec.split('.'), '')
}

/** The problems of one reply of `action`: against each of its output structs, then REQUIRED. */
function problemsOf(action: string, reply: Record<string, unknown>): string[] {
  const problems: string[] = []
  const outputs = table.actions[action]
  for (const output of outputs === undefined ? [] : [outputs].flat()) check(reply, output, '', problems)
  for (const [spec, type] of Object.entries(REQUIRED[action] ?? {})) checkRequired(reply, spec, type, problems)
  return problems.map((p) => `${action}.${p}`)
}

const iaas = [...modules.find((m) => m.name === 'iaas')!.actions.keys()]
const replies = new Map<string, Array<Record<string, any>>>() // eslint-disable-line @typescript-eslint/no-explicit-any
let t: TestApp

/** A successful call, its reply kept for the checks. */
async function call(action: string, params: Record<string, unknown> = {}, options: { method?: 'POST' } = {}) {
  const reply = ok(await t.call(action, params, options))
  replies.set(action, [...(replies.get(action) ?? []), reply])
  return reply
}

/** The world: every resource family in a few states, each action called at least once. */
async function buildWorld() {
  await call('DescribeZones')
  await call('DescribeAccessKeys')
  await call('DescribeInstanceTypes')
  await call('GetQuotaLeft')
  await call('DescribeQuotas')

  // tags and key pairs
  const tag = (await call('CreateTag', { tag_name: 'web', color: '#336699' })).tag_id as string
  await call('ModifyTagAttributes', { tag, description: 'front ends' })
  const keypair = (await call('CreateKeyPair', { keypair_name: 'laptop', mode: 'user', public_key: ED25519_PUBLIC_KEY })).keypair_id as string
  await call('ModifyKeyPairAttributes', { keypair, description: 'my laptop' })

  // a security group with rules
  const group = (await call('CreateSecurityGroup', { security_group_name: 'web' })).security_group_id as string
  const rules = (
    await call('AddSecurityGroupRules', {
      security_group: group,
      rules: [
        { protocol: 'tcp', priority: 1, action: 'accept', direction: 0, val1: '80', val2: '80' },
        { protocol: 'icmp', priority: 2, action: 'accept', val1: '8', val2: '0' },
      ],
    })
  ).security_group_rules as string[]
  await call('ModifySecurityGroupAttributes', { security_group: group, description: 'http' })
  await call('ModifySecurityGroupRuleAttributes', { security_group_rule: rules[0], security_group_rule_name: 'http' })

  // instances, one with a key pair and the group
  const run = await call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123', count: 2, instance_name: 'web', security_group: group })
  await t.settle()
  const [web, spare] = run.instances as string[]
  await call('AttachKeyPairs', { keypairs: [keypair], instances: [web] })
  await t.settle()
  await call('ApplySecurityGroup', { security_group: group, instances: [web] })
  await t.settle()
  await call('AttachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'instance', resource_id: web }] })
  await call('ModifyInstanceAttributes', { instance: web, description: 'the web server' })
  await call('RestartInstances', { instances: [web] })
  await t.settle()

  // a self-managed vxnet with a member (an instance is in one managed vxnet only: vxnet-0 here)
  const vxnets = (await call('CreateVxnets', { vxnet_type: 0, vxnet_name: 'back', count: 2 })).vxnets as string[]
  await call('ModifyVxnetAttributes', { vxnet: vxnets[0], description: 'back end' })
  await call('JoinVxnet', { vxnet: vxnets[0], instances: [spare] })
  await t.settle()
  await call('DescribeVxnetInstances', { vxnet: vxnets[0] })
  await call('DescribeVxnetInstances', { vxnet: 'vxnet-0' })
  await call('DescribeVxnets', { verbose: 1 })
  await call('LeaveVxnet', { vxnet: vxnets[0], instances: [spare] })
  await t.settle()
  await call('DeleteVxnets', { vxnets: [vxnets[1]] })

  // NICs: created, attached, shown with the instance's interfaces, renamed, detached, deleted
  const nicNet = (await call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'nics' })).vxnets[0] as string
  const nics = (await call('CreateNics', { vxnet: nicNet, nic_name: 'extra', count: 2 })).nics as Array<{ nic_id: string }>
  await call('AttachNics', { nics: [nics[0]!.nic_id], instance: web })
  await t.settle()
  await call('ModifyNicAttributes', { nic: nics[1]!.nic_id, nic_name: 'spare', private_ip: '192.168.0.50' })
  await call('DescribeNics', { verbose: 1 })
  await call('DescribeInstances', { instances: [web] })
  await call('DetachNics', { nics: [nics[0]!.nic_id] })
  await t.settle()
  await call('DeleteNics', { nics: [nics[1]!.nic_id] })

  // router statics and their entries, on a router row (statics of every shape: a VPN with accounts)
  const router = (await insertRouter(t)).router_id
  const statics = (
    await call('AddRouterStatics', {
      router,
      statics: [
        { static_type: 1, router_static_name: 'ssh', val1: '22', val2: '192.168.0.2', val3: '22' },
        { static_type: 2, val1: 'pptp', val2: 'admin:secret' },
        { static_type: 7, val1: '1.2.3.4|aes|psk|%any', vxnet_id: vxnets[0] },
      ],
    })
  ).router_statics as string[]
  await call('ModifyRouterStaticAttributes', { router_static: statics[0], val1: '2222' })
  const entries = (
    await call('AddRouterStaticEntries', {
      router_static: statics[1],
      entries: [
        { val1: 'alice', val2: 'pw' },
        { val1: 'bob', val2: 'pw' },
      ],
    })
  ).router_static_entries as string[]
  await call('ModifyRouterStaticEntryAttributes', { router_static_entry: entries[0], val2: 'new' })
  await call('DescribeRouterStatics', { router })
  await call('DescribeRouterStaticEntries', { router_static: statics[1] })
  await call('DeleteRouterStaticEntries', { router_static_entries: [entries[1]] })
  await call('DeleteRouterStatics', { router_statics: [statics[2]] })
  await call('CopyRouterStatics', { source_router: router, dest_router: (await insertRouter(t)).router_id })

  // load-balancer monitoring: an LB row with an EIP, an http listener and a backend (written directly)
  const lb = await insertLoadBalancer(t, { create_time: '2026-01-15T06:00:00Z', status_time: '2026-01-15T06:00:00Z' })
  const lbl = await insertListener(t, lb, { listener_protocol: 'http', backend_protocol: 'http', create_time: '2026-01-15T06:00:00Z' })
  const lbb = await insertBackend(t, lbl, { resource_id: '192.168.0.20', port: 80, create_time: '2026-01-15T06:00:00Z' })
  await bindEipRow(t, lb, (await call('AllocateEips', { bandwidth: 2, eip_name: 'lb' })).eips[0] as string, new Date('2026-01-15T06:00:00Z'))
  for (const [resource, meter] of [
    [lb.loadbalancer_id, 'traffic'],
    [lbl.loadbalancer_listener_id, 'request'],
    [lbb.loadbalancer_backend_id, 'request'],
  ]) {
    await call('GetLoadBalancerMonitor', { resource, meters: [meter], step: '5m', start_time: '2026-01-15T07:00:00Z', end_time: '2026-01-15T08:00:00Z', resource_type: 'loadbalancer' })
  }
  // load-balancer listeners and backends, on a load balancer row (CreateLoadBalancer is another part's):
  // the CCM's udp and https-to-http listeners, its backends without weight, a certificate moved around
  const lbRow = (await insertLoadBalancer(t)).loadbalancer_id
  const [cert, spareCert] = [(await insertCertificate(t)).server_certificate_id, (await insertCertificate(t)).server_certificate_id]
  const lbListeners = (
    await call('AddLoadBalancerListeners', {
      loadbalancer: lbRow,
      listeners: [
        { listener_port: 53, listener_protocol: 'udp', backend_protocol: 'udp', healthy_check_method: 'udp', healthy_check_option: '10|5|2|5', timeout: 50, scene: 0, loadbalancer_listener_name: 'listener_default_dns_' },
        { listener_port: 443, listener_protocol: 'https', backend_protocol: 'http', server_certificate_id: cert, timeout: 50, scene: 11, forwardfor: 1 },
      ],
    })
  ).loadbalancer_listeners as string[]
  await call('ModifyLoadBalancerListenerAttributes', { loadbalancer_listener: lbListeners[1], balance_mode: 'leastconn', session_sticky: 'insert|3600' })
  await call('AssociateServerCertsToLBListener', { loadbalancer_listener: lbListeners[1], server_certificates: [spareCert] })
  await call('DissociateServerCertsFromLBListener', { loadbalancer_listener: lbListeners[1], server_certificates: [spareCert] })
  const lbBackends = (
    await call('AddLoadBalancerBackends', {
      loadbalancer_listener: lbListeners[0],
      backends: [
        { resource_id: web, port: 30053, loadbalancer_backend_name: web },
        { resource_id: '192.168.0.9', port: 53, weight: 10 },
      ],
    })
  ).loadbalancer_backends as string[]
  await call('ModifyLoadBalancerBackendAttributes', { loadbalancer_backend: lbBackends[1], weight: 20, disabled: 1 })
  await call('DescribeLoadBalancerListeners', { loadbalancer: lbRow, verbose: 1, limit: 100 })
  await call('DescribeLoadBalancerListeners', { loadbalancer_listeners: lbListeners })
  await call('DescribeLoadBalancerBackends', { loadbalancer_listener: lbListeners[0], verbose: 1 })
  await call('DeleteLoadBalancerBackends', { loadbalancer_backends: [lbBackends[1]] })
  await call('DeleteLoadBalancerListeners', { loadbalancer_listeners: [lbListeners[1]] })

  // a managed vxnet in a VPC (a router row written directly, in any state a test needs), joined and left
  const vpcRouter = (await insertRouter(t, { router_name: 'vpc' })).router_id
  const vpcNet = (await call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'in a vpc' })).vxnets[0] as string
  await call('JoinRouter', { vxnet: vpcNet, router: vpcRouter, ip_network: '192.168.0.0/24', features: 1 })
  await t.settle()
  await call('DescribeRouterVxnets', { router: vpcRouter, verbose: 0, offset: 0, limit: 20 })
  await call('DescribeVxnets', { vxnets: [vpcNet], verbose: 1 })
  await call('LeaveRouter', { vxnets: [vpcNet], router: vpcRouter })
  await t.settle()

  // volumes
  const volumes = (await call('CreateVolumes', { size: 20, volume_name: 'data', count: 2 })).volumes as string[]
  await t.settle()
  await call('AttachVolumes', { volumes: [volumes[0]], instance: web })
  await t.settle()
  await call('ModifyVolumeAttributes', { volume: volumes[1], description: 'spare disk' })
  await call('ResizeVolumes', { volumes: [volumes[1]], size: 30 })
  await t.settle()

  // EIPs
  const eips = (await call('AllocateEips', { bandwidth: 2, count: 2, eip_name: 'public' })).eips as string[]
  await call('AssociateEip', { eip: eips[0], instance: web })
  await t.settle()
  await call('ChangeEipsBandwidth', { eips: [eips[0]], bandwidth: 5 })
  await t.settle()
  await call('ModifyEipAttributes', { eip: eips[1], description: 'spare address' })

  // VPC routers: one with an EIP bound and its change applied, one powered off and on again
  const routerEip = (await call('AllocateEips', { bandwidth: 1, eip_name: 'vpc' })).eips[0] as string
  const routers = (await call('CreateRouters', { router_name: 'vpc', count: 2, vpc_network: '172.16.0.0/16', router_type: 1 })).routers as string[]
  await t.settle()
  await call('ModifyRouterAttributes', { router: routers[0], eip: routerEip, description: 'vpc' })
  await call('UpdateRouters', { routers: [routers[0]] })
  await t.settle()
  await call('PowerOffRouters', { routers: [routers[1]] })
  await t.settle()
  await call('PowerOnRouters', { routers: [routers[1]] })
  await t.settle()
  // a vxnet joined to the first, shown in DescribeRouters verbose=1 (`vxnets`: vxnet_id and the router's nic_id)
  const joinedNet = (await call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'joined' })).vxnets[0] as string
  await call('JoinRouter', { vxnet: joinedNet, router: routers[0], ip_network: '172.16.5.0/24', features: 1 })
  await t.settle()
  await call('DescribeRouters', { routers, verbose: 1 })

  // load-balancer server certificates (a POST, as the SDKs send it) and forwarding policies with rules
  const certificate = (await call('CreateServerCertificate', { server_certificate_name: 'shop', certificate_content: pem('chain.crt'), private_key: pem('leaf.key') }, { method: 'POST' })).server_certificate_id as string
  await call('ModifyServerCertificateAttributes', { server_certificate: certificate, description: 'the shop' })
  await call('DescribeServerCertificates', { server_certificates: [certificate], verbose: 0, offset: 0, limit: 20 })
  const policy = (await call('CreateLoadBalancerPolicy', { loadbalancer_policy_name: 'api', operator: 'or' })).loadbalancer_policy_id as string
  await call('ModifyLoadBalancerPolicyAttributes', { loadbalancer_policy: policy, operator: 'and', priority: 1 })
  const policyRules = (
    await call('AddLoadBalancerPolicyRules', {
      loadbalancer_policy: policy,
      rules: [
        { loadbalancer_policy_rule_name: 'host', rule_type: 'domain', val: '^api\\.example\\.com$' },
        { rule_type: 'url', val: '^/v1/' },
      ],
    })
  ).loadbalancer_policy_rules as string[]
  await call('ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: policyRules[1], val: '^/v2/' })
  await call('ApplyLoadBalancerPolicy', { loadbalancer_policy: policy })
  await t.settle()
  await call('DescribeLoadBalancerPolicies', { loadbalancer_policies: [policy], verbose: 1 })
  await call('DescribeLoadBalancerPolicies', {})
  await call('DescribeLoadBalancerPolicyRules', { loadbalancer_policy: policy, offset: 0, limit: 20 })
  await call('DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [policyRules[0]] })
  await call('DeleteLoadBalancerPolicies', { loadbalancer_policies: [policy] })
  await call('DeleteServerCertificates', { server_certificates: [certificate] })
  // load balancers: one with an EIP (a listener and backend written to the store, for the nested
  // shapes at verbose=1), one in a vxnet modified, applied, resized, stopped and started
  const lbEip = (await call('AllocateEips', { bandwidth: 1, eip_name: 'k8s_lb_allocate_eip' })).eips[0] as string
  const lbNet = (await call('CreateVxnets', { vxnet_type: 1, vxnet_name: 'lb' })).vxnets[0] as string
  const lbs = [
    (await call('CreateLoadBalancer', { eips: [lbEip], loadbalancer_name: 'web', loadbalancer_type: 0, cluster_mode: 0, mode: 1, node_count: 2 })).loadbalancer_id as string,
    (await call('CreateLoadBalancer', { vxnet: lbNet, loadbalancer_name: 'internal', cluster_mode: 0, mode: 0, loadbalancer_type: 0 })).loadbalancer_id as string,
  ]
  await call('DescribeLoadBalancers', { loadbalancers: lbs, verbose: 0 })
  await t.settle()
  const lbListener = await insertListener(t, await loadBalancerOf(t, lbs[0]!), { listener_protocol: 'https', backend_protocol: 'http', listener_port: 443 })
  await t.store.db
    .insertInto('loadbalancer_backends')
    .values({
      loadbalancer_backend_id: 'lbb-gosdk001',
      loadbalancer_listener_id: lbListener.loadbalancer_listener_id,
      loadbalancer_id: lbs[0]!,
      zone_id: 'pek3a',
      owner: t.user.user_id,
      loadbalancer_backend_name: web!,
      resource_id: web!,
      port: 30080,
      weight: 1,
      disabled: 0,
      loadbalancer_policy_id: '',
      create_time: lbListener.create_time,
    })
    .execute()
  await call('ModifyLoadBalancerAttributes', { loadbalancer: lbs[1], description: 'internal', node_count: 3, http_header_size: 20 })
  await call('UpdateLoadBalancers', { loadbalancers: [lbs[1]] })
  await t.settle()
  await call('ResizeLoadBalancers', { loadbalancers: [lbs[1]], loadbalancer_type: 1 })
  await t.settle()
  await call('StopLoadBalancers', { loadbalancers: [lbs[1]] })
  await t.settle()
  await call('StartLoadBalancers', { loadbalancers: [lbs[1]] })
  await t.settle()
  await call('DescribeLoadBalancers', { loadbalancers: lbs, verbose: 1 })
  await call('DescribeLoadBalancers', { status: ['pending', 'active', 'stopped'], verbose: 2, limit: 100, offset: 0 })
  // the vxnet load balancer leaves its network and joins it again, then takes an EIP and lets it go
  await call('LoadBalancerLeaveVxnet', { vxnet: lbNet, loadbalancer: lbs[1] })
  await t.settle()
  await call('LoadBalancerJoinVxnet', { vxnet: lbNet, loadbalancer: lbs[1] })
  await t.settle()
  const lbEip2 = (await call('AllocateEips', { bandwidth: 1, eip_name: 'k8s_lb_allocate_eip' })).eips[0] as string
  await call('AssociateEipsToLoadBalancer', { eips: [lbEip2], loadbalancer: lbs[1] })
  await t.settle()
  await call('DescribeEips', { eips: [lbEip2] })
  await call('DissociateEipsFromLoadBalancer', { eips: [lbEip2], loadbalancer: lbs[1] })
  await t.settle()

  // snapshots: a chain of two points, a volume from one, a rollback
  const full = (await call('CreateSnapshots', { resources: [volumes[0]], snapshot_name: 'first' })).snapshots as string[]
  await t.settle()
  const point = (await call('CreateSnapshots', { resources: [volumes[0]], snapshot_name: 'second' })).snapshots as string[]
  await t.settle()
  await call('ModifySnapshotAttributes', { snapshot: full[0], description: 'the first' })
  await call('CreateVolumeFromSnapshot', { snapshot: full[0], volume_name: 'restored' })
  await t.settle()
  await call('DescribeSnapshots', { verbose: 1 })

  // an image captured from the stopped spare instance
  await call('StopInstances', { instances: [spare] })
  await t.settle()
  await call('ResizeInstances', { instances: [spare], instance_type: 'c1m2' })
  await t.settle()
  const image = (await call('CaptureInstance', { instance: spare, image_name: 'golden' })).image_id as string
  await t.settle()
  await call('ModifyImageAttributes', { image, description: 'golden image' })
  await call('StartInstances', { instances: [spare] })
  await t.settle()
  await call('ResetInstances', { instances: [spare], login_mode: 'passwd', login_passwd: 'Passw0rd123' })
  await t.settle()

  // a cluster of two roles' worth of nodes, grown and shrunk
  await call('DescribeApps', { verbose: 1 })
  await call('DescribeAppVersions', { app_ids: [(await t.call('DescribeApps', {})).app_set[0].app_id], verbose: 1 })
  const cluster = (await call('DeployAppVersion', { version_id: ZOOKEEPER, conf: conf(ZOOKEEPER) })).cluster_id as string
  await t.settle()
  await call('DescribeClusters', { clusters: [cluster], verbose: 1 })
  await call('DescribeClusterNodes', { cluster, verbose: 1 })
  await call('StopClusters', { clusters: [cluster] })
  await t.settle()
  await call('ResizeCluster', { cluster, cpu: 2, memory: 2048 })
  await t.settle()
  await call('StartClusters', { clusters: [cluster] })
  await t.settle()
  await call('AddClusterNodes', { cluster, node_count: 1 })
  await t.settle()
  const nodes = (await call('DescribeClusterNodes', { cluster })).node_set as Array<{ node_id: string }>
  await call('DeleteClusterNodes', { cluster, nodes: [nodes.at(-1)!.node_id] })
  await t.settle()
  await call('DescribeClusters', { verbose: 1 })

  // everything described in its final state, billed for two hours
  for (let h = 0; h < 2; h++) {
    t.clock.advance(3_600_000)
    await t.bill()
  }
  await call('DescribeInstances', { verbose: 1 })
  await call('DescribeInstances', {})
  await call('DescribeVolumes', { verbose: 1 })
  await call('DescribeKeyPairs', { verbose: 1 })
  await call('DescribeTags', { verbose: 1 })
  await call('DescribeSecurityGroups', { verbose: 1 })
  await call('DescribeSecurityGroupRules', { security_group: group })
  await call('DescribeEips', { verbose: 1 })
  await call('DescribeRouters', { verbose: 1 })
  await call('DescribeRouters', {})
  await call('DescribeSnapshots', { verbose: 1 })
  await call('DescribeImages', { provider: 'self', verbose: 1 })
  await call('DescribeImages', {})
  await call('DescribeJobs', { verbose: 1, limit: 100 })
  await call('GetBalance')
  await call('GetLeaseInfo', { resource: web })
  await call('GetChargeRecords', { resource: web })
  await call('GetChargeSums', { duration: 'daily', group_by: ['resource_type'] })
  // monitoring of the web instance (running two hours now), its disks, its NIC and its EIP
  const webNow = (await call('DescribeInstances', { instances: [web], verbose: 1 })).instance_set[0]
  const mac = webNow.vxnets[0].nic_id as string
  const webVolumes = (webNow.volume_ids ?? []) as string[]
  const window = { step: '5m', start_time: '2026-01-15T08:00:00Z', end_time: '2026-01-15T10:00:00Z' }
  const monitored = [
    await call('GetMonitor', { resource: web, meters: ['cpu', 'memory', 'disk-os', 'disk-iops-os', 'disk-us-os', `if-${mac}`, ...webVolumes.map((v) => `disk-${v}`)], ...window }),
    ...(await Promise.all(webVolumes.map((v) => call('GetMonitor', { resource: v, meters: [`disk-${v}`, `disk-us-${v}`], ...window })))),
    await call('GetMonitor', { resource: eips[0], meters: ['traffic', 'flow'], ...window }),
  ]
  assert.ok(webVolumes.length > 0, 'the web instance keeps its volume')
  assert.equal(monitored.length, 2 + webVolumes.length)
  for (const m of monitored.flatMap((r) => r.meter_set)) assert.ok(m.data.length > 0, `${m.meter_id}: points to check`)
  await call('GetMonitors', {
    resource_meters_pairs: [
      { resource: web, meters: '["cpu"]' },
      { resource: eips[0], meters: '["traffic"]' },
    ],
    ...window,
  })

  // and taken down
  await call('DeleteClusters', { clusters: [cluster] })
  await t.settle()
  // a router's vxnets leave before it is deleted (5400 otherwise)
  await call('LeaveRouter', { router: routers[0], vxnets: [joinedNet] })
  await t.settle()
  await call('DeleteRouters', { routers })
  await t.settle()
  await call('DescribeRouters', { routers, verbose: 1 })
  await call('DeleteLoadBalancers', { loadbalancers: lbs })
  await t.settle()
  await call('DescribeLoadBalancers', { loadbalancers: lbs, verbose: 1 })
  await call('DetachTags', { resource_tag_pairs: [{ tag_id: tag, resource_type: 'instance', resource_id: web }] })
  await call('DeleteTags', { tags: [tag] })
  await call('DetachKeyPairs', { keypairs: [keypair], instances: [web] })
  await t.settle()
  await call('DeleteKeyPairs', { keypairs: [keypair] })
  await call('ApplySnapshots', { snapshots: [point[0]] })
  await t.settle()
  await call('DeleteSnapshots', { snapshots: [point[0]] })
  await t.settle()
  await call('DissociateEips', { eips: [eips[0]] })
  await t.settle()
  await call('ReleaseEips', { eips })
  await t.settle()
  await call('DetachVolumes', { volumes: [volumes[0]], instance: web })
  await t.settle()
  await call('DeleteVolumes', { volumes: [volumes[1]] })
  await t.settle()
  await call('DeleteImages', { images: [image] })
  await t.settle()
  await call('TerminateInstances', { instances: [spare] })
  await t.settle()
  await call('DeleteSecurityGroupRules', { security_group_rules: [rules[1]] })
  const other = (await call('CreateSecurityGroup', { security_group_name: 'unused' })).security_group_id as string
  await call('DeleteSecurityGroups', { security_groups: [other] })
  await call('DescribeJobs', { limit: 100 })
}

let close: () => Promise<void>
before(async () => {
  // CaptureInstance writes to the image warehouse
  ;({ t, close } = await startWithWarehouse({ hosts: ROOMY_HOSTS }))
  await buildWorld()
})
after(() => close())

describe(`Go SDK field types (${table.source.repository} at ${table.source.commit.slice(0, 7)})`, () => {
  it('knows every registered /iaas/ action: checked against the SDK, or listed with a reason', () => {
    const unknown = iaas.filter((a) => !table.actions[a] && !NOT_IN_SDK[a])
    assert.deepEqual(unknown, [], 'actions the Go SDK has no output struct for must be listed in NOT_IN_SDK with a reason')
    const stale = Object.keys(NOT_IN_SDK).filter((a) => !iaas.includes(a) || table.actions[a])
    assert.deepEqual(stale, [], 'NOT_IN_SDK lists an action that is not registered, or that the SDK knows')
  })

  for (const action of iaas.filter((a) => table.actions[a] || REQUIRED[a])) {
    it(`${action}: every reply decodes`, () => {
      const got = replies.get(action) ?? []
      assert.ok(got.length > 0, `${action} was never called successfully`)
      assert.deepEqual(
        got.flatMap((reply) => problemsOf(action, reply)),
        [],
      )
    })
  }
})

describe('the field-type check itself', () => {
  const problems = (type: string, value: unknown) => {
    const out: string[] = []
    check(value, type, 'x', out)
    return out
  }
  it('refuses what encoding/json refuses', () => {
    assert.deepEqual(problems('int', 1.5), ['x: expected int got 1.5'])
    assert.deepEqual(problems('int', '1'), ['x: expected int got "1"'])
    assert.deepEqual(problems('time', ''), ['x: expected time got ""'])
    assert.deepEqual(problems('[]string', 'j-1'), ['x: expected []string got "j-1"'])
    assert.deepEqual(problems('map[string]bool', { a: 'yes' }), ['x.a: expected bool got "yes"'])
    assert.deepEqual(problems('Cluster', { upgrade_time: '', Node_Count: '2' }), ['x.upgrade_time: expected time got ""', 'x.Node_Count: expected int got "2"'])
  })
  it('accepts null everywhere, unknown fields, and RFC 3339 times', () => {
    assert.deepEqual(problems('Cluster', { upgrade_time: null, name: null, nodes: null, whatever: 1.5, create_time: '2026-01-15T08:00:00Z' }), [])
    assert.deepEqual(problems('any', { a: [1.5] }), [])
  })
})
