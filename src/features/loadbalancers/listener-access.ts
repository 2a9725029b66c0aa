// How the listener and backend actions take their rows: the load balancer first, then its
// listeners, then their backends (certificates and policies after), so two requests on one load
// balancer never wait for each other in a cycle; the load balancer's lock also serializes every
// change to its listeners and backends, so port and backend duplicates are checked on a stable set.
// A listener or backend is read unlocked to learn its load balancer, then locked and checked again.
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerBackendTable, LoadBalancerListenerTable, LoadBalancerTable } from '../../store/database.ts'
import { requireDistinct, requireIdle, stateRule } from '../resources/guards.ts'
import { findBackends, getBackendsForUpdate } from './backend-repo.ts'
import { loadBalancerKind } from './lb-kind.ts'
import { lockLoadBalancers } from './lb-repo.ts'
import { findListeners, getListenersForUpdate, lockListeners } from './listener-repo.ts'

type Ctx = Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>

/** A load balancer whose listeners and backends may change: not deleted or ceased, not in a transition. */
export function requireConfigurable(lb: LoadBalancerTable): void {
  if (loadBalancerKind.goneStatuses.includes(lb.status)) throw stateRule('loadbalancer', lb.loadbalancer_id, `has been ${lb.status}`, 'its listeners and backends can not change')
  requireIdle('loadbalancer', lb.loadbalancer_id, lb)
}

/** The locked load balancer of each row, each checked with requireConfigurable. */
function configurable(lbs: readonly LoadBalancerTable[], rows: ReadonlyArray<{ loadbalancer_id: string }>): Map<string, LoadBalancerTable> {
  const byId = new Map(lbs.map((lb) => [lb.loadbalancer_id, lb]))
  for (const r of rows) {
    const lb = byId.get(r.loadbalancer_id)
    if (lb === undefined) throw stateRule('loadbalancer', r.loadbalancer_id, 'has been ceased', 'its listeners and backends can not change')
    requireConfigurable(lb)
  }
  return byId
}

/** The caller's listeners (in the order given) with their load balancers, all locked; the load balancers configurable. */
export async function lockListenersForChange(ctx: Ctx, parameter: string, ids: readonly string[]): Promise<{ listeners: LoadBalancerListenerTable[]; lbs: Map<string, LoadBalancerTable> }> {
  requireDistinct(parameter, ids)
  const seen = await findListeners(ctx.db, ctx.zone, ids)
  const lbRows = await lockLoadBalancers(ctx.db, ctx.caps, ctx.zone, [...new Set(seen.map((l) => l.loadbalancer_id))])
  const listeners = await getListenersForUpdate(ctx, parameter, ids)
  return { listeners, lbs: configurable(lbRows, listeners) }
}

/** The caller's backends (in the order given) with their load balancers and listeners, all locked; the load balancers configurable. */
export async function lockBackendsForChange(ctx: Ctx, parameter: string, ids: readonly string[]): Promise<{ backends: LoadBalancerBackendTable[]; listeners: Map<string, LoadBalancerListenerTable>; lbs: Map<string, LoadBalancerTable> }> {
  requireDistinct(parameter, ids)
  const seen = await findBackends(ctx.db, ctx.zone, ids)
  const lbRows = await lockLoadBalancers(ctx.db, ctx.caps, ctx.zone, [...new Set(seen.map((b) => b.loadbalancer_id))])
  const listenerRows = await lockListeners(ctx.db, ctx.caps, ctx.zone, [...new Set(seen.map((b) => b.loadbalancer_listener_id))])
  const backends = await getBackendsForUpdate(ctx, parameter, ids)
  return { backends, listeners: new Map(listenerRows.map((l) => [l.loadbalancer_listener_id, l])), lbs: configurable(lbRows, backends) }
}
