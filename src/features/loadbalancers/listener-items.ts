// Listeners as DescribeLoadBalancers (verbose ≥ 1) and DescribeLoadBalancerListeners show them: each
// with its certificates and, when asked, its backends and their derived status (backend-status.ts).
import type { LoadBalancerListenerTable, LoadBalancerTable, Queryable } from '../../store/database.ts'
import { backendsOf } from './backend-repo.ts'
import { backendStatuses } from './backend-status.ts'
import { backendItem, type ListenerItem, listenerItem } from './lb-view.ts'
import { certificateIdsOf } from './listener-repo.ts'

/**
 * The items of `listeners`, in their order. `withBackends`: the listeners' load balancers (their
 * status decides the backends'), or undefined for items without `backends`.
 */
export async function listenerItems(db: Queryable, listeners: readonly LoadBalancerListenerTable[], withBackends?: readonly Pick<LoadBalancerTable, 'loadbalancer_id' | 'status'>[]): Promise<ListenerItem[]> {
  const ids = listeners.map((l) => l.loadbalancer_listener_id)
  const [certificates, backends] = await Promise.all([certificateIdsOf(db, ids), withBackends ? backendsOf(db, ids) : undefined])
  const statuses = backends && withBackends ? await backendStatuses(db, withBackends, [...backends.values()].flat()) : undefined
  return listeners.map((l) =>
    listenerItem(
      l,
      certificates.get(l.loadbalancer_listener_id) ?? [],
      backends?.get(l.loadbalancer_listener_id)?.map((b) => backendItem(b, statuses?.get(b.loadbalancer_backend_id) ?? 'down')),
    ),
  )
}
