// What the network actions of load balancers (EIPs, vxnets) check of the load balancer itself: the
// caller's (2100 / 1400), idle (1400 "is [x], please try later"), and active or stopped (1400 naming
// its status: a pending, suspended or gone one changes nothing). While their job runs the load
// balancer is `updating` (one of the transitions terraform's wait accepts), so EIP and network
// changes of one load balancer happen one after the other.
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerTable } from '../../store/database.ts'
import { requireIdle, stateRule } from '../resources/guards.ts'
import { getLoadBalancersForUpdate } from './lb-repo.ts'

/** The transition of a load balancer while an EIP or vxnet job of it runs. */
export const NETWORK_TRANSITION = 'updating'

/** A load balancer bound to more EIPs than this is refused (reference §1.2: "a public LB can bind 4 EIPs"). */
export const MAX_EIPS_PER_LOAD_BALANCER = 4

const CHANGEABLE = ['active', 'stopped']

/** The caller's load balancer `id` (parameter `loadbalancer`), locked, ready for `doing` (e.g. 'can not associate eips'). */
export async function changeableLoadBalancer(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, id: string, doing: string): Promise<LoadBalancerTable> {
  const [lb] = await getLoadBalancersForUpdate(ctx, 'loadbalancer', [id])
  requireIdle('load balancer', lb!.loadbalancer_id, lb!)
  if (!CHANGEABLE.includes(lb!.status)) throw stateRule('load balancer', lb!.loadbalancer_id, `is [${lb!.status}]`, doing)
  return lb!
}
