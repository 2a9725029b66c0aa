// VxNets (reference 3.7): private networks, the base network vxnet-0 (10.140.0.0/16 in every zone,
// no row in `vxnets`), and instances' interfaces in them (NICs, features/nics). Managed vxnets get their
// own 192.168.N.0/24; addresses are the lowest free or a fixed `id|ip`, chosen under a lock on the
// network's row (the zone's row for vxnet-0). An instance is in at most one managed network.
// VPC: a managed vxnet joins one router (JoinRouter, LeaveRouter, DescribeRouterVxnets; the join
// is columns of its row, migration 0026); its members' addresses then come from the DHCP range of
// the ip_network it joined with. The routers themselves are the routers feature's.
// Limitations: no DHCP options (DescribeVxnetInstances shows `dhcp_options` {}) or
// `target_user`; vxnet_type 2 is refused; no packet is routed;
// every vxnet-0 allocation in a zone waits on one lock on PostgreSQL.
import type { Action } from '../../protocol/action.ts'
import { createVxnets } from './actions/create-vxnets.ts'
import { deleteVxnets } from './actions/delete-vxnets.ts'
import { describeRouterVxnets } from './actions/describe-router-vxnets.ts'
import { describeVxnetInstances } from './actions/describe-vxnet-instances.ts'
import { describeVxnets } from './actions/describe-vxnets.ts'
import { joinRouter } from './actions/join-router.ts'
import { joinVxnet } from './actions/join-vxnet.ts'
import { leaveRouter } from './actions/leave-router.ts'
import { leaveVxnet } from './actions/leave-vxnet.ts'
import { modifyVxnetAttributes } from './actions/modify-vxnet-attributes.ts'

export const vxnetActions: Action[] = [createVxnets, describeVxnets, modifyVxnetAttributes, joinVxnet, leaveVxnet, describeVxnetInstances, deleteVxnets, joinRouter, leaveRouter, describeRouterVxnets]
