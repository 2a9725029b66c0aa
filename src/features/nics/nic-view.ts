// A NIC as DescribeNics shows it (reference §3 NIC; the Go SDK's NIC type): strings, `sequence` and
// `role` ints, times RFC 3339. `security_group` is the attached instance's group ('' detached);
// `eip` is the instance's associated EIP on its primary NIC, empty values otherwise.
import type { NicTable } from '../../store/database.ts'

export interface NicExtras {
  security_group: string
  eip: { eip_id: string; eip_addr: string; bandwidth: number }
  tags: unknown[]
}

export const NO_EIP = { eip_id: '', eip_addr: '', bandwidth: 0 }

export function nicView(row: NicTable, extras: NicExtras) {
  return {
    nic_id: row.nic_id,
    nic_name: row.nic_name,
    status: row.status,
    transition_status: row.transition_status,
    instance_id: row.instance_id,
    vxnet_id: row.vxnet_id,
    private_ip: row.private_ip,
    security_group: extras.security_group,
    sequence: row.sequence,
    role: row.role,
    eip: extras.eip,
    tags: extras.tags,
    owner: row.owner,
    zone_id: row.zone_id,
    create_time: row.create_time,
    status_time: row.status_time,
  }
}
