// Rows for the listener and backend tests: server certificates and backends written straight to
// the store (CreateServerCertificate belongs to another part), and what the tests read back.
import { formatTime } from '../../src/lib/clock.ts'
import type { LoadBalancerBackendTable, LoadBalancerListenerTable, ServerCertificateTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0
const next = () => String(++counter).padStart(6, '0')

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
