// Who holds a NIC: an instance, or a load balancer. A load balancer's address in its vxnet is a NIC
// whose instance_id is the load balancer's id (the loadbalancers feature joins the network with it
// as the joiner, vxnets/membership.ts). Such a NIC is the load balancer's own: the NIC actions refuse
// it (1400 naming the load balancer) and the vxnets' instance lists leave it out.
import { loadBalancerKind } from '../loadbalancers/lb-kind.ts'

/** `lb-`: how the ids of load balancers start. */
export const LOAD_BALANCER_ID_PREFIX = `${loadBalancerKind.prefix}-`

export const heldByLoadBalancer = (holderId: string): boolean => holderId.startsWith(LOAD_BALANCER_ID_PREFIX)

/** `load balancer [lb-…]` or `instance [i-…]`, for messages about a NIC's holder. */
export const holderLabel = (holderId: string): string => (heldByLoadBalancer(holderId) ? `load balancer [${holderId}]` : `instance [${holderId}]`)
