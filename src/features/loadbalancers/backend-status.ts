// A backend's `status`, derived when it is described (nothing is stored, so no other feature has to
// tell the load balancers when an instance stops or is terminated): `up` while its load balancer is
// active, it is not disabled and what it names serves — an instance that is running, a router that
// is active, or an IPv4 address (always taken to answer) — `down` otherwise. A terminated backend
// instance therefore stays listed, down, until the backend is deleted.
import type { LoadBalancerBackendTable, LoadBalancerTable, Queryable } from '../../store/database.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { findRouters } from '../routers/router-repo.ts'
import type { BackendStatus } from './lb-view.ts'

/** Each backend's status, by loadbalancer_backend_id (`lbRows`: at least the backends' load balancers). */
export async function backendStatuses(db: Queryable, lbRows: readonly Pick<LoadBalancerTable, 'loadbalancer_id' | 'status'>[], backendRows: readonly LoadBalancerBackendTable[]): Promise<Map<string, BackendStatus>> {
  const out = new Map<string, BackendStatus>()
  if (backendRows.length === 0) return out
  const activeLbs = new Set(lbRows.filter((lb) => lb.status === 'active').map((lb) => lb.loadbalancer_id))
  const instanceIds = [...new Set(backendRows.filter((b) => b.resource_id.startsWith('i-')).map((b) => b.resource_id))]
  const running = new Set((await findInstancesById(db, instanceIds)).filter((i) => i.status === 'running').map((i) => `${i.zone_id}/${i.instance_id}`))
  const routersByZone = new Map<string, string[]>()
  for (const b of backendRows) if (b.resource_id.startsWith('rtr-')) routersByZone.set(b.zone_id, [...(routersByZone.get(b.zone_id) ?? []), b.resource_id])
  const activeRouters = new Set<string>()
  for (const [zone, ids] of routersByZone) for (const r of await findRouters(db, zone, [...new Set(ids)])) if (r.status === 'active') activeRouters.add(`${zone}/${r.router_id}`)
  for (const b of backendRows) {
    const key = `${b.zone_id}/${b.resource_id}`
    const serves = b.resource_id.startsWith('i-') ? running.has(key) : b.resource_id.startsWith('rtr-') ? activeRouters.has(key) : true
    out.set(b.loadbalancer_backend_id, activeLbs.has(b.loadbalancer_id) && b.disabled === 0 && serves ? 'up' : 'down')
  }
  return out
}
