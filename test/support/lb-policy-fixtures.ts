// Server certificates, forwarding policies and their rules made over the wire, the PEM files they
// are made of (test/fixtures/certificates: generated once with openssl, kept in the repository),
// and backend and listener-certificate rows written straight to the store for tests that need a
// policy or a certificate in use.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { formatTime } from '../../src/lib/clock.ts'
import type { LoadBalancerBackendTable, LoadBalancerListenerTable } from '../../src/store/database.ts'
import type { Key, TestApp } from './harness.ts'

/** A PEM file of test/fixtures/certificates: rsa/ec/expired .crt and .key, chain.crt with leaf.key, other.key (matches none). */
export const pem = (file: string): string => readFileSync(new URL(`../fixtures/certificates/${file}`, import.meta.url), 'utf8')

/** CreateServerCertificate as the SDKs send it (a POST), with the RSA pair unless told otherwise; answers the id. */
export async function createCertificate(t: TestApp, params: Record<string, unknown> = {}, key?: Key): Promise<string> {
  const reply = await t.call('CreateServerCertificate', { certificate_content: pem('rsa.crt'), private_key: pem('rsa.key'), ...params }, { method: 'POST', ...(key && { key }) })
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.server_certificate_id as string
}

export async function createPolicy(t: TestApp, params: Record<string, unknown> = {}, key?: Key): Promise<string> {
  const reply = await t.call('CreateLoadBalancerPolicy', params, key ? { key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.loadbalancer_policy_id as string
}

export async function addRules(t: TestApp, policy: string, rules: Array<Record<string, unknown>>, key?: Key): Promise<string[]> {
  const reply = await t.call('AddLoadBalancerPolicyRules', { loadbalancer_policy: policy, rules }, key ? { key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.loadbalancer_policy_rules as string[]
}

export const policyRow = (t: TestApp, id: string) => t.store.db.selectFrom('loadbalancer_policies').selectAll().where('loadbalancer_policy_id', '=', id).executeTakeFirst()

let counter = 0

/** A backend of `listener` on port 8080 following `policy` ('' none), unless overridden (written). */
export async function insertBackend(
  t: TestApp,
  listener: Pick<LoadBalancerListenerTable, 'loadbalancer_listener_id' | 'loadbalancer_id' | 'zone_id' | 'owner'>,
  policy: string,
  overrides: Partial<LoadBalancerBackendTable> = {},
): Promise<LoadBalancerBackendTable> {
  const row: LoadBalancerBackendTable = {
    loadbalancer_backend_id: `lbb-fx${String(++counter).padStart(6, '0')}`,
    loadbalancer_listener_id: listener.loadbalancer_listener_id,
    loadbalancer_id: listener.loadbalancer_id,
    zone_id: listener.zone_id,
    owner: listener.owner,
    loadbalancer_backend_name: '',
    resource_id: '192.168.0.10',
    port: 8080,
    weight: 1,
    disabled: 0,
    loadbalancer_policy_id: policy,
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('loadbalancer_backends').values(row).execute()
  return row
}

/** Makes `listener` present these certificates, in this order (written). */
export async function presentCertificates(t: TestApp, listener: string, certificateIds: readonly string[]): Promise<void> {
  await t.store.db
    .insertInto('loadbalancer_listener_certificates')
    .values(certificateIds.map((server_certificate_id, position) => ({ loadbalancer_listener_id: listener, server_certificate_id, position })))
    .execute()
}
