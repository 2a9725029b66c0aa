// Clusters and nodes as DescribeClusters and DescribeClusterNodes show them. Field names follow
// reference 3.14 and the Go SDK's Cluster and ClusterNode types; what QingLocal does not model
// (backups, auto scaling, upgrades, custom services) is present and empty, since clients read it.
import type { ClusterNodeTable, ClusterTable, InstanceTable, Queryable, VxnetTable } from '../../store/database.ts'
import { findAppsById, findVersionsById } from '../apps/app-repo.ts'
import { readTemplate } from '../apps/template.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { BASE_VXNET } from '../vxnets/vxnet-kind.ts'
import { findVxnetsById, nicsOfInstances } from '../vxnets/vxnet-repo.ts'

/** A node's status follows its instance's. */
export const NODE_STATUS: Record<string, string> = {
  pending: 'pending',
  running: 'active',
  stopped: 'stopped',
  suspended: 'suspended',
  terminated: 'deleted',
  ceased: 'ceased',
}

/** Instance statuses behind the node statuses asked for (DescribeClusterNodes status filter). */
export function instanceStatusesFor(nodeStatuses: readonly string[]): string[] {
  return Object.entries(NODE_STATUS)
    .filter(([, node]) => nodeStatuses.includes(node))
    .map(([instance]) => instance)
}

export function nodeView(node: ClusterNodeTable, cluster: Pick<ClusterTable, 'vxnet_id' | 'owner' | 'zone_id' | 'app_id' | 'version_id' | 'env'>, instance: InstanceTable | undefined, private_ip: string) {
  const status = NODE_STATUS[instance?.status ?? 'ceased'] ?? 'ceased'
  return {
    node_id: node.node_id,
    cluster_id: node.cluster_id,
    instance_id: node.instance_id,
    role: node.role,
    name: node.name,
    // the node's address in the cluster's vxnet; '' once it has left (terminated)
    private_ip,
    vxnet_id: cluster.vxnet_id,
    cpu: instance?.vcpus_current ?? 0,
    memory: instance?.memory_current ?? 0,
    gpu: 0,
    storage_size: node.storage_size,
    volume_type: 0,
    instance_class: instance?.instance_class ?? 0,
    resource_class: instance?.instance_class ?? 0,
    instance_type: instance?.instance_type ?? '',
    image_id: instance?.image_id ?? '',
    app_id: cluster.app_id,
    app_version: cluster.version_id,
    status,
    transition_status: instance?.transition_status ?? '',
    health_status: status === 'active' && !instance?.transition_status ? 'healthy' : '',
    eip: '',
    group_id: 0,
    security_group: instance?.security_group_id ?? '',
    // the Go SDK's ClusterNode.env is a string: the cluster's environment as deployed, in JSON
    env: publicEnv(cluster.env),
    // health checks, monitoring and backups are not modelled: present and empty, as clients read them
    health_check: {},
    monitor: {},
    custom_service: {},
    advanced_actions: 'scale_horizontal,scale_vertical',
    volume_ids: '',
    auto_backup: 0,
    is_backup: 0,
    incremental_backup_supported: false,
    hypervisor: 'kvm',
    host_machine: instance?.host_machine ?? '',
    owner: cluster.owner,
    root_user_id: cluster.owner,
    console_id: 'qingcloud',
    controller: 'self',
    zone_id: cluster.zone_id,
    create_time: node.create_time,
    status_time: instance?.status_time ?? node.create_time,
  }
}

/** The stored environment (JSON) without its sealed passwords: those read as ''. */
function publicEnv(stored: string): string {
  const env = JSON.parse(stored || '{}') as Record<string, unknown>
  const sealed = (v: unknown) => typeof v === 'object' && v !== null && 'sealed' in v
  return JSON.stringify(Object.fromEntries(Object.entries(env).map(([key, value]) => [key, sealed(value) ? '' : value])))
}

/** Node views for these node rows, their instances read in one query. */
export async function nodeViews(db: Queryable, nodes: readonly ClusterNodeTable[], clusters: ReadonlyMap<string, ClusterTable>) {
  const ids = nodes.map((n) => n.instance_id)
  const instances = await findInstancesById(db, ids)
  const nics = await nicsOfInstances(db, ids)
  const byId = new Map(instances.map((i) => [i.instance_id, i]))
  return nodes.map((n) => {
    const cluster = clusters.get(n.cluster_id)!
    const nic = nics.find((x) => x.instance_id === n.instance_id && x.vxnet_id === cluster.vxnet_id)
    return nodeView(n, cluster, byId.get(n.instance_id), nic?.private_ip ?? '')
  })
}

