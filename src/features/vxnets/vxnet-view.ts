// A vxnet as DescribeVxnets shows it (reference 3.7; the Go SDK's VxNet type). `vpc_router_id` is
// always a string, the router joined or '' (terraform dereferences it and polls it after
// LeaveRouter); `router` is null when not joined, else the join: router id and name, the router's
// address, the network, the DHCP range and `mode` 0. `ip_network` is a QingLocal extra: the
// vxnet's network ('' for a self-managed one); available_ip_count counts what it hands out (a
// joined vxnet: its DHCP range).
import type { VxnetTable } from '../../store/database.ts'
import { BASE_VXNET } from './vxnet-kind.ts'
import { BASE_NAME, basePlan, capacityOf, vxnetPlan } from './network.ts'
import { NOT_JOINED } from './vxnet-repo.ts'

/** The owner the base network is shown with: the platform's, no user's. */
export const BASE_OWNER = 'system'

export interface VxnetExtras {
  members: number
  tags: unknown[]
  instance_ids?: string[] | undefined
  /** The name of the router it is joined to ('' when not joined, or when the router is gone). */
  router_name?: string | undefined
}

export function vxnetView(row: VxnetTable, extras: VxnetExtras) {
  const plan = vxnetPlan(row)
  return {
    vxnet_id: row.vxnet_id,
    vxnet_name: row.vxnet_name,
    vxnet_type: row.vxnet_type,
    description: row.description,
    ip_network: row.ip_network,
    available_ip_count: plan.ip_network === '' ? 0 : Math.max(0, capacityOf(plan) - extras.members),
    router: row.router_id === '' ? null : { router_id: row.router_id, router_name: extras.router_name ?? '', manager_ip: row.manager_ip, ip_network: row.ip_network, dyn_ip_start: row.dyn_ip_start, dyn_ip_end: row.dyn_ip_end, mode: 0 },
    vpc_router_id: row.router_id,
    ...(extras.instance_ids && { instance_ids: extras.instance_ids }),
    tags: extras.tags,
    owner: row.owner,
    zone_id: row.zone_id,
    create_time: row.create_time,
  }
}

/** The base network, shown to every user in every zone; `members` counts every user's interfaces. */
export function baseVxnetView(zone: string, extras: VxnetExtras) {
  return {
    ...vxnetView({ vxnet_id: BASE_VXNET, zone_id: zone, owner: BASE_OWNER, vxnet_name: BASE_NAME, description: null, vxnet_type: 1, ip_network: basePlan().ip_network, create_time: '', ...NOT_JOINED }, extras),
    create_time: null,
  }
}
