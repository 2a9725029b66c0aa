// Backend rows. A backend belongs to one listener of one load balancer (both ids on the row); locks
// come after the load balancer's and the listener's (listener-repo.ts).
import type { LoadBalancerBackendTable, Queryable } from '../../store/database.ts'

/** Each listener's backends, oldest first (every id present). */
export async function backendsOf(db: Queryable, listenerIds: readonly string[]): Promise<Map<string, LoadBalancerBackendTable[]>> {
  const out = new Map<string, LoadBalancerBackendTable[]>(listenerIds.map((id) => [id, []]))
  if (listenerIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_backends').selectAll().where('loadbalancer_listener_id', 'in', listenerIds).orderBy('loadbalancer_listener_id').orderBy('create_time').orderBy('loadbalancer_backend_id').execute()
  for (const r of rows) out.get(r.loadbalancer_listener_id)?.push(r)
  return out
}

/** policy id → the load balancers whose backends follow it (DescribeLoadBalancerPolicies verbose=1 `loadbalancer_ids`). */
export async function loadBalancersUsingPolicies(db: Queryable, policyIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(policyIds.map((id) => [id, []]))
  if (policyIds.length === 0) return out
  const rows = await db
    .selectFrom('loadbalancer_backends')
    .select(['loadbalancer_policy_id', 'loadbalancer_id'])
    .distinct()
    .where('loadbalancer_policy_id', 'in', policyIds)
    .orderBy('loadbalancer_policy_id')
    .orderBy('loadbalancer_id')
    .execute()
  for (const r of rows) out.get(r.loadbalancer_policy_id)?.push(r.loadbalancer_id)
  return out
}

/** These backends in the zone, whoever owns them (unlocked: for reads). */
export async function findBackends(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerBackendTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_backends').selectAll().where('zone_id', '=', zone).where('loadbalancer_backend_id', 'in', ids).execute()
}

/** policy id → the backends that follow it (DeleteLoadBalancerPolicies refuses those policies: 5400). */
export async function backendsUsingPolicies(db: Queryable, policyIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (policyIds.length === 0) return out
  const rows = await db.selectFrom('loadbalancer_backends').select(['loadbalancer_policy_id', 'loadbalancer_backend_id']).where('loadbalancer_policy_id', 'in', policyIds).orderBy('loadbalancer_backend_id').execute()
  for (const r of rows) out.set(r.loadbalancer_policy_id, [...(out.get(r.loadbalancer_policy_id) ?? []), r.loadbalancer_backend_id])
  return out
}

/** DeleteLoadBalancers: every backend of the load balancers' listeners goes. */
export async function deleteBackendsOfLoadBalancers(db: Queryable, lbIds: readonly string[]): Promise<void> {
  if (lbIds.length > 0) await db.deleteFrom('loadbalancer_backends').where('loadbalancer_id', 'in', lbIds).execute()
}
