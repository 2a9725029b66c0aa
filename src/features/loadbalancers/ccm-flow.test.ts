// The Kubernetes cloud-controller-manager's flow for one Service of type LoadBalancer, replayed
// through the wire with the parameters the Go SDK puts on it (its `default:` tags: limit, offset,
// verbose, mode, cluster_mode, loadbalancer_type; every set field of a nested listener or backend):
// the default LB security group, an allocated EIP, CreateLoadBalancer waited on at verbose 0, tags,
// tcp/udp/https listeners (the https one with http backends and a certificate), node backends
// without weight, UpdateLoadBalancers, a second sync that finds every listener unchanged, a node
// change, and the delete path (2100 meaning gone, the EIP released afterwards). The same flow was
// run with the real Go SDK (docs/real-clients.md, scripts/real-clients/ccm-flow.go).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const CERT = readFileSync(new URL('../../../test/fixtures/certificates/ccm-flow.crt', import.meta.url), 'utf8')
const KEY = readFileSync(new URL('../../../test/fixtures/certificates/ccm-flow.key', import.meta.url), 'utf8')

/** DescribeLoadBalancers as the Go SDK sends it (limit, offset and verbose always present). */
const describeLbs = (params: Record<string, unknown>) => t.call('DescribeLoadBalancers', { limit: 20, offset: 0, verbose: 0, ...params })

/** The Go SDK's WaitJob: the job must end `successful`. */
async function waitJob(jobId: string): Promise<void> {
  await t.settle()
  const job = ok(await t.call('DescribeJobs', { jobs: [jobId], limit: 20, offset: 0, verbose: 0 })).job_set[0]
  assert.equal(job.status, 'successful', `${job.job_action} ${jobId}: ${job.status}`)
}

const PREFIX = 'listener_default_web_'
const PORTS = [
  { port: 80, node: 30080, proto: 'tcp', backend: 'tcp', check: 'tcp' },
  { port: 53, node: 30053, proto: 'udp', backend: 'udp', check: 'udp' },
  { port: 443, node: 30443, proto: 'https', backend: 'http', check: 'tcp' },
]

