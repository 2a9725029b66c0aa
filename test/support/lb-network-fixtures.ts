// Load balancers in networks and with EIPs, through the network actions (LoadBalancerJoinVxnet,
// AssociateEipsToLoadBalancer), for the load-balancer tests and the dependency tests of the features
// they touch (vxnets, NICs, EIPs, security groups).
import assert from 'node:assert/strict'
import type { LoadBalancerTable } from '../../src/store/database.ts'
import type { Key, TestApp } from './harness.ts'
import { insertLoadBalancer } from './lb-fixtures.ts'

/** A job-running call as `key`'s user, asserting success, then every job run to its end. */
async function done(t: TestApp, action: string, params: Record<string, unknown>, key?: Key): Promise<void> {
  const reply = await t.call(action, params, key ? { key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  assert.match(reply.job_id, /^j-/)
  await t.settle()
}

/** A load balancer (fixture row, in no network at first) that joined `vxnet`; its address and NIC. */
export async function loadBalancerIn(t: TestApp, vxnet: string, overrides: Partial<LoadBalancerTable> = {}, key?: Key): Promise<{ lb: string; ip: string; nic: string }> {
  const row = await insertLoadBalancer(t, { vxnet_id: '', private_ip: '', ...overrides })
  await done(t, 'LoadBalancerJoinVxnet', { vxnet, loadbalancer: row.loadbalancer_id }, key)
  const nic = await t.store.db.selectFrom('nics').select(['nic_id', 'private_ip']).where('instance_id', '=', row.loadbalancer_id).executeTakeFirstOrThrow()
  return { lb: row.loadbalancer_id, ip: nic.private_ip, nic: nic.nic_id }
}

/** AssociateEipsToLoadBalancer, and its job run. */
export async function bindEips(t: TestApp, lb: string, eips: string[], key?: Key): Promise<void> {
  await done(t, 'AssociateEipsToLoadBalancer', { loadbalancer: lb, eips }, key)
}

/** A load balancer's EIP bindings: `eip transition`, sorted. */
export async function bindingsOf(t: TestApp, lb: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('loadbalancer_eips').select(['eip_id', 'transition_status']).where('loadbalancer_id', '=', lb).execute()
  return rows.map((r) => `${r.eip_id} ${r.transition_status}`.trim()).sort()
}

/** The NICs a load balancer holds: `vxnet address transition`, sorted. */
export async function lbNics(t: TestApp, lb: string): Promise<string[]> {
  const rows = await t.store.db.selectFrom('nics').select(['vxnet_id', 'private_ip', 'transition_status']).where('instance_id', '=', lb).execute()
  return rows.map((r) => `${r.vxnet_id} ${r.private_ip} ${r.transition_status}`.trim()).sort()
}
