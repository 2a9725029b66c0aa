// A backend's health as Describe* show it (`status`), derived from the state of what it points at:
// QingLocal runs no health checks, so a backend is `up` when its load balancer is active, the
// backend is not disabled and its instance is running; `down` otherwise. A backend that names an
// address (or anything but an instance) has no state to read: up whenever the first two hold.
// A terminated instance's backend stays listed, `down` (the issue allows either).
import type { LoadBalancerBackendTable, LoadBalancerTable, Queryable } from '../../store/database.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import type { BackendStatus } from './lb-view.ts'

const isInstance = (resourceId: string) => resourceId.startsWith('i-')

/** backend id → its status, for backends of the load balancers given (a backend whose load balancer is missing is `down`). */
export async function backendStatuses(db: Queryable, lbRows: readonly Pick<LoadBalancerTable, 'loadbalancer_id' | 'status'>[], backendRows: readonly LoadBalancerBackendTable[]): Promise<Map<string, BackendStatus>> {
  const active = new Set(lbRows.filter((lb) => lb.status === 'active').map((lb) => lb.loadbalancer_id))
  const instanceIds = [...new Set(backendRows.map((b) => b.resource_id).filter(isInstance))]
  const running = new Set((await findInstancesById(db, instanceIds)).filter((i) => i.status === 'running').map((i) => i.instance_id))
  return new Map(
    backendRows.map((b) => {
      const serving = active.has(b.loadbalancer_id) && b.disabled === 0 && (!isInstance(b.resource_id) || running.has(b.resource_id))
      return [b.loadbalancer_backend_id, serving ? 'up' : 'down']
    }),
  )
}
