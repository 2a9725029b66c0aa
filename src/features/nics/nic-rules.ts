// What several NIC actions check: the caller's NICs named by a parameter, locked (2100 unknown in
// the zone, 1400 another user's, 1100 listed twice or missing), and the instance states a NIC may be
// attached to or detached from. A NIC held by a load balancer (nic-holder.ts) is refused (1400).
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { NicTable } from '../../store/database.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../resources/guards.ts'
import { heldByLoadBalancer } from './nic-holder.ts'
import { lockNics } from './nic-repo.ts'

/** NICs change on running and stopped instances only (as JoinVxnet / LeaveVxnet). */
export const NIC_INSTANCE_STATES = ['running', 'stopped']

export async function getNicsForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<NicTable[]> {
  if (ids.length === 0) throw new ApiError('InvalidRequestFormat', `missing parameter ${parameter}`)
  requireDistinct(parameter, ids)
  const rows = requireOwned(await lockNics(ctx.db, ctx.caps, ctx.zone, ids), ids, (n) => n.nic_id, ctx.caller)
  for (const nic of rows) {
    // a load balancer's address is its own: it goes with LoadBalancerLeaveVxnet / DeleteLoadBalancers
    if (heldByLoadBalancer(nic.instance_id)) throw stateRule('nic', nic.nic_id, `is held by load balancer [${nic.instance_id}]`, 'it can only change through the load balancer')
    requireIdle('nic', nic.nic_id, nic)
  }
  return rows
}