/** Cluster items; `verbose` adds each cluster's `nodes`. */
export async function clusterViews(db: Queryable, rows: readonly ClusterTable[], options: { verbose: boolean }) {
  const clusterIds = rows.map((r) => r.cluster_id)
  const versionIds = [...new Set(rows.map((r) => r.version_id))]
  const appIds = [...new Set(rows.map((r) => r.app_id))]
  const vxnetIds = [...new Set(rows.map((r) => r.vxnet_id).filter((id) => id !== BASE_VXNET))]
  const [nodes, versions, apps, vxnets] = await Promise.all([
    clusterIds.length ? db.selectFrom('cluster_nodes').selectAll().where('cluster_id', 'in', clusterIds).orderBy('create_time').orderBy('node_id').execute() : [],
    findVersionsById(db, versionIds),
    findAppsById(db, appIds),
    findVxnetsById(db, vxnetIds),
  ])
  const byCluster = new Map(rows.map((r) => [r.cluster_id, r]))
  const views = await nodeViews(db, nodes, byCluster)
  const versionOf = new Map(versions.map((v) => [v.version_id, v]))
  const appOf = new Map(apps.map((a) => [a.app_id, a]))

  return rows.map((row) => {
    const mine = views.filter((n) => n.cluster_id === row.cluster_id && !['deleted', 'ceased'].includes(n.status))
    const version = versionOf.get(row.version_id)
    const template = version ? readTemplate(version.template) : undefined
    const roles = template?.roles.map((r) => r.role) ?? []
    const role_count = Object.fromEntries(roles.map((role) => [role, mine.filter((n) => n.role === role).length]))
    const view: Record<string, unknown> = {
      cluster_id: row.cluster_id,
      name: row.name,
      description: row.description,
      app_id: row.app_id,
      app_version: row.version_id,
      app_info: { app_id: row.app_id, app_name: appOf.get(row.app_id)?.app_name ?? '', icon: '' },
      app_version_info: { version_id: row.version_id, name: version?.name ?? '', resource_kit: '', status_time: version?.status_time ?? '', upgrade_policy: [] },
      status: row.status,
      transition_status: row.transition_status,
      node_count: mine.length,
      role_count,
      roles,
      // clusters run in managed networks only: vxnet-0 or one of the owner's (clusters/nodes.ts)
      vxnet: clusterVxnet(row.vxnet_id, vxnets),
      security_group_id: '',
      endpoints: template?.endpoints ?? {},
      advanced_actions: Object.fromEntries(roles.map((role) => [role, 'scale_horizontal,scale_vertical'])),
      health_check_enablement: Object.fromEntries(roles.map((role) => [role, false])),
      backup: Object.fromEntries(roles.map((role) => [role, false])),
      auto_scale_step: {},
      auto_backup_time: -1,
      global_uuid: row.global_uuid,
      cluster_type: 0,
      owner: row.owner,
      root_user_id: row.owner,
      console_id: 'qingcloud',
      controller: 'self',
      create_time: row.create_time,
      status_time: row.status_time,
      // times the Go SDK decodes as *time.Time (or *string): null when there is none, never ''
      upgrade_time: null,
      upgrade_status: '',
      upgrade_policy: [],
      incremental_backup_supported: false,
      display_tabs: {},
      custom_service: {},
      backup_policy: '',
      lastest_snapshot_time: null,
      latest_snapshot_time: null,
      debug: false,
      partner_access: false,
      sub_code: 0,
      tags: [],
      zone_id: row.zone_id,
    }
    if (options.verbose) view.nodes = mine
    return view
  })
}

/** A cluster's `vxnet`: its name (vxnet-0's is fixed) and the router it is joined to, '' for none. */
function clusterVxnet(vxnetId: string, vxnets: readonly VxnetTable[]) {
  const row = vxnets.find((v) => v.vxnet_id === vxnetId)
  return { vxnet_id: vxnetId, vxnet_name: vxnetId === BASE_VXNET ? 'base network' : (row?.vxnet_name ?? ''), vxnet_type: 1, vpc_router_id: row?.router_id ?? '' }
}
