// Server certificates, forwarding policies and their rules made over the wire, and the PEM files they
// are made of (test/fixtures/certificates: generated once with openssl, kept in the repository).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
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
