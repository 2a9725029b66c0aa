// What Describe* show of load balancers, listeners and backends (reference load-balancers.md §2).
// The Go SDK decodes with encoding/json and the CCM dereferences without nil checks, so names are
// always strings, integers always JSON numbers, `server_certificate_id` always an array, and a load
// balancer always carries `cluster`, `eips`, `private_ips`, `vxnet_id`, `node_count`,
// `loadbalancer_type`, `tags`, `security_group_id` and `is_applied`, at every verbose level.
import type { LoadBalancerBackendTable, LoadBalancerListenerTable, LoadBalancerTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'

/** A bound EIP as the load balancer lists it (in `eips` and in `cluster`, which the CCM and terraform read). */
export interface LoadBalancerEip {
  eip_id: string
  eip_name: string
  eip_addr: string
}

/**
 * up: the load balancer serves and so does what the backend names (backend-status.ts); down: not.
 * QingCloud also says `abnormal` when health checks fail, which QingLocal does not run.
 */
export type BackendStatus = 'up' | 'down'

export function backendItem(row: LoadBalancerBackendTable, status: BackendStatus) {
  return {
    loadbalancer_backend_id: row.loadbalancer_backend_id,
    loadbalancer_backend_name: row.loadbalancer_backend_name,
    loadbalancer_listener_id: row.loadbalancer_listener_id,
    loadbalancer_id: row.loadbalancer_id,
    loadbalancer_policy_id: row.loadbalancer_policy_id,
    resource_id: row.resource_id,
    port: row.port,
    weight: row.weight,
    disabled: row.disabled,
    status,
    create_time: row.create_time,
    owner: row.owner,
    zone_id: row.zone_id,
  }
}

export type BackendItem = ReturnType<typeof backendItem>

/** `backends` only when asked for (verbose=1). */
export function listenerItem(row: LoadBalancerListenerTable, certificateIds: readonly string[], backends?: BackendItem[]) {
  return {
    loadbalancer_listener_id: row.loadbalancer_listener_id,
    loadbalancer_listener_name: row.loadbalancer_listener_name,
    loadbalancer_id: row.loadbalancer_id,
    listener_port: row.listener_port,
    listener_protocol: row.listener_protocol,
    backend_protocol: row.backend_protocol,
    balance_mode: row.balance_mode,
    session_sticky: row.session_sticky,
    forwardfor: row.forwardfor,
    healthy_check_method: row.healthy_check_method,
    healthy_check_option: row.healthy_check_option,
    listener_option: row.listener_option,
    tunnel_timeout: row.tunnel_timeout,
    timeout: row.timeout,
    scene: row.scene,
    server_certificate_id: [...certificateIds],
    create_time: row.create_time,
    owner: row.owner,
    zone_id: row.zone_id,
    ...(backends !== undefined && { backends }),
  }
}

export type ListenerItem = ReturnType<typeof listenerItem>

/** `listeners` only at verbose ≥ 1. */
export function loadBalancerItem(row: LoadBalancerTable, eips: readonly LoadBalancerEip[], tags: ResourceTag[], listeners?: ListenerItem[]) {
  return {
    loadbalancer_id: row.loadbalancer_id,
    loadbalancer_name: row.loadbalancer_name,
    description: row.description,
    loadbalancer_type: row.loadbalancer_type,
    node_count: row.node_count,
    vxnet_id: row.vxnet_id,
    private_ips: row.private_ip === '' ? [] : [row.private_ip],
    eips: eips.map((e) => ({ ...e })),
    cluster: eips.map((e) => ({ ...e })),
    security_group_id: row.security_group_id,
    http_header_size: row.http_header_size,
    mode: row.mode,
    cluster_mode: row.cluster_mode,
    is_applied: row.is_applied,
    status: row.status,
    transition_status: row.transition_status,
    create_time: row.create_time,
    status_time: row.status_time,
    sub_code: 0,
    tags,
    owner: row.owner,
    zone_id: row.zone_id,
    ...(listeners !== undefined && { listeners }),
  }
}
