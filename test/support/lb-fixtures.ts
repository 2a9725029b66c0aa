// Load balancers and listeners written straight to the store, for tests that need one in a given
// state without running the lifecycle actions (listeners, backends, policies, certificates).
import { formatTime } from '../../src/lib/clock.ts'
import type { LoadBalancerListenerTable, LoadBalancerTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0
const next = () => String(++counter).padStart(6, '0')

/** An active, applied 5k load balancer in vxnet-0 of pek3a owned by the test user, unless overridden (not written). */
export function loadBalancerRow(t: TestApp, overrides: Partial<LoadBalancerTable> = {}): LoadBalancerTable {
  const time = formatTime(t.clock.now())
  return {
    loadbalancer_id: `lb-fx${next()}`,
    zone_id: 'pek3a',
    owner: t.user.user_id,
    loadbalancer_name: 'fixture',
    description: null,
    loadbalancer_type: 0,
    node_count: 1,
    vxnet_id: 'vxnet-0',
    private_ip: '',
    security_group_id: '',
    http_header_size: 15,
    mode: 0,
    cluster_mode: 0,
    is_applied: 1,
    status: 'active',
    transition_status: '',
    create_time: time,
    status_time: time,
    ...overrides,
  }
}

/** loadBalancerRow(), written straight to the store. */
export async function insertLoadBalancer(t: TestApp, overrides: Partial<LoadBalancerTable> = {}): Promise<LoadBalancerTable> {
  const row = loadBalancerRow(t, overrides)
  await t.store.db.insertInto('loadbalancers').values(row).execute()
  return row
}

/** A tcp:80 round-robin listener of `lb` with the defaults AddLoadBalancerListeners gives, unless overridden (written). */
export async function insertListener(t: TestApp, lb: Pick<LoadBalancerTable, 'loadbalancer_id' | 'owner' | 'zone_id'>, overrides: Partial<LoadBalancerListenerTable> = {}): Promise<LoadBalancerListenerTable> {
  const row: LoadBalancerListenerTable = {
    loadbalancer_listener_id: `lbl-fx${next()}`,
    loadbalancer_id: lb.loadbalancer_id,
    zone_id: lb.zone_id,
    owner: lb.owner,
    loadbalancer_listener_name: '',
    listener_port: 80,
    listener_protocol: 'tcp',
    backend_protocol: 'tcp',
    balance_mode: 'roundrobin',
    session_sticky: '',
    forwardfor: 0,
    healthy_check_method: 'tcp',
    healthy_check_option: '10|5|2|5',
    listener_option: 0,
    tunnel_timeout: 50,
    timeout: 50,
    scene: 0,
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('loadbalancer_listeners').values(row).execute()
  return row
}

export const loadBalancerOf = (t: TestApp, id: string) => t.store.db.selectFrom('loadbalancers').selectAll().where('loadbalancer_id', '=', id).executeTakeFirstOrThrow()
