// EIPs as the API sees them: the parameter ranges and the DescribeEips item.
import type { EipTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'

/** Mbps an EIP may have (AllocateEips, ChangeEipsBandwidth). */
export const MIN_BANDWIDTH = 1
export const MAX_BANDWIDTH = 1000
export const MAX_ALLOCATE_COUNT = 100

/** `bandwidth`: billed by the bandwidth set; `traffic`: billed by traffic on QingCloud (QingLocal bills both per Mbps-hour). */
export const BILLING_MODES = ['bandwidth', 'traffic'] as const

/** QingLocal has one EIP group, QingCloud's usual default. */
export const EIP_GROUP = { eip_group_id: 'eipg-00000000', eip_group_name: 'BGP multi-line' } as const

/**
 * What an associated EIP is bound to: an instance (AssociateEip: the EIP row's instance_id) or a
 * VPC router (ModifyRouterAttributes `eip`: the router row's eip_id, routers/router-repo.ts) or a
 * load balancer (its bindings, loadbalancers/lb-repo.ts).
 */
export interface EipHolder {
  resource_id: string
  resource_name: string
  resource_type: 'instance' | 'router' | 'loadbalancer'
}

/**
 * The DescribeEips item. `resource` is always an object, blank when not associated (clients read
 * `resource.resource_id` without a nil check); it names the holder only once the association settled.
 */
export function eipItem(row: EipTable, holder: EipHolder | undefined, tags: ResourceTag[]) {
  const associated = row.status === 'associated' && holder !== undefined
  return {
    eip_id: row.eip_id,
    eip_name: row.eip_name,
    eip_addr: row.eip_addr,
    description: row.description,
    status: row.status,
    transition_status: row.transition_status,
    bandwidth: row.bandwidth,
    billing_mode: row.billing_mode,
    associate_mode: row.associate_mode,
    need_icp: row.need_icp,
    icp_codes: '',
    eip_group: { ...EIP_GROUP },
    resource: associated ? { ...holder } : { resource_id: '', resource_name: '', resource_type: '' },
    create_time: row.create_time,
    status_time: row.status_time,
    sub_code: 0,
    tags,
    owner: row.owner,
    zone_id: row.zone_id,
  }
}
