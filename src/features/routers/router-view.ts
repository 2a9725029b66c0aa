// The Router as DescribeRouters shows it (reference §3, §8.1). Terraform dereferences `eip` without
// a nil check, so it is always an object (empty strings when no EIP is bound); the integers
// (router_type, is_applied, features, mode) are JSON numbers, as the Go SDK decodes them; `vxnets`
// appears only with verbose=1.
import type { RouterTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'

/** The bound EIP's fields the router shows. */
export interface RouterEip {
  eip_id: string
  eip_name: string
  eip_addr: string
}

/** A vxnet joined to the router, as `vxnets` lists it (verbose=1). */
export interface RouterVxnet {
  vxnet_id: string
  nic_id: string
}

export const NO_EIP: RouterEip = { eip_id: '', eip_name: '', eip_addr: '' }

export function routerItem(row: RouterTable, eip: RouterEip | undefined, tags: ResourceTag[], vxnets: RouterVxnet[] | undefined) {
  return {
    router_id: row.router_id,
    router_name: row.router_name,
    description: row.description,
    router_type: row.router_type,
    vpc_network: row.vpc_network,
    private_ip: row.private_ip,
    security_group_id: row.security_group_id,
    eip: eip ? { ...eip } : { ...NO_EIP },
    is_applied: row.is_applied,
    features: row.features,
    // QingCloud's example shows 0; the docs define no other value
    mode: 0,
    status: row.status,
    transition_status: row.transition_status,
    create_time: row.create_time,
    status_time: row.status_time,
    sub_code: 0,
    tags,
    owner: row.owner,
    zone_id: row.zone_id,
    ...(vxnets !== undefined && { vxnets }),
  }
}
