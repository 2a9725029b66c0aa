// The load-balancer actions of one part: AssociateEipsToLoadBalancer, DissociateEipsFromLoadBalancer,
// LoadBalancerJoinVxnet, LoadBalancerLeaveVxnet (all asynchronous: `job_id`).
//
// Behaviour:
// - EIPs: at most 4 per load balancer (more in one request 1100, more with those bound 1400); they
//   must be the caller's, available and idle. Bindings are written in the request (`associating`),
//   so two requests can never take one EIP; the job makes them `associated`. Dissociating takes
//   EIPs bound to that load balancer only (1400 otherwise). An LB-bound EIP shows the load balancer
//   as its `resource` in DescribeEips; DissociateEips refuses it (1400) and ReleaseEips answers 5400.
// - Networks: a load balancer is in at most one managed network, vxnet-0 counted (one in a network
//   leaves first: 1400); self-managed vxnets are refused (1400). Its address is a NIC held by the
//   load balancer (instance_id = its id): the NIC actions refuse it (1400 naming the load balancer),
//   DescribeVxnets' instance_ids and DescribeVxnetInstances do not list it, DeleteVxnets answers
//   5400 "still has load balancer [lb-…]", JoinRouter/LeaveRouter name it too. Leaving sets
//   vxnet_id and private_ip to '' (the load balancer is in no network until it joins another).
// - A load balancer with EIPs (bound or in flight) can not leave its network, and one in no network
//   can not take EIPs (1400): its EIPs are reached through its network.
// - The load balancer is `updating` while one of these jobs runs (a transition terraform's wait
//   accepts) and must be active or stopped and idle to start one. `is_applied` is not touched:
//   QingCloud applies EIP and network changes itself, without UpdateLoadBalancers.
//
// Limitations:
// - The docs' file-name spellings LoadbalancerJoinVxnet / LoadbalancerLeaveVxnet are not
//   registered: the action framework (protocol/action.ts) has no aliases, and a second action of
//   the same handler would list an undocumented name in coverage and DescribeJobs.
// - DeleteSecurityGroups answers 5400 for a group a load balancer (not deleted or ceased) uses; a
//   deleted, restorable load balancer keeps pointing at the deleted group.
import type { Action } from '../../protocol/action.ts'
import { associateEipsToLoadBalancer } from './actions/associate-eips-to-load-balancer.ts'
import { dissociateEipsFromLoadBalancer } from './actions/dissociate-eips-from-load-balancer.ts'
import { loadBalancerJoinVxnet } from './actions/load-balancer-join-vxnet.ts'
import { loadBalancerLeaveVxnet } from './actions/load-balancer-leave-vxnet.ts'

export const networkActions: Action[] = [associateEipsToLoadBalancer, dissociateEipsFromLoadBalancer, loadBalancerJoinVxnet, loadBalancerLeaveVxnet]
