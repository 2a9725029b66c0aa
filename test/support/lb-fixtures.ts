// Load-balancer rows written straight to the store, for tests that need one in a given state
// without running the actions that make it (load balancers, listeners, backends, certificates,
// policies, EIP bindings), and the rows as stored. One id counter for all, so ids never collide.
import { formatTime } from '../../src/lib/clock.ts'
import type { LoadBalancerBackendTable, LoadBalancerListenerTable, LoadBalancerTable, ServerCertificateTable } from '../../src/store/database.ts'
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

/** A certificate of the test user in pek3a, unless overridden (written; its content is not parsed here). */
export async function insertCertificate(t: TestApp, overrides: Partial<ServerCertificateTable> = {}): Promise<ServerCertificateTable> {
  const row: ServerCertificateTable = {
    server_certificate_id: `sc-fx${next()}`,
    zone_id: 'pek3a',
    owner: t.user.user_id,
    server_certificate_name: 'fixture',
    description: null,
    certificate_content: '-----BEGIN CERTIFICATE-----\nfixture\n-----END CERTIFICATE-----\n',
    private_key: t.box.seal('fixture key'),
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('server_certificates').values(row).execute()
  return row
}

/** A backend of `listener` on 10.0.0.1:8080, weight 1, unless overridden (written). */
export async function insertBackend(
  t: TestApp,
  listener: Pick<LoadBalancerListenerTable, 'loadbalancer_listener_id' | 'loadbalancer_id' | 'owner' | 'zone_id'>,
  overrides: Partial<LoadBalancerBackendTable> = {},
): Promise<LoadBalancerBackendTable> {
  const row: LoadBalancerBackendTable = {
    loadbalancer_backend_id: `lbb-fx${next()}`,
    loadbalancer_listener_id: listener.loadbalancer_listener_id,
    loadbalancer_id: listener.loadbalancer_id,
    zone_id: listener.zone_id,
    owner: listener.owner,
    loadbalancer_backend_name: '',
    resource_id: '10.0.0.1',
    port: 8080,
    weight: 1,
    disabled: 0,
    loadbalancer_policy_id: '',
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('loadbalancer_backends').values(row).execute()
  return row
}

export const listenerRow = (t: TestApp, id: string) => t.store.db.selectFrom('loadbalancer_listeners').selectAll().where('loadbalancer_listener_id', '=', id).executeTakeFirst()

export const listenersOfLb = (t: TestApp, lbId: string) => t.store.db.selectFrom('loadbalancer_listeners').selectAll().where('loadbalancer_id', '=', lbId).orderBy('create_time').orderBy('loadbalancer_listener_id').execute()

export const backendRow = (t: TestApp, id: string) => t.store.db.selectFrom('loadbalancer_backends').selectAll().where('loadbalancer_backend_id', '=', id).executeTakeFirst()

export const backendsOfListener = (t: TestApp, listenerId: string) =>
  t.store.db.selectFrom('loadbalancer_backends').selectAll().where('loadbalancer_listener_id', '=', listenerId).orderBy('create_time').orderBy('loadbalancer_backend_id').execute()

/** The certificate ids a listener presents, in order. */
export async function certificatesOf(t: TestApp, listenerId: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('loadbalancer_listener_certificates').select('server_certificate_id').where('loadbalancer_listener_id', '=', listenerId).orderBy('position').execute()
  return rows.map((r) => r.server_certificate_id)
}

/** A policy of the test user, unless overridden (written). */
export async function insertPolicy(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = `lbp-fx${next()}`
  await t.store.db
    .insertInto('loadbalancer_policies')
    .values({ loadbalancer_policy_id: id, zone_id: 'pek3a', owner: t.user.user_id, loadbalancer_policy_name: 'fixture', operator: 'or', balance_mode: '', priority: 0, is_applied: 1, create_time: formatTime(t.clock.now()), ...overrides })
    .execute()
  return id
}

/** Binds an EIP row to `lb` from now (the EIP row itself is left as it is). */
export async function bindEipRow(t: TestApp, lb: Pick<LoadBalancerTable, 'loadbalancer_id' | 'owner' | 'zone_id'>, eipId: string, bindTime = t.clock.now()): Promise<void> {
  await t.store.db
    .insertInto('loadbalancer_eips')
    .values({ eip_id: eipId, loadbalancer_id: lb.loadbalancer_id, zone_id: lb.zone_id, owner: lb.owner, transition_status: '', bind_time: formatTime(bindTime) })
    .execute()
}

/** Makes `listener` present these certificates, in this order (written). */
export async function presentCertificates(t: TestApp, listener: string, certificateIds: readonly string[]): Promise<void> {
  await t.store.db
    .insertInto('loadbalancer_listener_certificates')
    .values(certificateIds.map((server_certificate_id, position) => ({ loadbalancer_listener_id: listener, server_certificate_id, position })))
    .execute()
}
