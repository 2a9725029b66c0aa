// The load-balancer actions of one part: Associate/DissociateEips…LoadBalancer, LoadBalancerJoin/LeaveVxnet.
import type { Action } from '../../protocol/action.ts'

export const networkActions: Action[] = []
