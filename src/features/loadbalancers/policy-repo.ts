// Forwarding-policy rows (their rules live with them). Backends name a policy by id
// (loadbalancer_backends.loadbalancer_policy_id); locks: load balancer, listener, backends, then policies.
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerPolicyTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

export async function lockPolicies(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('loadbalancer_policies')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('loadbalancer_policy_id', 'in', [...ids].sort()),
    )
    .execute()
}

/** The caller's policies, locked, in the order given (2100 unknown, 1400 another user's, 1100 twice). */
export async function getPoliciesForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockPolicies(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.loadbalancer_policy_id, ctx.caller)
}

export async function findPolicies(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_policies').selectAll().where('zone_id', '=', zone).where('loadbalancer_policy_id', 'in', ids).execute()
}
