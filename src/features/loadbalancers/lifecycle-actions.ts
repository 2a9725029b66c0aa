// The load-balancer actions of one part: Create/Describe/Modify/Update/Resize/Start/Stop/DeleteLoadBalancers.
//
// Behaviour: a load balancer lives in one managed vxnet or vxnet-0 (an address held through the
// vxnets feature, shown in private_ips) with up to 4 EIPs bound at creation (listed in both `eips`
// and `cluster`). It is `pending` + `creating` at once and `active` with transition_status '' when
// the job settles; Start/Stop move it between `active` and `stopped` (`starting` / `stopping`);
// Update and Resize are `updating` (the transitions terraform's wait knows). Leased per type
// (5k … 500k): the lease opens at create (first hour charged in the request, 2400), ends on Stop,
// reopens on Start, is repriced on Resize and ends on Delete. Deleted load balancers stay
// describable by id (`deleted`, ceased after 2 hours); DeleteLoadBalancers on one answers 2100.
// Changes of security group, address, header size or node count set is_applied 0 until
// UpdateLoadBalancers, which active and stopped load balancers accept.
//
// Limitations: nothing is really balanced; backend `status` follows the instance's state (no
// health checks); `mode`, `cluster_mode` and `node_count` are stored and shown only;
// `place_group_id` and `project_id` are ignored; `target_user`/`owner` may only name the caller;
// Resize does not require a stopped load balancer (terraform resizes active ones).
import type { Action } from '../../protocol/action.ts'
import { createLoadBalancer } from './actions/create-load-balancer.ts'
import { deleteLoadBalancers } from './actions/delete-load-balancers.ts'
import { describeLoadBalancers } from './actions/describe-load-balancers.ts'
import { modifyLoadBalancerAttributes } from './actions/modify-load-balancer-attributes.ts'
import { resizeLoadBalancers } from './actions/resize-load-balancers.ts'
import { startLoadBalancers } from './actions/start-load-balancers.ts'
import { stopLoadBalancers } from './actions/stop-load-balancers.ts'
import { updateLoadBalancers } from './actions/update-load-balancers.ts'

export const lifecycleActions: Action[] = [createLoadBalancer, describeLoadBalancers, modifyLoadBalancerAttributes, updateLoadBalancers, resizeLoadBalancers, startLoadBalancers, stopLoadBalancers, deleteLoadBalancers]