it('serves a Service of type LoadBalancer from creation to deletion as the cloud-controller-manager drives it', async () => {
  // start-up: the owner from the access key, the default LB security group
  const owner = ok(await t.call('DescribeAccessKeys', { access_keys: [t.user.access_key_id], limit: 20, offset: 0, verbose: 0 })).access_key_set[0].owner
  assert.equal(owner, t.user.user_id)
  const tag = ok(await t.call('CreateTag', { tag_name: 'k8s-cluster' })).tag_id
  const attach = async (resource_id: string, resource_type: string) => ok(await t.call('AttachTags', { resource_tag_pairs: [{ resource_id, tag_id: tag, resource_type }] }))
  assert.equal(ok(await t.call('DescribeSecurityGroups', { search_word: 'k8s_lb_default_sg', owner, limit: 20, offset: 0, verbose: 0 })).security_group_set.length, 0)
  const sg = ok(await t.call('CreateSecurityGroup', { security_group_name: 'k8s_lb_default_sg' })).security_group_id
  await attach(sg, 'security_group')
  ok(
    await t.call('AddSecurityGroupRules', {
      security_group: sg,
      rules: [
        { priority: 0, protocol: 'icmp', action: 'accept', val1: '8', val2: '0' },
        { priority: 1, protocol: 'tcp', action: 'accept', val1: '1', val2: '65535' },
      ],
    }),
  )
  await waitJob(ok(await t.call('ApplySecurityGroup', { security_group: sg })).job_id)

  // three nodes
  const run = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 3, cpu: 1, memory: 1024 }))
  await waitJob(run.job_id)
  const nodes: string[] = run.instances

  // an EIP: none free, so one is allocated and waited on
  assert.equal(ok(await t.call('DescribeEips', { owner, status: ['available'], limit: 20, offset: 0 })).eip_set.length, 0)
  const eip = ok(await t.call('AllocateEips', { bandwidth: 2, eip_name: 'k8s_lb_allocate_eip', billing_mode: 'bandwidth', count: 1, need_icp: 0 })).eips[0]
  await t.settle()
  assert.equal(ok(await t.call('DescribeEips', { eips: [eip], limit: 20, offset: 0 })).eip_set[0].status, 'available')
  await attach(eip, 'eip')

  // the load balancer: describable at once, waited on at verbose 0 until active and idle
  const name = 'k8s_lb_kubernetes_default_web_4f1c'
  const created = ok(await t.call('CreateLoadBalancer', { eips: [eip], loadbalancer_name: name, loadbalancer_type: 0, node_count: 2, security_group: sg, mode: 1, cluster_mode: 0 }))
  const lbId: string = created.loadbalancer_id
  assert.match(created.job_id, /^j-/)
  const pending = ok(await describeLbs({ loadbalancers: [lbId] })).loadbalancer_set[0]
  assert.deepEqual([pending.status, pending.transition_status], ['pending', 'creating'])
  await t.settle()
  const lb = ok(await describeLbs({ loadbalancers: [lbId] })).loadbalancer_set[0]
  assert.deepEqual([lb.status, lb.transition_status], ['active', ''])
  // the VIPs: private_ips up to the first 198.19 address, then every cluster EIP's address
  const eipAddr = ok(await t.call('DescribeEips', { eips: [eip] })).eip_set[0].eip_addr
  assert.deepEqual(lb.cluster, [{ eip_id: eip, eip_name: 'k8s_lb_allocate_eip', eip_addr: eipAddr }])
  assert.ok(lb.private_ips.length > 0 && !lb.private_ips[0].startsWith('198.19'), JSON.stringify(lb.private_ips))
  assert.deepEqual([lb.node_count, lb.loadbalancer_type, lb.security_group_id, lb.vxnet_id], [2, 0, sg, 'vxnet-0'])
  await attach(lbId, 'loadbalancer')

  // the https port's certificate (the CCM takes its id from an annotation)
  const cert = ok(await t.call('CreateServerCertificate', { server_certificate_name: 'web', certificate_content: CERT, private_key: KEY }, { method: 'POST' }))

  // the listeners, in one call, with every field the Go SDK sends for them
  const added = ok(
    await t.call('AddLoadBalancerListeners', {
      loadbalancer: lbId,
      listeners: PORTS.map((p) => ({
        listener_port: p.port,
        listener_protocol: p.proto,
        backend_protocol: p.backend,
        loadbalancer_listener_name: PREFIX,
        healthy_check_method: p.check,
        healthy_check_option: '10|5|2|5',
        balance_mode: 'roundrobin',
        ...(p.proto === 'https' && { server_certificate_id: cert.server_certificate_id }),
        timeout: 50,
        scene: 0,
        forwardfor: 0,
        listener_option: 0,
      })),
    }),
  )
  const listenerIds: string[] = added.loadbalancer_listeners
  assert.equal(listenerIds.length, 3)
  const listeners = ok(await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: listenerIds, verbose: 1, limit: 100, offset: 0 })).loadbalancer_listener_set
  const portOf = (l: { listener_port: number }) => PORTS.find((p) => p.port === l.listener_port)!
  const addBackends = async (listener: string, port: number, ids: string[]) =>
    ok(await t.call('AddLoadBalancerBackends', { loadbalancer_listener: listener, backends: ids.map((n) => ({ loadbalancer_backend_name: n, resource_id: n, port })) }))
  for (const l of listeners) await addBackends(l.loadbalancer_listener_id, portOf(l).node, nodes.slice(0, 2))

  const update = async () => {
    const current = ok(await describeLbs({ loadbalancers: [lbId], verbose: 2 })).loadbalancer_set[0]
    assert.equal(current.is_applied, 0, 'changes wait for UpdateLoadBalancers')
    await waitJob(ok(await t.call('UpdateLoadBalancers', { loadbalancers: [lbId] })).job_id)
  }
  await update()

  // the next sync: found by exact name among pending/active/stopped, every listener kept
  const found = ok(await describeLbs({ status: ['pending', 'active', 'stopped'], search_word: name, owner, verbose: 2 })).loadbalancer_set.filter((x: { loadbalancer_name: string }) => x.loadbalancer_name === name)
  assert.equal(found.length, 1)
  assert.equal(found[0].is_applied, 1)
  const mine = found[0].listeners.filter((l: { loadbalancer_listener_name: string }) => l.loadbalancer_listener_name.startsWith(PREFIX)).map((l: { loadbalancer_listener_id: string }) => l.loadbalancer_listener_id)
  const synced = ok(await t.call('DescribeLoadBalancerListeners', { loadbalancer_listeners: mine, verbose: 1, limit: 100, offset: 0 })).loadbalancer_listener_set
  assert.equal(synced.length, 3)
  for (const l of synced) {
    const p = portOf(l)
    assert.deepEqual(
      [l.backends[0].port, l.balance_mode, l.healthy_check_option, l.healthy_check_method, l.listener_protocol, l.backend_protocol, l.timeout, l.scene, l.forwardfor, l.listener_option],
      [p.node, 'roundrobin', '10|5|2|5', p.check, p.proto, p.backend, 50, 0, 0, 0],
      `listener ${p.port} echoes what was stored`,
    )
    assert.deepEqual(l.server_certificate_id, p.proto === 'https' ? [cert.server_certificate_id] : [])
    assert.deepEqual(l.backends.map((b: { loadbalancer_backend_name: string }) => b.loadbalancer_backend_name).sort(), nodes.slice(0, 2).sort())
  }

  // a node leaves and another joins
  for (const l of synced) {
    const gone = l.backends.filter((b: { loadbalancer_backend_name: string }) => b.loadbalancer_backend_name.includes(nodes[1]!)).map((b: { loadbalancer_backend_id: string }) => b.loadbalancer_backend_id)
    ok(await t.call('DeleteLoadBalancerBackends', { loadbalancer_backends: gone }))
    await addBackends(l.loadbalancer_listener_id, portOf(l).node, [nodes[2]!])
  }
  await update()
  const after = ok(await t.call('DescribeLoadBalancerBackends', { loadbalancer: lbId, limit: 100, offset: 0, verbose: 0 })).loadbalancer_backend_set
  assert.deepEqual([...new Set(after.map((b: { resource_id: string }) => b.resource_id))].sort(), [nodes[0], nodes[2]].sort())
  assert.ok(after.every((b: { status: string; weight: number }) => b.status === 'up' && b.weight === 1))

  // delete: the load balancer (its job), then again (2100: already gone), then the EIP
  const deleted = ok(await t.call('DeleteLoadBalancers', { loadbalancers: [lbId] }))
  await waitJob(deleted.job_id)
  const again = await t.call('DeleteLoadBalancers', { loadbalancers: [lbId] })
  assert.equal(again.ret_code, 2100, again.message)
  await waitJob(ok(await t.call('ReleaseEips', { eips: [eip] })).job_id)
  const gone = ok(await describeLbs({ loadbalancers: [lbId] })).loadbalancer_set[0]
  assert.deepEqual([gone.status, gone.transition_status, gone.cluster], ['deleted', '', []])
  ok(await t.call('DeleteServerCertificates', { server_certificates: [cert.server_certificate_id] }))
  await waitJob(ok(await t.call('TerminateInstances', { instances: nodes })).job_id)
})
